package oss.runtime.observe;

/**
 * One paging-structure cache over the whole run, all CPUs together: {@code name} is
 * {@code PML4E}, {@code PDPTE} or {@code PDE}; a lookup is counted in the cache that was asked
 * (the PDE cache on every walk, the PDPTE cache when the PDE cache missed, and so on).
 */
public record PscStats(String name, long hits, long misses) {}
