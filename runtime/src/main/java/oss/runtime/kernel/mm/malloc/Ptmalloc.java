package oss.runtime.kernel.mm.malloc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * glibc's malloc (ptmalloc2, as in glibc 2.35 on x86_64), main arena only, a
 * single thread. Only bookkeeping is simulated: chunks are objects keyed by
 * address, no bytes are written, so headers cannot be corrupted.
 *
 * <h2>Chunks</h2>
 * A chunk starts with a 16-byte header (prev_size, size with PREV_INUSE=1 and
 * IS_MMAPPED=2 in the low bits); the user address is chunk + 16. The size for
 * a request is glibc's {@code request2size}: {@code request + SIZE_SZ(8)}
 * rounded up to {@code MALLOC_ALIGNMENT(16)}, at least {@code MINSIZE(32)}
 * (only 8 and not 16 bytes of overhead because an in-use chunk also uses the
 * next chunk's prev_size field). So malloc(100) is a 112-byte chunk, malloc(24)
 * a 32-byte one, malloc(25) a 48-byte one.
 *
 * <h2>What is implemented as glibc does it</h2>
 * <ul>
 * <li>The main arena grows with sbrk. sysmalloc asks for
 *     {@code nb + top_pad(128 KiB) + MINSIZE - old top size} rounded up to a
 *     page; the first call has no top, so malloc(100) sbrk's 112 + 131072 + 32
 *     = 131216 rounded to 135168. Later requests split the top chunk. If the
 *     first break is not 16-aligned a second sbrk corrects it (glibc's
 *     correction; it is skipped when the correction is 0).</li>
 * <li>mmap: when neither the bins nor the top can serve a request, a chunk of
 *     at least the mmap threshold gets its own mapping of
 *     {@code align_up(nb + 8, page)} bytes (chunk at the mapping start,
 *     IS_MMAPPED), unmapped on free. As in glibc the threshold is checked in
 *     sysmalloc, so a large request that fits in a free chunk or the top is
 *     served from the heap. If mmap fails the heap is tried.</li>
 * <li>Dynamic threshold: freeing an mmapped chunk larger than the current
 *     threshold (and at most 32 MiB) raises the threshold to that chunk's size
 *     and the trim threshold to twice it; so after malloc(200 KiB) + free, the
 *     next malloc(200 KiB) comes from the heap. glibc disables this when the
 *     threshold is set explicitly with mallopt; here it is always on.</li>
 * <li>tcache: 64 per-size LIFO bins (chunks 32..1040, requests up to 1032) of
 *     at most 7 chunks, checked first by malloc and free. A hit in a fastbin or
 *     small bin moves the other chunks of that size into the tcache
 *     (stashing); exact fits met in the unsorted bin fill the tcache first.</li>
 * <li>fastbins: LIFO bins for chunks up to 128 bytes (DEFAULT_MXFAST on 64-bit),
 *     never coalesced until malloc_consolidate, which runs for a large
 *     (&ge; 1024-byte chunk) request, when the top is too small, or when a free
 *     produces a chunk of at least 64 KiB (FASTBIN_CONSOLIDATION_THRESHOLD).</li>
 * <li>Other frees coalesce with free neighbours, merge into the top when
 *     adjacent to it, otherwise go to the head of the unsorted bin. malloc
 *     takes the unsorted bin from its tail: the last-remainder shortcut for
 *     small requests, an exact fit, or sorting into the 62 small bins (FIFO)
 *     and 63 large bins (sorted by size, glibc's bin index and "second of equal
 *     size" rule); then the request's large bin (best fit); then the next
 *     non-empty bin above (binmap search, smallest in that bin); split
 *     remainders of at least MINSIZE go to the unsorted bin.</li>
 * <li>Trimming: when such a free leaves the top at least trim_threshold
 *     (128 KiB) big, {@code systrim(top_pad)} returns
 *     {@code align_down(top - MINSIZE - 1 - top_pad, page)} bytes with a
 *     negative sbrk.</li>
 * </ul>
 *
 * <h2>Queries</h2>
 * {@link #inFreedBlock} is true inside any free chunk (tcache, fastbin, bins)
 * and inside the top chunk; false in live chunks, beyond the break and in
 * unmapped memory. {@link #liveBlocks} reports the requested sizes.
 *
 * <h2>Simplified</h2>
 * <ul>
 * <li>One arena, no threads, no per-thread tcache, no locks; the unsorted-bin
 *     iteration limit (10000) and tcache_unsorted_limit are not modelled.</li>
 * <li>Errors are reported, never aborted on. Double free is detected for
 *     every free chunk, in any bin, and for an address whose chunk has since
 *     been merged into a neighbour; glibc only detects the tcache case
 *     ("free(): double free detected in tcache 2"), a fastbin top
 *     ("double free or corruption (fasttop)") and a chunk whose next chunk's
 *     PREV_INUSE is clear ("double free or corruption (!prev)").</li>
 * <li>If sbrk fails glibc maps a 1 MiB non-contiguous region instead; here
 *     malloc returns 0. If the break was moved by someone else since the last
 *     sbrk, the old top is freed into the bins and the new space becomes the
 *     top, without glibc's fencepost chunks. systrim does not re-read the break
 *     with sbrk(0): it assumes only this allocator moves it (as the simulated
 *     kernel does), and uses the break it last set.</li>
 * <li>No mremap/realloc/calloc/memalign, no malloc_trim, no M_MMAP_MAX beyond
 *     glibc's default 65536 mappings.</li>
 * </ul>
 */
public final class Ptmalloc implements UserAllocator {
    static final long SIZE_SZ = 8;
    static final long MALLOC_ALIGNMENT = 16;
    static final long MINSIZE = 32;
    static final long HEADER = 16;
    static final int TCACHE_BINS = 64;
    static final int TCACHE_COUNT = 7;
    static final long MAX_FAST = 128;
    static final int NFASTBINS = 10;
    static final long MIN_LARGE_SIZE = 1024;
    static final int NBINS = 128;
    static final long TOP_PAD = 128 << 10;
    static final long DEFAULT_TRIM_THRESHOLD = 128 << 10;
    static final long MMAP_THRESHOLD_MAX = 32L << 20;
    static final long FASTBIN_CONSOLIDATION_THRESHOLD = 64 << 10;
    static final int MMAPS_MAX = 65536;
    private static final long IS_MMAPPED = 2;
    private static final long MAX_REQUEST = Long.MAX_VALUE / 4;

    private enum State { INUSE, TCACHE, FASTBIN, UNSORTED, SMALLBIN, LARGEBIN }

    private static final class Chunk {
        final long addr;
        long size;
        State state;
        long requested;
        final boolean mmapped;

        Chunk(long addr, long size, State state, boolean mmapped) {
            this.addr = addr;
            this.size = size;
            this.state = state;
            this.mmapped = mmapped;
        }

        boolean free() {
            return state == State.UNSORTED || state == State.SMALLBIN || state == State.LARGEBIN;
        }

        Chunk copy() {
            Chunk c = new Chunk(addr, size, state, mmapped);
            c.requested = requested;
            return c;
        }
    }

    private final UserMemory memory;
    private final long pageSize;
    private long mmapThreshold;
    private long trimThreshold = DEFAULT_TRIM_THRESHOLD;

    /** Heap chunks other than the top, by chunk address. */
    private final TreeMap<Long, Chunk> chunks = new TreeMap<>();
    private final TreeMap<Long, Chunk> mmapped = new TreeMap<>();
    private long topAddr = -1;
    private long topSize;
    /** The break as this allocator last set it, -1 before the first sbrk. */
    private long brk = -1;
    private long heapStart = -1;
    private long lastRemainder = -1;

    @SuppressWarnings("unchecked")
    private final Deque<Chunk>[] tcache = new Deque[TCACHE_BINS];
    @SuppressWarnings("unchecked")
    private final Deque<Chunk>[] fastbins = new Deque[NFASTBINS];
    /** Head first: frees and remainders go to the front, malloc takes from the back. */
    private final LinkedList<Chunk> unsorted = new LinkedList<>();
    /** Small bins head first (FIFO: insert front, take back); large bins sorted by size, largest first. */
    @SuppressWarnings("unchecked")
    private final LinkedList<Chunk>[] bins = new LinkedList[NBINS];
    /** User addresses freed and not handed out since: a second free of one is a double free. */
    private final Set<Long> freed = new HashSet<>();

    public Ptmalloc(UserMemory memory, int pageSize, long mmapThresholdBytes) {
        if (pageSize <= 0 || Long.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two: " + pageSize);
        }
        this.memory = memory;
        this.pageSize = pageSize;
        this.mmapThreshold = mmapThresholdBytes;
        for (int i = 0; i < TCACHE_BINS; i++) {
            tcache[i] = new ArrayDeque<>();
        }
        for (int i = 0; i < NFASTBINS; i++) {
            fastbins[i] = new ArrayDeque<>();
        }
        for (int i = 0; i < NBINS; i++) {
            bins[i] = new LinkedList<>();
        }
    }

    @Override
    public String name() {
        return "ptmalloc";
    }

    public long mmapThreshold() {
        return mmapThreshold;
    }

    public long trimThreshold() {
        return trimThreshold;
    }

    // ---- glibc's size arithmetic ----

    /** glibc's request2size: request + SIZE_SZ rounded up to 16, at least MINSIZE. */
    public static long request2size(long req) {
        long s = req + SIZE_SZ + MALLOC_ALIGNMENT - 1;
        return s < MINSIZE ? MINSIZE : s & ~(MALLOC_ALIGNMENT - 1);
    }

    static int tcacheIndex(long size) {
        // a huge request must not wrap to a negative index (it is never tcache-sized)
        long i = (size - MINSIZE + MALLOC_ALIGNMENT - 1) / MALLOC_ALIGNMENT;
        return i > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) i;
    }

    static int fastbinIndex(long size) {
        return (int) ((size >>> 4) - 2);
    }

    static boolean inSmallbinRange(long size) {
        return size < MIN_LARGE_SIZE;
    }

    static int smallbinIndex(long size) {
        return (int) (size >>> 4);
    }

    static int largebinIndex(long sz) {
        if ((sz >>> 6) <= 48) {
            return (int) (48 + (sz >>> 6));
        }
        if ((sz >>> 9) <= 20) {
            return (int) (91 + (sz >>> 9));
        }
        if ((sz >>> 12) <= 10) {
            return (int) (110 + (sz >>> 12));
        }
        if ((sz >>> 15) <= 4) {
            return (int) (119 + (sz >>> 15));
        }
        if ((sz >>> 18) <= 2) {
            return (int) (124 + (sz >>> 18));
        }
        return 126;
    }

    static int binIndex(long size) {
        return inSmallbinRange(size) ? smallbinIndex(size) : largebinIndex(size);
    }

    private long alignUp(long v) {
        return (v + pageSize - 1) & -pageSize;
    }

    private long alignDown(long v) {
        return v & -pageSize;
    }

    // ---- malloc ----

    @Override
    public long malloc(long bytes) {
        if (bytes < 0 || bytes > MAX_REQUEST) {
            return 0;
        }
        long nb = request2size(bytes);
        int tc = tcacheIndex(nb);
        Chunk c;
        if (tc < TCACHE_BINS && !tcache[tc].isEmpty()) {
            c = tcache[tc].pop();
            c.state = State.INUSE;
        } else {
            c = intMalloc(nb);
            if (c == null) {
                return 0;
            }
        }
        c.requested = bytes;
        long user = c.addr + HEADER;
        freed.remove(user);
        return user;
    }

    private Chunk intMalloc(long nb) {
        int tc = tcacheIndex(nb);
        boolean tcacheable = tc < TCACHE_BINS;
        if (nb <= MAX_FAST) {
            Deque<Chunk> fb = fastbins[fastbinIndex(nb)];
            if (!fb.isEmpty()) {
                Chunk victim = fb.pop();
                while (tcacheable && tcache[tc].size() < TCACHE_COUNT && !fb.isEmpty()) {
                    Chunk t = fb.pop();
                    t.state = State.TCACHE;
                    tcache[tc].push(t);
                }
                victim.state = State.INUSE;
                return victim;
            }
        }
        int idx;
        if (inSmallbinRange(nb)) {
            idx = smallbinIndex(nb);
            LinkedList<Chunk> bin = bins[idx];
            if (!bin.isEmpty()) {
                Chunk victim = bin.removeLast();
                while (tcacheable && tcache[tc].size() < TCACHE_COUNT && !bin.isEmpty()) {
                    Chunk t = bin.removeLast();
                    t.state = State.TCACHE;
                    tcache[tc].push(t);
                }
                victim.state = State.INUSE;
                return victim;
            }
        } else {
            idx = largebinIndex(nb);
            if (haveFastChunks()) {
                mallocConsolidate();
            }
        }
        while (true) {
            boolean returnCached = false;
            while (!unsorted.isEmpty()) {
                Chunk victim = unsorted.getLast();
                long size = victim.size;
                if (inSmallbinRange(nb) && unsorted.size() == 1 && victim.addr == lastRemainder
                        && size > nb + MINSIZE) {
                    unsorted.removeLast();
                    Chunk rem = splitOff(victim, nb);
                    rem.state = State.UNSORTED;
                    unsorted.addFirst(rem);
                    lastRemainder = rem.addr;
                    victim.state = State.INUSE;
                    return victim;
                }
                unsorted.removeLast();
                if (size == nb) {
                    if (tcacheable && tcache[tc].size() < TCACHE_COUNT) {
                        victim.state = State.TCACHE;
                        tcache[tc].push(victim);
                        returnCached = true;
                        continue;
                    }
                    victim.state = State.INUSE;
                    return victim;
                }
                placeInBin(victim);
            }
            if (returnCached) {
                Chunk t = tcache[tc].pop();
                t.state = State.INUSE;
                return t;
            }
            if (!inSmallbinRange(nb)) {
                LinkedList<Chunk> bin = bins[idx];
                if (!bin.isEmpty() && bin.getFirst().size >= nb) {
                    Chunk victim = largeBinBestFit(bin, nb);
                    bin.remove(victim);
                    return splitVictim(victim, nb, false);
                }
            }
            for (int i = idx + 1; i < NBINS; i++) {
                if (!bins[i].isEmpty()) {
                    Chunk victim = bins[i].removeLast();
                    return splitVictim(victim, nb, inSmallbinRange(nb));
                }
            }
            if (topAddr >= 0 && topSize >= nb + MINSIZE) {
                return splitTop(nb);
            }
            if (haveFastChunks()) {
                mallocConsolidate();
                continue;
            }
            return sysmalloc(nb);
        }
    }

    /** The smallest size at least nb; of several that size, the second (glibc keeps the first as the skip-list head). */
    private static Chunk largeBinBestFit(LinkedList<Chunk> bin, long nb) {
        int j = bin.size() - 1;
        while (bin.get(j).size < nb) {
            j--;
        }
        long s = bin.get(j).size;
        while (j > 0 && bin.get(j - 1).size == s) {
            j--;
        }
        if (j + 1 < bin.size() && bin.get(j + 1).size == s) {
            j++;
        }
        return bin.get(j);
    }

    /** victim (already out of its bin) shrinks to nb; the rest becomes a new chunk, returned, not yet binned. */
    private Chunk splitOff(Chunk victim, long nb) {
        Chunk rem = new Chunk(victim.addr + nb, victim.size - nb, State.UNSORTED, false);
        victim.size = nb;
        chunks.put(rem.addr, rem);
        return rem;
    }

    private Chunk splitVictim(Chunk victim, long nb, boolean setLastRemainder) {
        if (victim.size - nb >= MINSIZE) {
            Chunk rem = splitOff(victim, nb);
            unsorted.addFirst(rem);
            if (setLastRemainder) {
                lastRemainder = rem.addr;
            }
        }
        victim.state = State.INUSE;
        return victim;
    }

    private Chunk splitTop(long nb) {
        Chunk c = new Chunk(topAddr, nb, State.INUSE, false);
        chunks.put(c.addr, c);
        topAddr += nb;
        topSize -= nb;
        return c;
    }

    private void placeInBin(Chunk c) {
        if (inSmallbinRange(c.size)) {
            c.state = State.SMALLBIN;
            bins[smallbinIndex(c.size)].addFirst(c);
            return;
        }
        c.state = State.LARGEBIN;
        LinkedList<Chunk> bin = bins[largebinIndex(c.size)];
        int i = 0;
        while (i < bin.size() && bin.get(i).size > c.size) {
            i++;
        }
        if (i < bin.size() && bin.get(i).size == c.size) {
            i++; // glibc: "Always insert in the second position."
        }
        bin.add(i, c);
    }

    private Chunk sysmalloc(long nb) {
        if (nb >= mmapThreshold && mmapped.size() < MMAPS_MAX) {
            long size = alignUp(nb + SIZE_SZ);
            if (size > nb) {
                long mm = memory.mmap(size);
                if (mm != -1) {
                    Chunk c = new Chunk(mm, size, State.INUSE, true);
                    mmapped.put(mm, c);
                    return c;
                }
            }
        }
        long oldSize = topAddr >= 0 ? topSize : 0;
        long size = alignUp(nb + TOP_PAD + MINSIZE - oldSize);
        long got = memory.sbrk(size);
        if (got == -1) {
            return null;
        }
        if (topAddr >= 0 && got == brk && got == topAddr + topSize) {
            topSize += size;
            brk = got + size;
        } else {
            // First call, or the break moved under us: align the start, round the end to a page.
            long aligned = got;
            long correction = 0;
            long frontMisalign = (got + HEADER) & (MALLOC_ALIGNMENT - 1);
            if (frontMisalign > 0) {
                correction = MALLOC_ALIGNMENT - frontMisalign;
                aligned += correction;
            }
            // The old top cannot be extended: ask for its size again (glibc's correction += old_size).
            correction += oldSize;
            long end = got + size + correction;
            correction += alignUp(end) - end;
            long sndBrk = got + size;
            if (correction > 0) {
                long snd = memory.sbrk(correction);
                if (snd == -1) {
                    correction = 0;
                } else {
                    sndBrk = snd;
                }
            }
            brk = sndBrk + correction;
            if (heapStart < 0) {
                heapStart = got;
            }
            long oldTop = topAddr;
            topAddr = aligned;
            topSize = sndBrk - aligned + correction;
            if (oldTop >= 0 && oldSize >= MINSIZE) {
                Chunk old = new Chunk(oldTop, oldSize, State.INUSE, false);
                chunks.put(oldTop, old);
                intFree(old);
            }
        }
        return topSize >= nb + MINSIZE ? splitTop(nb) : null;
    }

    // ---- free ----

    @Override
    public FreeResult free(long address) {
        if (address == 0) {
            return FreeResult.OK;
        }
        Chunk m = mmapped.get(address - HEADER);
        if (m != null) {
            // glibc compares chunksize_nomask (with the IS_MMAPPED bit) to the threshold.
            if ((m.size | IS_MMAPPED) > mmapThreshold && m.size <= MMAP_THRESHOLD_MAX) {
                mmapThreshold = m.size;
                trimThreshold = 2 * mmapThreshold;
            }
            mmapped.remove(m.addr);
            memory.munmap(m.addr, m.size);
            freed.add(address);
            return FreeResult.OK;
        }
        Chunk c = chunks.get(address - HEADER);
        if (c == null || c.state != State.INUSE) {
            return freed.contains(address) ? FreeResult.DOUBLE_FREE : FreeResult.INVALID_POINTER;
        }
        freed.add(address);
        intFree(c);
        return FreeResult.OK;
    }

    private void intFree(Chunk c) {
        int tc = tcacheIndex(c.size);
        if (tc < TCACHE_BINS && tcache[tc].size() < TCACHE_COUNT) {
            c.state = State.TCACHE;
            tcache[tc].push(c);
            return;
        }
        if (c.size <= MAX_FAST) {
            c.state = State.FASTBIN;
            fastbins[fastbinIndex(c.size)].push(c);
            return;
        }
        long size = mergeChunk(c);
        if (size >= FASTBIN_CONSOLIDATION_THRESHOLD) {
            if (haveFastChunks()) {
                mallocConsolidate();
            }
            if (topSize >= trimThreshold) {
                systrim(TOP_PAD);
            }
        }
    }

    /** Coalesces c with free neighbours into the unsorted bin or the top; returns the resulting size. */
    private long mergeChunk(Chunk c) {
        chunks.remove(c.addr);
        long addr = c.addr;
        long size = c.size;
        Map.Entry<Long, Chunk> prevEntry = chunks.lowerEntry(addr);
        if (prevEntry != null) {
            Chunk prev = prevEntry.getValue();
            if (prev.addr + prev.size == addr && prev.free()) {
                unlink(prev);
                chunks.remove(prev.addr);
                addr = prev.addr;
                size += prev.size;
            }
        }
        if (addr + size == topAddr) {
            topAddr = addr;
            topSize += size;
            return topSize;
        }
        Chunk next = chunks.get(addr + size);
        if (next != null && next.free()) {
            unlink(next);
            chunks.remove(next.addr);
            size += next.size;
        }
        Chunk merged = new Chunk(addr, size, State.UNSORTED, false);
        chunks.put(addr, merged);
        unsorted.addFirst(merged);
        return size;
    }

    private void unlink(Chunk c) {
        if (c.state == State.UNSORTED) {
            unsorted.remove(c);
        } else {
            bins[binIndex(c.size)].remove(c);
        }
    }

    private boolean haveFastChunks() {
        for (Deque<Chunk> fb : fastbins) {
            if (!fb.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Every fastbin chunk, smallest bin first, each from its head, coalesced into the unsorted bin or top. */
    private void mallocConsolidate() {
        for (Deque<Chunk> fb : fastbins) {
            while (!fb.isEmpty()) {
                mergeChunk(fb.pop());
            }
        }
    }

    private void systrim(long pad) {
        long topArea = topSize - MINSIZE - 1;
        if (topArea <= pad) {
            return;
        }
        long extra = alignDown(topArea - pad);
        if (extra == 0 || topAddr + topSize != brk) {
            return;
        }
        if (memory.sbrk(-extra) == -1) {
            return;
        }
        topSize -= extra;
        brk -= extra;
    }

    // ---- queries ----

    @Override
    public boolean inFreedBlock(long address) {
        if (topAddr >= 0 && address >= topAddr && address < topAddr + topSize) {
            return true;
        }
        Map.Entry<Long, Chunk> e = chunks.floorEntry(address);
        if (e == null) {
            return false;
        }
        Chunk c = e.getValue();
        return address < c.addr + c.size && c.state != State.INUSE;
    }

    @Override
    public List<Block> liveBlocks() {
        TreeMap<Long, Block> live = new TreeMap<>();
        for (Chunk c : chunks.values()) {
            if (c.state == State.INUSE) {
                live.put(c.addr + HEADER, new Block(c.addr + HEADER, c.requested, false));
            }
        }
        for (Chunk c : mmapped.values()) {
            live.put(c.addr + HEADER, new Block(c.addr + HEADER, c.requested, true));
        }
        return List.copyOf(live.values());
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("ptmalloc main arena");
        if (heapStart < 0) {
            sb.append(": no heap yet");
        } else {
            sb.append(String.format(" [0x%x, 0x%x) %d bytes", heapStart, brk, brk - heapStart));
        }
        sb.append(String.format(", mmap_threshold %d, trim_threshold %d%n", mmapThreshold, trimThreshold));
        boolean prevInUse = true;
        long expected = -1;
        for (Chunk c : chunks.values()) {
            if (expected >= 0 && c.addr != expected) {
                prevInUse = true; // a gap (foreign sbrk): the chunk after it starts a new run
            }
            sb.append(chunkLine(c.addr, c.size, prevInUse, where(c)));
            prevInUse = !c.free();
            expected = c.addr + c.size;
        }
        if (topAddr >= 0) {
            sb.append(chunkLine(topAddr, topSize, expected != topAddr || prevInUse, "top"));
        }
        for (Chunk c : mmapped.values()) {
            sb.append(String.format("  chunk 0x%x size %d (0x%x, IS_MMAPPED) mem 0x%x  mmapped, in use (%d requested)%n",
                    c.addr, c.size, c.size | IS_MMAPPED, c.addr + HEADER, c.requested));
        }
        for (int i = 0; i < TCACHE_BINS; i++) {
            if (!tcache[i].isEmpty()) {
                sb.append(String.format("tcache[%d] size %d (%d/%d):%s%n", i, MINSIZE + MALLOC_ALIGNMENT * i,
                        tcache[i].size(), TCACHE_COUNT, addrs(tcache[i])));
            }
        }
        for (int i = 0; i < NFASTBINS; i++) {
            if (!fastbins[i].isEmpty()) {
                sb.append(String.format("fastbin[%d] size %d:%s%n", i, MINSIZE + MALLOC_ALIGNMENT * i,
                        addrs(fastbins[i])));
            }
        }
        if (!unsorted.isEmpty()) {
            sb.append("unsorted:").append(sized(unsorted)).append(System.lineSeparator());
        }
        for (int i = 2; i < NBINS; i++) {
            if (!bins[i].isEmpty()) {
                sb.append(i < 64 ? String.format("smallbin[%d] size %d:", i, i * 16L)
                        : String.format("largebin[%d]:", i)).append(sized(bins[i])).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    private static String chunkLine(long addr, long size, boolean prevInUse, String what) {
        return String.format("  chunk 0x%x size %d (0x%x%s) mem 0x%x  %s%n", addr, size, size | (prevInUse ? 1 : 0),
                prevInUse ? ", PREV_INUSE" : "", addr + HEADER, what);
    }

    private static String where(Chunk c) {
        return switch (c.state) {
            case INUSE -> "in use (" + c.requested + " requested)";
            case TCACHE -> "free, tcache";
            case FASTBIN -> "free, fastbin";
            case UNSORTED -> "free, unsorted bin";
            case SMALLBIN -> "free, small bin " + smallbinIndex(c.size);
            case LARGEBIN -> "free, large bin " + largebinIndex(c.size);
        };
    }

    private static String addrs(Iterable<Chunk> list) {
        StringBuilder sb = new StringBuilder();
        for (Chunk c : list) {
            sb.append(String.format(" 0x%x", c.addr));
        }
        return sb.toString();
    }

    private static String sized(Iterable<Chunk> list) {
        StringBuilder sb = new StringBuilder();
        for (Chunk c : list) {
            sb.append(String.format(" 0x%x(%d)", c.addr, c.size));
        }
        return sb.toString();
    }

    // ---- fork ----

    @Override
    public Ptmalloc copyFor(UserMemory childMemory) {
        Ptmalloc p = new Ptmalloc(childMemory, (int) pageSize, mmapThreshold);
        p.trimThreshold = trimThreshold;
        p.topAddr = topAddr;
        p.topSize = topSize;
        p.brk = brk;
        p.heapStart = heapStart;
        p.lastRemainder = lastRemainder;
        p.freed.addAll(freed);
        Map<Chunk, Chunk> map = new IdentityHashMap<>();
        for (Chunk c : chunks.values()) {
            Chunk d = c.copy();
            map.put(c, d);
            p.chunks.put(d.addr, d);
        }
        for (Chunk c : mmapped.values()) {
            p.mmapped.put(c.addr, c.copy());
        }
        for (int i = 0; i < TCACHE_BINS; i++) {
            for (Chunk c : tcache[i]) {
                p.tcache[i].addLast(map.get(c));
            }
        }
        for (int i = 0; i < NFASTBINS; i++) {
            for (Chunk c : fastbins[i]) {
                p.fastbins[i].addLast(map.get(c));
            }
        }
        for (Chunk c : unsorted) {
            p.unsorted.addLast(map.get(c));
        }
        for (int i = 0; i < NBINS; i++) {
            for (Chunk c : bins[i]) {
                p.bins[i].addLast(map.get(c));
            }
        }
        return p;
    }

    /** Chunk sizes in the tcache bin for size, head (next out) first; for tests and tools. */
    List<Long> tcacheBin(long size) {
        List<Long> out = new ArrayList<>();
        for (Chunk c : tcache[tcacheIndex(size)]) {
            out.add(c.addr + HEADER);
        }
        return out;
    }
}
