package oss.compiler.ast;

import java.util.Optional;
import oss.ir.program.Span;

/** The attributes after a process name. */
public sealed interface ProcessAttr extends Node {
    record Nice(Expr value, Span span) implements ProcessAttr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNice(this);
        }

        @Override
        public String keyword() {
            return "nice";
        }
    }

    record Arrives(Quantity time, Span span) implements ProcessAttr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitArrives(this);
        }

        @Override
        public String keyword() {
            return "arrives";
        }
    }

    /** {@code policy fifo priority 50}, {@code policy normal}. */
    record Policy(Name policy, Optional<Expr> priority, Span span) implements ProcessAttr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPolicy(this);
        }

        @Override
        public String keyword() {
            return "policy";
        }
    }

    record Priority(Expr value, Span span) implements ProcessAttr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPriority(this);
        }

        @Override
        public String keyword() {
            return "priority";
        }
    }

    record Frames(Expr value, Span span) implements ProcessAttr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFrames(this);
        }

        @Override
        public String keyword() {
            return "frames";
        }
    }

    record Tickets(Expr value, Span span) implements ProcessAttr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTickets(this);
        }

        @Override
        public String keyword() {
            return "tickets";
        }
    }

    /** The word that starts the attribute, as written: {@code nice}, {@code policy}. */
    String keyword();

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of attribute, none with a default, so a new attribute cannot be forgotten. */
    interface Visitor<R> {
        R visitNice(Nice a);
        R visitArrives(Arrives a);
        R visitPolicy(Policy a);
        R visitPriority(Priority a);
        R visitFrames(Frames a);
        R visitTickets(Tickets a);
    }
}
