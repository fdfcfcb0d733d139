package oss.runtime.hw.mem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import oss.ir.program.Paging;

/**
 * One address space's multi-level page table, stored the way the MMU sees
 * it: the root (what CR3 points to) and every intermediate table are frames
 * taken from the kernel's allocator, and every entry is bytes in
 * {@link PhysicalMemory}. Nothing about the mapping is kept on the Java side
 * except the root frame and a count, so a walk here costs exactly the memory
 * reads a real walk would.
 *
 * <p>Intermediate entries are PRESENT|WRITABLE|USER, leaving protection to
 * the leaf PTE. Leaf data frames belong to the kernel: {@link #unmap} and
 * {@link #destroy} free only table frames.
 */
public final class PageTable {
    /** Pages are 4 KiB in both formats. */
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final long TABLE_FLAGS = Pte.PRESENT | Pte.WRITABLE | Pte.USER;
    private static final List<String> NAMES_64 = List.of("PML4", "PDPT", "PD", "PT");
    private static final List<String> NAMES_32 = List.of("PD", "PT");

    private final Paging mode;
    private final PhysicalMemory mem;
    private final FrameSource frames;
    private long root;
    private int tableFrames;

    /** One step of a walk: which table was read, at which index, and what it held. */
    public record Level(int level, String name, long tableFrame, int index, long entry) {}

    /**
     * A page walk as a student would draw it. {@code levels} ends at the leaf
     * or at the first non-present entry; {@code pte} is the leaf entry (0 when
     * the walk stopped above the leaf).
     */
    public record Walk(long va, List<Level> levels, long pte, boolean present, int start, boolean psc) {
        public Walk {
            levels = levels instanceof Levels ? levels : List.copyOf(levels);
        }

        /** A walk from the root without paging-structure caches. */
        public Walk(long va, List<Level> levels, long pte, boolean present) {
            this(va, levels, pte, present, 0, false);
        }

        /** How many entries the walk read from memory: those from {@link #start} (0 = the root's) on. */
        public int reads() {
            return levels.size() - start;
        }

        /**
         * What the paging-structure caches did, e.g. {@code "PDE cache hit: walk starts at the PT, 1 read"};
         * null without them.
         */
        public String cacheNote() {
            if (!psc) {
                return null;
            }
            List<String> names = levelNames(levels.get(0).name().equals(NAMES_64.get(0)));
            int n = reads();
            String reads = n + (n == 1 ? " read" : " reads");
            if (start == 0) {
                return "paging-structure caches missed: walk starts at the " + names.get(0) + ", " + reads;
            }
            return names.get(start - 1) + "E cache hit: walk starts at the " + names.get(start) + ", " + reads;
        }

        /** The physical address {@code va} translates to, or -1 when not present. */
        public long paddr() {
            return present ? (Pte.frame(pte, PAGE_SHIFT) << PAGE_SHIFT) | (va & (PAGE_SIZE - 1)) : -1;
        }

        public String describe() {
            StringBuilder s = new StringBuilder(String.format("va %#x\n", va));
            if (cacheNote() != null) {
                s.append("  ").append(cacheNote()).append('\n');
            }
            for (Level l : levels) {
                s.append(String.format("  %-4s table frame %#x [%d] = %s%s\n", l.name(), l.tableFrame(), l.index(),
                        Pte.describe(l.entry()), l.level() < start ? " (not read: cached)" : ""));
            }
            if (present) {
                s.append(String.format("  -> frame %#x + offset %#x = paddr %#x\n",
                        Pte.frame(pte, PAGE_SHIFT), va & (PAGE_SIZE - 1), paddr()));
            } else {
                s.append(String.format("  -> page fault: %s entry not present\n", levels.get(levels.size() - 1).name()));
            }
            return s.toString();
        }
    }

    /**
     * The levels of a walk read by {@link #walkEntries}, as an immutable list
     * that makes each {@link Level} when asked: the MMU's hot path records
     * every walk it makes, and most are never looked at.
     */
    private static final class Levels extends java.util.AbstractList<Level> implements java.util.RandomAccess {
        private final Paging mode;
        private final long va;
        private final long root;
        private final int size;
        private final long e0;
        private final long e1;
        private final long e2;
        private final long e3;

        Levels(Paging mode, long va, long root, long[] entries, int size) {
            this.mode = mode;
            this.va = va;
            this.root = root;
            this.size = size;
            this.e0 = size > 0 ? entries[0] : 0;
            this.e1 = size > 1 ? entries[1] : 0;
            this.e2 = size > 2 ? entries[2] : 0;
            this.e3 = size > 3 ? entries[3] : 0;
        }

