package oss.runtime.observe;

/** One cache level over the whole run, all CPUs' copies together for a private level. */
public record CacheStats(String name, long hits, long misses, long writebacks) {}
