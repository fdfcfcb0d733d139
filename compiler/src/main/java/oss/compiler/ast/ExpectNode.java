package oss.compiler.ast;

import java.util.List;
import oss.ir.program.Span;

/** An {@code expect} line as written; the checker turns it into an {@code Expectation}. */
public sealed interface ExpectNode extends Section {

    /** {@code expect deadlock}, {@code expect no zombies}. */
    record Flag(boolean no, Name flag, Span span) implements ExpectNode {
        @Override
        public <R> R accept(ExpectNode.Visitor<R> visitor) {
            return visitor.visitFlag(this);
        }
    }

    /** {@code expect finish_order [A, B]}. */
    record NameList(Name list, List<Ref> items, Span span) implements ExpectNode {
        public NameList {
            items = List.copyOf(items);
        }

        @Override
        public <R> R accept(ExpectNode.Visitor<R> visitor) {
            return visitor.visitNameList(this);
        }
    }

    /** {@code expect A.turnaround == 12 ms}; op as written. */
    record Metric(Ref subject, Name metric, String op, Quantity value, Span span) implements ExpectNode {
        @Override
        public <R> R accept(ExpectNode.Visitor<R> visitor) {
            return visitor.visitMetric(this);
        }
    }

    /** Every kind of expect line is one kind of section. */
    @Override
    default <R> R accept(Section.Visitor<R> visitor) {
        return visitor.visitExpect(this);
    }

    <R> R accept(ExpectNode.Visitor<R> visitor);

    /** One method per kind of expect line, none with a default, so a new kind cannot be forgotten. */
    interface Visitor<R> {
        R visitFlag(Flag e);
        R visitNameList(NameList e);
        R visitMetric(Metric e);
    }
}