        private long entry(int i) {
            return switch (i) {
                case 0 -> e0;
                case 1 -> e1;
                case 2 -> e2;
                default -> e3;
            };
        }

        @Override
        public Level get(int i) {
            java.util.Objects.checkIndex(i, size);
            long table = i == 0 ? root : Pte.frame(entry(i - 1), PAGE_SHIFT);
            return new Level(i, (mode.levels == 4 ? NAMES_64 : NAMES_32).get(i), table, index(mode, va, i), entry(i));
        }

        @Override
        public int size() {
            return size;
        }
    }

    /**
     * The walk of {@code va} without building it: the entries read, root
     * first, go into {@code entries} (at least {@link Paging#levels} long)
     * and their number is returned. Level 0's table is {@link #root()},
     * level {@code k}'s is the frame of entry {@code k-1}; the walk stopped
     * at the leaf or at the first non-present entry, exactly as
     * {@link #walk} does. {@link #walkOf} turns the result into a {@link Walk}.
     */
    public int walkEntries(long va, long[] entries) {
        checkAddress(va);
        live();
        int levels = mode.levels;
        int bits = mode.indexBits;
        long mask = (1L << bits) - 1;
        long table = root;
        for (int level = 0; level < levels; level++) {
            int index = (int) ((va >>> (PAGE_SHIFT + bits * (levels - 1 - level))) & mask);
            long entry = read(table, index);
            entries[level] = entry;
            if (level == levels - 1 || !Pte.has(entry, Pte.PRESENT)) {
                return level + 1;
            }
            table = Pte.frame(entry, PAGE_SHIFT);
        }
        throw new AssertionError("unreachable");
    }

    /**
     * The rest of a walk that a paging-structure cache let start at {@code level}, in {@code table}:
     * reads {@code entries[level ..]} as {@link #walkEntries} would and returns how many entries the
     * whole walk has; {@code entries[0 .. level-1]} are left as they were.
     */
    public int walkEntriesFrom(long va, int level, long table, long[] entries) {
        int levels = mode.levels;
        int bits = mode.indexBits;
        long mask = (1L << bits) - 1;
        for (; level < levels; level++) {
            int index = (int) ((va >>> (PAGE_SHIFT + bits * (levels - 1 - level))) & mask);
            long entry = read(table, index);
            entries[level] = entry;
            if (level == levels - 1 || !Pte.has(entry, Pte.PRESENT)) {
                return level + 1;
            }
            table = Pte.frame(entry, PAGE_SHIFT);
        }
        throw new IllegalArgumentException("level " + level + " is below the leaf");
    }

    /** The {@link Walk} that {@link #walkEntries} read into {@code entries}; equal to what {@link #walk} returns. */
    public Walk walkOf(long va, long[] entries, int n) {
        return walkOf(va, entries, n, 0, false);
    }

    /** As above, for a walk that started at level {@code start}, with paging-structure caches when {@code psc}. */
    public Walk walkOf(long va, long[] entries, int n, int start, boolean psc) {
        boolean leaf = n == mode.levels;
        long pte = leaf ? entries[n - 1] : 0;
        return new Walk(va, new Levels(mode, va, root, entries, n), pte, leaf && Pte.has(pte, Pte.PRESENT), start,
                psc);
    }

    static List<String> levelNames(boolean fourLevels) {
        return fourLevels ? NAMES_64 : NAMES_32;
    }

    /** Allocates the root table; throws IllegalStateException if no frame is free for it. */
    public PageTable(Paging mode, PhysicalMemory mem, FrameSource frames) {
        if (mem.pageSize() != PAGE_SIZE) {
            throw new IllegalArgumentException("page tables need 4 KiB frames, memory has " + mem.pageSize());
        }
        this.mode = mode;
        this.mem = mem;
        this.frames = frames;
        this.root = newTable();
        if (root < 0) {
            throw new IllegalStateException("no free frame for a page-table root");
        }
    }

    /** The root table's frame: what CR3 holds while this address space runs. */
    public long root() {
        live();
        return root;
    }

    public Paging mode() {
        return mode;
    }

    /** Frames currently used by this table's tables, root included. */
    public int tableFrames() {
        return tableFrames;
    }

    /** Which entry of the level-{@code level} table (0 = root) translates {@code va}. */
    public static int index(Paging mode, long va, int level) {
        if (level < 0 || level >= mode.levels) {
            throw new IllegalArgumentException("level " + level + " outside 0.." + (mode.levels - 1));
        }
        int shift = PAGE_SHIFT + mode.indexBits * (mode.levels - 1 - level);
        return (int) ((va >>> shift) & ((1L << mode.indexBits) - 1));
    }

