package oss.runtime.observe;

import oss.runtime.program.Span;

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
        int leakedBlocks) {

    public static final TaskMemory NONE = new TaskMemory(0, 0, 0, 0, 0, null, null, 0, 0);

    public long pageFaults() {
        return minorFaults + majorFaults;
    }
}
