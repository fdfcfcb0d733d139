package oss.runtime.kernel.mm.malloc;

import java.util.ArrayList;
import java.util.List;

/** A UserMemory that records every call; the break can be capped to simulate running out of memory. */
final class FakeMemory implements UserMemory {
    static final long HEAP_START = 0x5555_5555_9000L;
    static final long MMAP_TOP = 0x7fff_f7ff_f000L;

    final List<String> calls = new ArrayList<>();
    long brk;
    long brkLimit = Long.MAX_VALUE;
    long nextMmapEnd = MMAP_TOP;
    boolean refuseMmap;

    FakeMemory() {
        this(HEAP_START);
    }

    FakeMemory(long start) {
        brk = start;
    }

    @Override
    public long sbrk(long delta) {
        calls.add("sbrk(" + delta + ")");
        if (brk + delta > brkLimit) {
            return -1;
        }
        long old = brk;
        brk += delta;
        return old;
    }

    @Override
    public long mmap(long bytes) {
        calls.add("mmap(" + bytes + ")");
        if (refuseMmap) {
            return -1;
        }
        nextMmapEnd -= bytes;
        return nextMmapEnd;
    }

    @Override
    public void munmap(long address, long bytes) {
        calls.add(String.format("munmap(0x%x, %d)", address, bytes));
    }

    /** No more growth beyond the current break. */
    void freeze() {
        brkLimit = brk;
    }

    /** The calls since the last take. */
    List<String> take() {
        List<String> out = List.copyOf(calls);
        calls.clear();
        return out;
    }
}