    /** Reads the tables from memory, root first, without changing anything. */
    public Walk walk(long va) {
        checkAddress(va);
        live();
        List<Level> levels = new ArrayList<>(mode.levels);
        long table = root;
        for (int level = 0; level < mode.levels; level++) {
            int index = index(mode, va, level);
            long entry = read(table, index);
            levels.add(new Level(level, name(level), table, index, entry));
            if (level == mode.levels - 1) {
                return new Walk(va, levels, entry, Pte.has(entry, Pte.PRESENT));
            }
            if (!Pte.has(entry, Pte.PRESENT)) {
                return new Walk(va, levels, 0, false);
            }
            table = Pte.frame(entry, PAGE_SHIFT);
        }
        throw new AssertionError("unreachable");
    }

    /**
     * Points {@code va}'s leaf at {@code frame} with {@code flags}, allocating
     * any missing tables on the way. Returns false, leaving the table as it
     * was, when a table frame could not be allocated.
     */
    public boolean map(long va, long frame, long flags) {
        checkAddress(va);
        live();
        long leaf = Pte.make(frame, flags, PAGE_SHIFT);
        checkFits(leaf);
        List<long[]> created = new ArrayList<>(); // {parent table, index, new table}
        long table = root;
        for (int level = 0; level < mode.levels - 1; level++) {
            int index = index(mode, va, level);
            long entry = read(table, index);
            if (!Pte.has(entry, Pte.PRESENT)) {
                long next = newTable();
                if (next < 0) {
                    undo(created);
                    return false;
                }
                write(table, index, Pte.make(next, TABLE_FLAGS, PAGE_SHIFT));
                created.add(new long[] {table, index, next});
                entry = read(table, index);
            }
            table = Pte.frame(entry, PAGE_SHIFT);
        }
        write(table, index(mode, va, mode.levels - 1), leaf);
        return true;
    }

    /** The leaf entry for {@code va} as stored (possibly a non-present swap entry), 0 if there is none. */
    public long pte(long va) {
        long t = leafTable(va);
        return t < 0 ? 0 : read(t, index(mode, va, mode.levels - 1));
    }

    /** Overwrites the leaf entry; the tables leading to it must already exist. */
    public void setPte(long va, long pte) {
        long t = leafTable(va);
        if (t < 0) {
            throw new IllegalStateException(String.format("no page table covers va %#x", va));
        }
        checkFits(pte);
        write(t, index(mode, va, mode.levels - 1), pte);
    }

    /**
     * Clears the leaf entry and returns what it held (0 if nothing). A table
     * left with no entries is freed and its parent entry cleared, all the way
     * up, but the root stays.
     */
    public long unmap(long va) {
        checkAddress(va);
        live();
        long[] path = new long[mode.levels];
        long table = root;
        for (int level = 0; level < mode.levels; level++) {
            path[level] = table;
            if (level == mode.levels - 1) {
                break;
            }
            long entry = read(table, index(mode, va, level));
            if (!Pte.has(entry, Pte.PRESENT)) {
                return 0;
            }
            table = Pte.frame(entry, PAGE_SHIFT);
        }
        int leafIndex = index(mode, va, mode.levels - 1);
        long old = read(path[mode.levels - 1], leafIndex);
        write(path[mode.levels - 1], leafIndex, 0);
        for (int level = mode.levels - 1; level > 0 && isEmpty(path[level]); level--) {
            write(path[level - 1], index(mode, va, level - 1), 0);
            freeTable(path[level]);
        }
        return old;
    }

    /** Frees every table frame, the root included; the table is unusable afterwards. */
    public void destroy() {
        live();
        destroy(root, 0);
        root = -1;
    }

    /**
     * Every non-zero leaf entry, in ascending (unsigned) address order. This
     * includes non-present entries the kernel stored itself (a swapped-out
     * page's slot); check {@link Pte#PRESENT} if only resident pages matter.
     */
    public void forEachMapped(BiConsumer<Long, Long> vaAndPte) {
        live();
        visit(root, 0, 0, vaAndPte);
    }

    /**
     * The non-zero leaf entries for addresses in {@code [start, end)}, in ascending order: only the
     * tables that cover the range are read, so unmapping one VMA costs its own pages, not every
     * page of the address space (exit after a loop of 20,000 mmaps was quadratic).
     */
    public void forEachMapped(long start, long end, BiConsumer<Long, Long> vaAndPte) {
        live();
        long limit = 1L << Math.min(62, mode.addressBits - (mode == Paging.X86_64 ? 1 : 0));
        if (start < 0 || end > limit || start >= end) {
            // the upper (kernel) half or an empty range: the whole walk, filtered
            visit(root, 0, 0, (va, pte) -> {
                if (va >= start && va < end) {
                    vaAndPte.accept(va, pte);
                }
            });
            return;
        }
        visitRange(root, 0, 0, start, end - 1, vaAndPte);
    }

