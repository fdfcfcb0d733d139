package oss.compiler.expect;

import java.util.List;
import oss.runtime.program.Span;

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
     * {@code expect granted}, {@code expect denied}, {@code expect no zombies}.
     */
    record Flag(String name, boolean negated, String text, Span span) implements Expectation {}

    /** {@code expect safe_sequence [P1, P3]} or {@code expect finish_order [A, B]}. */
    record NameList(String list, List<String> names, String text, Span span) implements Expectation {}

    /**
     * {@code expect J0.turnaround == 8 ms}. {@code metric} is one of turnaround, response, waiting,
     * finish, arrival, first_run, cpu (times), exit, voluntary_switches, involuntary_switches (counts).
     */
    record Metric(String process, String metric, CompareOp op, long value, boolean isTime, String text, Span span)
            implements Expectation {}
}
