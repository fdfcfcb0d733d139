package oss.runtime.observe;

import java.util.List;
import oss.ir.program.Span;

/**
 * What the default run saw at one statement for one task, kept where an
 * editor can show it on hover: a one-line summary, detail lines, and for
 * memory statements the first access in full. Recorded once per (statement,
 * task), for the first time the task executed it; aggregates (accesses,
 * faults, TLB hits) cover every execution.
 *
 * @param kind a short tag: access, mmap, malloc, fork, lock, unlock, request, wait, exit
 */
public record StatementFact(
        Span span,
        int pid,
        String process,
        long timeNs,
        String kind,
        String summary,
        List<String> details,
        AccessFact access) {

    public StatementFact {
        details = List.copyOf(details);
    }
}
