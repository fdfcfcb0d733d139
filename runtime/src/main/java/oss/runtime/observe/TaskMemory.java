package oss.runtime.observe;

import oss.ir.program.Span;

/**
 * One task's memory at the end of a run, as /proc/PID/stat and valgrind
 * would report it. {@code minorFaults} includes the copy-on-write faults,
 * as Linux counts them; {@code cowFaults} is that subset. Page faults in
 * all = minor + major.
 *
 * @param rssPages    resident pages of its address space at the end (or when it exited)
 * @param vmPages     pages of all its VMAs (VmSize / page size)
 * @param signal      the signal that killed it (e.g. SIGSEGV), or null
 * @param signalAt    the statement that raised it, or null
 * @param leakedBytes bytes malloc'ed and never freed when it exited
 * @param freeBlocks  blocks on its malloc free list at the end (or when it exited); -1 for ptmalloc's bins
 */
public record TaskMemory(
        long minorFaults,
        long majorFaults,
        long cowFaults,
        long rssPages,
        long vmPages,
        String signal,
        Span signalAt,
        long leakedBytes,
        int leakedBlocks,
        int freeBlocks) {

    public static final TaskMemory NONE = new TaskMemory(0, 0, 0, 0, 0, null, null, 0, 0);

    public TaskMemory(long minorFaults, long majorFaults, long cowFaults, long rssPages, long vmPages, String signal,
            Span signalAt, long leakedBytes, int leakedBlocks) {
        this(minorFaults, majorFaults, cowFaults, rssPages, vmPages, signal, signalAt, leakedBytes, leakedBlocks, -1);
    }

    public long pageFaults() {
        return minorFaults + majorFaults;
    }

    // Written out: a record's generated equals and hashCode link an invokedynamic call site on first
    // use, spinning method-handle classes that cost every short `oss run` a few milliseconds (Startup).
    @Override
    public boolean equals(Object o) {
        return o instanceof TaskMemory m && minorFaults == m.minorFaults && majorFaults == m.majorFaults
                && cowFaults == m.cowFaults && rssPages == m.rssPages && vmPages == m.vmPages
                && java.util.Objects.equals(signal, m.signal) && java.util.Objects.equals(signalAt, m.signalAt)
                && leakedBytes == m.leakedBytes && leakedBlocks == m.leakedBlocks && freeBlocks == m.freeBlocks;
    }

    @Override
    public int hashCode() {
        long h = ((minorFaults * 31 + majorFaults) * 31 + cowFaults) * 31 + rssPages;
        h = ((h * 31 + vmPages) * 31 + java.util.Objects.hashCode(signal)) * 31 + java.util.Objects.hashCode(signalAt);
        return Long.hashCode(((h * 31 + leakedBytes) * 31 + leakedBlocks) * 31 + freeBlocks);
    }
}
