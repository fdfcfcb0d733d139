package oss.compiler.ast;

import java.util.List;
import oss.ir.program.Span;

/** {@code machine { ... }} or {@code kernel { ... }}. */
public record SettingsBlock(Kind kind, List<Setting> settings, Span span) implements Section {
    public enum Kind { MACHINE, KERNEL }

    public SettingsBlock {
        settings = List.copyOf(settings);
    }

    @Override
    public <R> R accept(Section.Visitor<R> visitor) {
        return visitor.visitSettings(this);
    }
}
