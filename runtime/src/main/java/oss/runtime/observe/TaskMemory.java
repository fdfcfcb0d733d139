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
}
