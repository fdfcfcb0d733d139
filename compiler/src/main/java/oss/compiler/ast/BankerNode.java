package oss.compiler.ast;

import java.util.List;
import oss.ir.program.Span;

/** A textbook banker table, row by row as written. */
public record BankerNode(List<Row> rows, Span span) implements Section {
    public BankerNode {
        rows = List.copyOf(rows);
    }

    @Override
    public <R> R accept(Section.Visitor<R> visitor) {
        return visitor.visitBanker(this);
    }

    public sealed interface Row extends Node {
        <R> R accept(Row.Visitor<R> visitor);

        /** One method per kind of row, none with a default, so a new kind of row cannot be forgotten. */
        interface Visitor<R> {
            R visitResources(Resources r);
            R visitVector(Vector r);
            R visitProcessRow(ProcessRow r);
            R visitRequest(Request r);
        }
    }

    public record Resources(List<Name> names, Span span) implements Row {
        public Resources {
            names = List.copyOf(names);
        }

        @Override
        public <R> R accept(Row.Visitor<R> visitor) {
            return visitor.visitResources(this);
        }
    }

    /** {@code total ...} ({@code available == false}) or {@code available ...}. */
    public record Vector(boolean available, List<Expr.Number> values, Span span) implements Row {
        public Vector {
            values = List.copyOf(values);
        }

        @Override
        public <R> R accept(Row.Visitor<R> visitor) {
            return visitor.visitVector(this);
        }
    }

    /** {@code P0 alloc 0 1 0 max 7 5 3}. */
    public record ProcessRow(Name process, List<Part> parts, Span span) implements Row {
        public ProcessRow {
            parts = List.copyOf(parts);
        }

        @Override
        public <R> R accept(Row.Visitor<R> visitor) {
            return visitor.visitProcessRow(this);
        }
    }

    /** {@code alloc 0 1 0}; kind is {@code alloc}, {@code max} or {@code need}. */
    public record Part(String kind, List<Expr.Number> values, Span span) implements Node {
        public Part {
            values = List.copyOf(values);
        }
    }

    public record Request(Name process, List<Expr.Number> values, Span span) implements Row {
        public Request {
            values = List.copyOf(values);
        }

        @Override
        public <R> R accept(Row.Visitor<R> visitor) {
            return visitor.visitRequest(this);
        }
    }
}