    private void visitRange(long table, int level, long vaPrefix, long first, long last, BiConsumer<Long, Long> out) {
        int shift = PAGE_SHIFT + mode.indexBits * (mode.levels - 1 - level);
        long span = 1L << shift;
        int from = (int) Math.max(0, (first - vaPrefix) >> shift);
        int to = (int) Math.min(entriesPerTable() - 1, (last - vaPrefix) >> shift);
        for (int i = from; i <= to; i++) {
            long entry = read(table, i);
            if (entry == 0) {
                continue;
            }
            long va = vaPrefix | ((long) i << shift);
            if (level == mode.levels - 1) {
                if (va >= first && va <= last) {
                    out.accept(va, entry);
                }
            } else if (Pte.has(entry, Pte.PRESENT) && va + span - 1 >= first && va <= last) {
                visitRange(Pte.frame(entry, PAGE_SHIFT), level + 1, va, first, last, out);
            }
        }
    }

    private void visit(long table, int level, long vaPrefix, BiConsumer<Long, Long> out) {
        int shift = PAGE_SHIFT + mode.indexBits * (mode.levels - 1 - level);
        for (int i = 0; i < entriesPerTable(); i++) {
            long entry = read(table, i);
            if (entry == 0) {
                continue;
            }
            long va = vaPrefix | ((long) i << shift);
            if (level == mode.levels - 1) {
                out.accept(canonical(va), entry);
            } else if (Pte.has(entry, Pte.PRESENT)) {
                visit(Pte.frame(entry, PAGE_SHIFT), level + 1, va, out);
            }
        }
    }

    private void destroy(long table, int level) {
        if (level < mode.levels - 1) {
            for (int i = 0; i < entriesPerTable(); i++) {
                long entry = read(table, i);
                if (Pte.has(entry, Pte.PRESENT)) {
                    destroy(Pte.frame(entry, PAGE_SHIFT), level + 1);
                }
            }
        }
        freeTable(table);
    }

    /** The frame of the last-level table covering {@code va}, or -1. */
    private long leafTable(long va) {
        int n = walkEntries(va, scratch);
        if (n != mode.levels) {
            return -1;
        }
        return n == 1 ? root : Pte.frame(scratch[n - 2], PAGE_SHIFT);
    }

    /** Entries read by {@link #leafTable}. */
    private final long[] scratch = new long[4];

    private void undo(List<long[]> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            long[] c = created.get(i);
            write(c[0], (int) c[1], 0);
            freeTable(c[2]);
        }
    }

    private long newTable() {
        long frame = frames.allocateFrame();
        if (frame < 0) {
            return -1;
        }
        mem.zeroFrame(frame); // a recycled frame still holds its last owner's bytes
        tableFrames++;
        return frame;
    }

    private void freeTable(long frame) {
        mem.zeroFrame(frame);
        frames.freeFrame(frame);
        tableFrames--;
    }

    private boolean isEmpty(long table) {
        for (int i = 0; i < entriesPerTable(); i++) {
            if (read(table, i) != 0) {
                return false;
            }
        }
        return true;
    }

    private int entriesPerTable() {
        return 1 << mode.indexBits;
    }

    private long read(long table, int index) {
        long addr = table * PAGE_SIZE + (long) index * mode.pteBytes;
        return mode.pteBytes == 8 ? mem.readWord(addr) : mem.readInt(addr);
    }

    private void write(long table, int index, long entry) {
        long addr = table * PAGE_SIZE + (long) index * mode.pteBytes;
        if (mode.pteBytes == 8) {
            mem.writeWord(addr, entry);
        } else {
            mem.writeInt(addr, entry);
        }
    }

    private String name(int level) {
        return (mode.levels == 4 ? NAMES_64 : NAMES_32).get(level);
    }

    /** Sign-extends a 48-bit x86_64 address; x86_32 addresses are already plain. */
    private long canonical(long va) {
        if (mode != Paging.X86_64) {
            return va;
        }
        int unused = 64 - mode.addressBits;
        return (va << unused) >> unused;
    }

    private void checkAddress(long va) {
        if (mode == Paging.X86_64) {
            if (canonical(va) != va) {
                throw new IllegalArgumentException(String.format("%#x is not canonical: bits 47..63 differ", va));
            }
        } else if (va < 0 || va > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(String.format("%#x is not a 32-bit address", va));
        }
    }

    private void checkFits(long entry) {
        if (mode.pteBytes == 4 && (entry < 0 || entry > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException(String.format("entry %#x does not fit a 32-bit PTE", entry));
        }
    }

    private void live() {
        if (root < 0) {
            throw new IllegalStateException("page table already destroyed");
        }
    }
}
