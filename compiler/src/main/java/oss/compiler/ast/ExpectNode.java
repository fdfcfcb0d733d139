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

    /** When a value expectation is judged (docs/language.md, "Expectations"). */
    enum Quantifier {
        /** {@code expect C}: when the default run ends. */
        AT_END,
        /** {@code expect always C}: in the final state of every interleaving that ends. */
        ALWAYS,
        /** {@code expect possible C}: in the final state of at least one. */
        POSSIBLE
    }

    /** {@code expect count == 4}, {@code expect always P.r0 == 1 && Q.r1 == 0}, {@code expect possible x == 1}. */
    record Value(Quantifier quantifier, Expr condition, Span span) implements ExpectNode {
        @Override
        public <R> R accept(ExpectNode.Visitor<R> visitor) {
            return visitor.visitValue(this);
        }
    }

    /** {@code expect always assert} (no assert fails in any interleaving) or {@code expect possible assert} (one can fail). */
    record Assertions(boolean possible, Span span) implements ExpectNode {
        @Override
        public <R> R accept(ExpectNode.Visitor<R> visitor) {
            return visitor.visitAssertions(this);
        }
    }

    /** {@code expect race} or {@code expect no race}. */
    record Race(boolean no, Span span) implements ExpectNode {
        @Override
        public <R> R accept(ExpectNode.Visitor<R> visitor) {
            return visitor.visitRace(this);
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
        R visitValue(Value e);
        R visitAssertions(Assertions e);
        R visitRace(Race e);
    }
}
