package oss.compiler.expect;

import java.util.List;
import oss.ir.program.Span;

/**
 * An `expect` line after name and unit checks, ready to be judged against a
 * run and the banker report. Values are in base units: ns for times, plain
 * counts otherwise.
 */
public sealed interface Expectation {
    Span span();

    /** The source text of the expectation, for messages. */
    String text();

    /**
     * {@code expect deadlock}, {@code expect no deadlock}, {@code expect safe}, {@code expect unsafe},
     * {@code expect granted}, {@code expect denied}, {@code expect no zombies}, {@code expect leaks},
     * {@code expect no leaks}.
     */
    record Flag(String name, boolean negated, String text, Span span) implements Expectation {}

    /** {@code expect safe_sequence [P1, P3]} or {@code expect finish_order [A, B]}. */
    record NameList(String list, List<String> names, String text, Span span) implements Expectation {}

    /**
     * {@code expect J0.turnaround == 8 ms}. {@code metric} is one of turnaround, response, waiting,
     * finish, arrival, first_run, cpu, spin_time, stime, utime (times), exit, voluntary_switches, involuntary_switches,
     * page_faults, minor_faults, major_faults, cow_faults, rss, seq_retries, free_blocks (counts; rss in pages).
     */
    record Metric(String process, String metric, CompareOp op, long value, boolean isTime, String text, Span span)
            implements Expectation {}

    /**
     * {@code expect P.signal == SIGSEGV}: the signal that killed the process; {@code signal} is null for
     * {@code none}. {@code op} is EQ or NE.
     */
    record Signal(String process, CompareOp op, String signal, String text, Span span) implements Expectation {}

    /**
     * {@code expect P.p == 0x55555555a010} or {@code expect P.p == NULL}: the value variable {@code variable}
     * (in {@code slot}) of the process held at its end, an address from mmap or malloc (0 for NULL) or a
     * pid from fork. {@code op} is EQ or NE.
     */
    record Variable(String process, String variable, int slot, CompareOp op, long value, String text, Span span)
            implements Expectation {}

    /**
     * A machine-wide counter of the run: {@code tlb.hits}, {@code tlb.misses}, {@code memory.accesses},
     * {@code memory.page_walks}, or {@code NAME.hits} / {@code NAME.misses} / {@code NAME.writebacks} of a
     * cache level declared (or defaulted) as NAME.
     */
    record Machine(String subject, String metric, CompareOp op, long value, String text, Span span)
            implements Expectation {}

    /**
     * A value expectation ({@code expect count == 4}, {@code expect always x <= 4}, {@code expect possible
     * P.r == 1}): {@code property} is the same object as in {@code Program.data().properties()}, whose mode
     * says when it is judged.
     */
    record Value(oss.ir.program.SharedData.Property property, String text, Span span) implements Expectation {}

    /**
     * {@code expect always assert}: no {@code assert} fails in any interleaving; {@code expect possible assert}
     * ({@code possible} true): an {@code assert} fails in at least one interleaving (the bug is reachable).
     */
    record Assertions(boolean possible, String text, Span span) implements Expectation {}

    /** {@code expect race} (a data race happens in the run or some interleaving) or {@code expect no race}. */
    record Race(boolean negated, String text, Span span) implements Expectation {}
}
