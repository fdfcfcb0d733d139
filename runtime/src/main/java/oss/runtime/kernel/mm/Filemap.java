package oss.runtime.kernel.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oss.runtime.kernel.mm.alloc.Zones;

/**
 * read(2) and write(2) of regular files through the page cache, as Linux's mm/filemap.c
 * (filemap_read, generic_perform_write) and mm/page-writeback.c tell it. The pages are the ones a
 * file mapping faults in ({@link PageFault}: key {@code "file" + i + ":" + page}), so a page that
 * {@code read} brought in is a minor fault for {@code mmap}, and the reverse.
 *
 * <p>A page not in the cache is read from the disk: one {@code disk latency} per page, the unit the
 * machine's disk has (swap, msync and major faults pay the same), with no readahead. Linux would
 * read ahead (up to read_ahead_kb, 128 KiB) and put neighbouring blocks in one bio; oss's disk has a
 * latency and no bandwidth, so one page is one transfer and the counts come out as a textbook counts
 * them: every page touched that is not cached is a miss. While the pages arrive the caller sleeps
 * in state D: filemap_read_folio waits in folio_wait_locked_killable, TASK_KILLABLE, which is
 * TASK_UNINTERRUPTIBLE to ps. A page another read is still bringing in is found in the cache (a
 * hit) but not yet up to date: the reader waits for it too, as filemap_update_page does.
 *
 * <p>A write copies into the cache and marks the pages dirty (Dirty in meminfo). A write that
 * covers part of a page holding file data not in the cache reads that page first (write_begin's
 * read of a partial block); a whole page, or one wholly past the old end of the file, needs no read.
 * Dirty pages reach the disk on {@code fsync}, one latency each, the caller asleep in D.
 *
 * <p>Counters, as /proc/PID/io counts them (task_io_accounting): read_bytes, a page for each page
 * read from the disk for the task; write_bytes, a page for each page the task's write turned
 * dirty (Linux counts at dirtying time, not when the page reaches the disk); and cachestat's
 * hits and misses, per page touched.
 */
public final class Filemap {
    private final MemoryManager mgr;
    /** The instant each page a read brought in is up to date (its I/O done), by cache key. */
    private final Map<String, Long> readyAt = new TreeMap<>();
    /** Per task: hits, misses, read_bytes, write_bytes. */
    private final Map<Integer, long[]> tasks = new TreeMap<>();
    /** Per file (its mapping index): hits, misses, bytes read from the disk, bytes written to it. */
    private final Map<Integer, long[]> files = new TreeMap<>();
    private final List<String> names = new ArrayList<>();

    static final int HITS = 0;
    static final int MISSES = 1;
    static final int READ_BYTES = 2;
    static final int WRITE_BYTES = 3;

    Filemap(MemoryManager mgr) {
        this.mgr = mgr;
    }

    /** What one read or write did to the cache, for the statement's fact and the caller's sleep. */
    public record Outcome(long hits, long misses, long waitNs) {
        /** "2 pages: 1 from the page cache, 1 read from the disk", in the run's words. */
        public String describe() {
            long pages = hits + misses;
            if (pages == 0) {
                return "";
            }
            return pages + (pages == 1 ? " page" : " pages") + ": " + hits + " in the page cache, " + misses
                    + " read from the disk" + (waitNs > 0 ? " (asleep " + oss.runtime.observe.Durations.format(waitNs)
                    + " in state D)" : "");
        }
    }

    /**
     * filemap_read: {@code n} bytes at {@code from} of file {@code file} ({@code path} for views) by
     * {@code pid} at {@code now}. Each page touched is a hit, or a miss read from the disk.
     */
    public Outcome read(int pid, int file, String path, long from, long n, long now) {
        if (n <= 0) {
            return new Outcome(0, 0, 0);
        }
        long first = from >>> MemoryManager.PAGE_SHIFT;
        long last = (from + n - 1) >>> MemoryManager.PAGE_SHIFT;
        return touch(pid, file, path, first, last, now);
    }

    /** The pages {@code first..last} of a file, read in order: a miss waits one latency after the previous one. */
    private Outcome touch(int pid, int file, String path, long first, long last, long now) {
        long hits = 0;
        long misses = 0;
        long inFlight = now; // when the last page another read is bringing in is up to date
        long latency = mgr.hw.diskLatencyNs();
        for (long page = first; page <= last; page++) {
            String key = key(file, page);
            if (mgr.pageCache.containsKey(key)) {
                hits++;
                Long ready = readyAt.get(key);
                if (ready != null) {
                    if (ready > now) {
                        inFlight = Math.max(inFlight, ready);
                    } else {
                        readyAt.remove(key);
                    }
                }
                continue;
            }
            misses++;
            if (cache(key)) {
                readyAt.put(key, now + misses * latency);
            }
        }
        count(pid, file, path, hits, misses, misses * MemoryManager.PAGE_SIZE, 0);
        return new Outcome(hits, misses, Math.max(inFlight, now + misses * latency) - now);
    }

    /** A frame for a new page-cache page, taken as any other (reclaiming if none is free); false if none. */
    private boolean cache(String key) {
        long frame = mgr.zones.allocate(0, Zones.Zone.NORMAL);
        for (int tries = 0; frame < 0 && tries < 64 && mgr.reclaim.reclaimOne(); tries++) {
            frame = mgr.zones.allocate(0, Zones.Zone.NORMAL);
        }
        if (frame < 0) {
            return false; // read straight to the caller, kept nowhere: the next read misses again
        }
        mgr.pageCache.put(key, frame);
        mgr.frames.get(frame).cacheKey = key;
        return true;
    }

    private void count(int pid, int file, String path, long hits, long misses, long readBytes, long writeBytes) {
        long[] t = tasks.computeIfAbsent(pid, p -> new long[4]);
        t[HITS] += hits;
        t[MISSES] += misses;
        t[READ_BYTES] += readBytes;
        t[WRITE_BYTES] += writeBytes;
        long[] f = files.computeIfAbsent(file, i -> new long[4]);
        f[HITS] += hits;
        f[MISSES] += misses;
        f[READ_BYTES] += readBytes;
        while (names.size() <= file) {
            names.add(null);
        }
        names.set(file, path);
    }

    static String key(int file, long page) {
        return "file" + file + ":" + page;
    }

    /** Task {@code pid}'s counters: page-cache hits, misses, read_bytes, write_bytes (zeros if it did no file I/O). */
    public long[] task(int pid) {
        long[] t = tasks.get(pid);
        return t == null ? new long[4] : t.clone();
    }
}
