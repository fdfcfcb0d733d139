package oss.compiler.ast;

import java.util.List;
import oss.ir.program.Span;

/**
 * The root of an assignment file: {@code assignment "title" { items }} (docs/grading.md). The
 * checker turns it into an {@code oss.compiler.assign.Assignment}.
 */
public record AssignmentNode(Text title, List<AssignmentItem> items, Span span) implements Node {
    public AssignmentNode {
        items = List.copyOf(items);
    }
}
