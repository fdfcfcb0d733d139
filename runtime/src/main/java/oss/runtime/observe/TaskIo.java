package oss.runtime.observe;

/**
 * One task's file I/O at the end of a run: what /proc/PID/io counts (read_bytes, write_bytes) and
 * what cachestat counts per page a read or write touched (hits, misses). Linux counts write_bytes
 * when a page turns dirty, not when it reaches the disk, and so does this.
 *
 * @param cacheHits   pages a read or write of a regular file found in the page cache
 * @param cacheMisses pages it did not find there (read from the disk, or a new page a write made)
 * @param readBytes   bytes read from the disk for it: a page per page read
 * @param writeBytes  bytes it caused to be written to the disk: a page per page its writes turned dirty
 */
public record TaskIo(long cacheHits, long cacheMisses, long readBytes, long writeBytes) {
    public static final TaskIo NONE = new TaskIo(0, 0, 0, 0);
}
