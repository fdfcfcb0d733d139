package oss.compiler.ast;

import java.util.List;
import oss.ir.program.Span;

/** An {@code expect} line as written; the checker turns it into an {@code Expectation}. */
public sealed interface ExpectNode extends Section {

    /** {@code expect deadlock}, {@code expect no zombies}. */
    record Flag(boolean no, Name flag, Span span) implements ExpectNode {}

    /** {@code expect finish_order [A, B]}. */
    record NameList(Name list, List<Ref> items, Span span) implements ExpectNode {
        public NameList {
            items = List.copyOf(items);
        }
    }

    /** {@code expect A.turnaround == 12 ms}; op as written. */
    record Metric(Ref subject, Name metric, String op, Quantity value, Span span) implements ExpectNode {}
}
