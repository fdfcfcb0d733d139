package oss.compiler.ast;

import java.util.List;
import oss.ir.program.Span;

/** The root: {@code scenario "title" { sections }}. {@code title} is without quotes, escapes kept. */
public record Scenario(String title, Span titleSpan, List<Section> sections, Span span) implements Node {
    public Scenario {
        sections = List.copyOf(sections);
    }
}
