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
    private final Map<Integer, String> names = new TreeMap<>();
    /** When each dirty page was dirtied, by cache key: the flusher writes a file once its oldest is expired. */
    private final Map<String, Long> dirtiedAt = new TreeMap<>();
    /** Each file's oldest dirty page's time (its inode's dirtied_when), so the flusher's check costs one look per file. */
    private final Map<Integer, Long> oldestDirty = new TreeMap<>();
    /**
     * The file pages in the page cache that no process maps, least recently used first: Linux's
     * file LRU lists as one list, what reclaim frees first under memory pressure. A page a process
     * maps leaves it (it is not reclaimable here) and comes back when a read, a write or a fault
     * uses it again.
     */
    private final java.util.LinkedHashMap<String, Boolean> lru = new java.util.LinkedHashMap<>(16, 0.75f, true);
    /** Pages reclaim freed, and how many of them it wrote to the disk first (pgsteal_file, pgpgout). */
    private long reclaimed;
    private long reclaimedDirty;
    /** Files whose inode changed since their last sync: [mtime changed, size changed], by mapping index. */
    private final Map<Integer, boolean[]> inodeDirty = new TreeMap<>();

    static final int HITS = 0;
    static final int MISSES = 1;
    static final int READ_BYTES = 2;
    static final int WRITE_BYTES = 3;
    /** Per file only: bytes written to the disk (by fsync or the flusher). */
    static final int WRITTEN = 3;

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

        /** A write's pages: "1 page: 0 in the page cache, 1 new, dirty now". */
        public String describeWrite() {
            long pages = hits + misses;
            return pages + (pages == 1 ? " page" : " pages") + " dirty in the page cache (" + hits + " were there, "
                    + misses + " added)" + (waitNs > 0 ? "; a partial page read from the disk first (asleep "
                    + oss.runtime.observe.Durations.format(waitNs) + " in state D)" : "");
        }
    }

    /** What an fsync wrote: dirty pages, whether the inode too, and the caller's wait. */
    public record Synced(long pages, boolean inode, long waitNs) {}

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
                lru.put(key, Boolean.TRUE);
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

    /**
     * generic_perform_write: {@code n} bytes at {@code from} of a file whose size was {@code oldSize}.
     * Each page is a hit, or a miss; a miss is read from the disk first only when the write covers
     * part of it and it holds file data (write_begin's read), else it is a new zeroed page. Every
     * page becomes dirty; a page that was clean counts a page of write_bytes for {@code pid}.
     */
    public Outcome write(int pid, int file, String path, long from, long n, long oldSize, long now) {
        if (n <= 0) {
            return new Outcome(0, 0, 0);
        }
        writeback(now);
        long first = from >>> MemoryManager.PAGE_SHIFT;
        long last = (from + n - 1) >>> MemoryManager.PAGE_SHIFT;
        long hits = 0;
        long misses = 0;
        long reads = 0;
        long inFlight = now;
        long dirtied = 0;
        long latency = mgr.hw.diskLatencyNs();
        for (long page = first; page <= last; page++) {
            String key = key(file, page);
            long start = page << MemoryManager.PAGE_SHIFT;
            Long frame = mgr.pageCache.get(key);
            if (frame != null) {
                hits++;
                lru.put(key, Boolean.TRUE);
                Long ready = readyAt.get(key);
                if (ready != null && ready > now) {
                    inFlight = Math.max(inFlight, ready);
                }
            } else {
                misses++;
                boolean partial = from > start || from + n < start + MemoryManager.PAGE_SIZE;
                if (partial && start < oldSize) {
                    reads++;
                }
                if (!cache(key)) {
                    inFlight = Math.max(inFlight, now + (reads + 1) * latency); // written through, waited for
                    count(pid, file, path, 0, 0, 0, 0);
                    files.get(file)[WRITTEN] += MemoryManager.PAGE_SIZE;
                    continue;
                }
                frame = mgr.pageCache.get(key);
                if (partial && start < oldSize) {
                    readyAt.put(key, now + reads * latency);
                }
            }
            FrameTable.Page p = mgr.frames.get(frame);
            if (!p.dirty) {
                p.dirty = true;
                dirtied++;
                dirtiedAt.put(key, now);
                oldestDirty.putIfAbsent(file, now);
            }
        }
        boolean[] inode = inodeDirty.computeIfAbsent(file, f -> new boolean[2]);
        inode[0] = true; // mtime, which fdatasync need not write
        inode[1] |= from + n > oldSize; // the size, which it must
        count(pid, file, path, hits, misses, reads * MemoryManager.PAGE_SIZE, dirtied * MemoryManager.PAGE_SIZE);
        return new Outcome(hits, misses, Math.max(inFlight, now + reads * latency) - now);
    }

    /**
     * fsync(2), or fdatasync(2) when {@code dataOnly}: every dirty page of the file goes to the disk,
     * one latency each, then the inode, one more: for fsync when anything changed since the last
     * sync, for fdatasync only when the size did (fdatasync(2): mtime is not needed to read the data
     * back). Returns the pages written and the caller's wait.
     */
    public Synced fsync(int file, String path, boolean dataOnly, long now) {
        writeback(now);
        names.put(file, path);
        // every dirty page of the file: written through write, or through a shared mapping
        String prefix = "file" + file + ":";
        List<String> dirty = new ArrayList<>();
        for (var e : mgr.pageCache.entrySet()) {
            if (e.getKey().startsWith(prefix) && mgr.frames.get(e.getValue()).dirty) {
                dirty.add(e.getKey());
            }
        }
        clean(file, dirty);
        boolean[] inode = inodeDirty.getOrDefault(file, new boolean[2]);
        boolean writeInode = dataOnly ? inode[1] : inode[0] || inode[1];
        inodeDirty.remove(file);
        long transfers = dirty.size() + (writeInode ? 1 : 0);
        return new Synced(dirty.size(), writeInode, transfers * mgr.hw.diskLatencyNs());
    }

    /**
     * The flusher (wb_workfn with for_kupdate), computed when someone looks: it wakes every
     * {@code dirty_writeback} from boot and writes every dirty page of each file whose oldest dirty
     * page is at least {@code dirty_expire} old (kernel settings: Linux's vm.dirty_writeback_centisecs
     * and vm.dirty_expire_centisecs, 5 s and 30 s unless set), as Linux writes an expired inode's
     * pages. Nobody waits for it: the flusher thread's time, and the disk has no queue here.
     */
    public void writeback(long now) {
        long writebackNs = mgr.program.kernel().dirtyWritebackNs();
        long expireNs = mgr.program.kernel().dirtyExpireNs();
        if (writebackNs <= 0) {
            return; // dirty_writeback_centisecs = 0: no periodic writeback (fsync and reclaim still write)
        }
        for (int guard = 0; guard < 1_000_000 && !oldestDirty.isEmpty(); guard++) {
            int file = -1;
            long oldest = Long.MAX_VALUE;
            for (var e : oldestDirty.entrySet()) {
                if (e.getValue() < oldest) {
                    oldest = e.getValue();
                    file = e.getKey();
                }
            }
            long expired = oldest + expireNs;
            long wake = (expired + writebackNs - 1) / writebackNs * writebackNs;
            if (wake > now) {
                return;
            }
            clean(file, dirtyPages(file, wake));
            inodeDirty.remove(file); // writeback_single_inode writes the inode with its pages
        }
    }

    /** The dirty pages of {@code file} dirtied at or before {@code by}, in key order. */
    private List<String> dirtyPages(int file, long by) {
        String prefix = "file" + file + ":";
        List<String> out = new ArrayList<>();
        for (var e : dirtiedAt.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getValue() <= by) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * The pages reach the disk: clean in the cache, and in every shared mapping of the file
     * (page_mkclean), so msync does not write them again.
     */
    private void clean(int file, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        java.util.Set<Long> frames = new java.util.TreeSet<>();
        for (String key : keys) {
            dirtiedAt.remove(key);
            Long frame = mgr.pageCache.get(key);
            if (frame != null) {
                mgr.frames.get(frame).dirty = false;
                frames.add(frame);
            }
        }
        files.computeIfAbsent(file, i -> new long[4])[WRITTEN] += (long) keys.size() * MemoryManager.PAGE_SIZE;
        oldestDirty.remove(file);
        String prefix = "file" + file + ":";
        for (var e : dirtiedAt.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                oldestDirty.merge(file, e.getValue(), Math::min);
            }
        }
        for (AddressSpace mm : mgr.mmOf.values()) {
            for (Vma v : mm.vmas()) {
                if (v.file == file && v.shared) {
                    mm.pageTable.forEachMapped(v.start, v.end, (va, pte) -> {
                        if (frames.contains(oss.runtime.hw.mem.Pte.frame(pte, MemoryManager.PAGE_SHIFT))
                                && oss.runtime.hw.mem.Pte.has(pte, oss.runtime.hw.mem.Pte.DIRTY)) {
                            mm.pageTable.setPte(va, pte & ~oss.runtime.hw.mem.Pte.DIRTY);
                            mgr.reclaim.invalidate(mm, va);
                        }
                    });
                }
            }
        }
    }

    /** truncate_inode_pages: O_TRUNC empties the file, and its pages leave the cache, dirty or not. */
    public void truncate(int file) {
        String prefix = "file" + file + ":";
        lru.keySet().removeIf(k -> k.startsWith(prefix));
        dirtiedAt.keySet().removeIf(k -> k.startsWith(prefix));
        oldestDirty.remove(file);
        readyAt.keySet().removeIf(k -> k.startsWith(prefix));
        for (var e : mgr.pageCache.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                mgr.frames.get(e.getValue()).dirty = false;
            }
        }
        mgr.lifecycle.dropFromCache(prefix);
        inodeDirty.computeIfAbsent(file, f -> new boolean[2])[1] = true;
    }

    /** Dirty file pages in the page cache (meminfo's Dirty); call {@link #writeback} first. */
    public long dirtyPages() {
        long n = 0;
        for (var e : mgr.pageCache.entrySet()) {
            if (e.getKey().startsWith("file") && mgr.frames.get(e.getValue()).dirty) {
                n++;
            }
        }
        return n;
    }

    /**
     * The {@code pagecache} view, one line per file a read or write touched, as fincore(1) and
     * cachestat show them: pages cached and dirty now, hits and misses, bytes read from and written to
     * the disk for it; null before any. Call {@link #writeback} first.
     */
    public String view() {
        if (files.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(String.format("%-20s %7s %7s %8s %8s %12s %12s%n", "FILE", "CACHED",
                "DIRTY", "HITS", "MISSES", "READ_BYTES", "WRITE_BYTES"));
        for (var e : files.entrySet()) {
            String prefix = "file" + e.getKey() + ":";
            long cached = 0;
            long dirty = 0;
            for (var p : mgr.pageCache.entrySet()) {
                if (!p.getKey().startsWith(prefix)) {
                    continue;
                }
                cached++;
                dirty += mgr.frames.get(p.getValue()).dirty ? 1 : 0;
            }
            long[] f = e.getValue();
            sb.append(String.format("%-20s %7d %7d %8d %8d %12d %12d%n", names.getOrDefault(e.getKey(), "?"), cached, dirty, f[HITS],
                    f[MISSES], f[READ_BYTES], f[WRITTEN]));
        }
        return sb.toString();
    }

    /**
     * A frame for a new page-cache page, taken as any other: an older unmapped cache page is freed
     * first when none is free, then a process's page; false if none.
     */
    private boolean cache(String key) {
        long frame = mgr.zones.allocate(0, Zones.Zone.NORMAL);
        while (frame < 0 && shrinkOne()) {
            frame = mgr.zones.allocate(0, Zones.Zone.NORMAL);
        }
        for (int tries = 0; frame < 0 && tries < 64 && mgr.reclaim.reclaimOne(); tries++) {
            frame = mgr.zones.allocate(0, Zones.Zone.NORMAL);
        }
        if (frame < 0) {
            return false; // read straight to the caller, kept nowhere: the next read misses again
        }
        mgr.pageCache.put(key, frame);
        mgr.frames.get(frame).cacheKey = key;
        lru.put(key, Boolean.TRUE);
        return true;
    }

    /** A fault found or brought in file page {@code key}: it is the most recently used. */
    void referenced(String key) {
        lru.put(key, Boolean.TRUE);
    }

    /**
     * Reclaim of one page from the file LRU (shrink_folio_list): the least recently used page-cache
     * page no process maps leaves the cache and its frame is free; a dirty one is written to the
     * disk first (pageout), so its data is not lost. The write is the flusher's, asynchronous: no
     * task waits for it. False when there is no such page.
     */
    boolean shrinkOne() {
        for (var it = lru.keySet().iterator(); it.hasNext();) {
            String key = it.next();
            Long frame = mgr.pageCache.get(key);
            if (frame == null || mgr.frames.get(frame).mapCount > 0) {
                it.remove(); // gone, or mapped: a later use puts it back
                continue;
            }
            it.remove();
            FrameTable.Page p = mgr.frames.get(frame);
            if (p.dirty) {
                clean(fileOf(key), List.of(key));
                reclaimedDirty++;
            }
            reclaimed++;
            readyAt.remove(key);
            mgr.pageCache.remove(key);
            p.cacheKey = null;
            if (mgr.frames.releaseIfUnused(frame)) {
                mgr.frameSource.freeFrame(frame);
            }
            return true;
        }
        return false;
    }

    /** Page-cache pages reclaim freed so far, and how many of them were dirty (written out first). */
    public long[] reclaimed() {
        return new long[] {reclaimed, reclaimedDirty};
    }

    private static int fileOf(String key) {
        return Integer.parseInt(key.substring(4, key.indexOf(':')));
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
        names.put(file, path);
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
