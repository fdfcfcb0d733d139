package oss.compiler.ast;

import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/** {@code process name[i in a..b] attrs { body }}. */
public record ProcessNode(Name name, Optional<IndexRange> array, List<ProcessAttr> attributes, Block body, Span span)
        implements Section {
    public ProcessNode {
        attributes = List.copyOf(attributes);
    }

    @Override
    public <R> R accept(Section.Visitor<R> visitor) {
        return visitor.visitProcess(this);
    }

    /** {@code [i in 0..4]}. */
    public record IndexRange(Name variable, Range range, Span span) implements Node {}
}
