package oss.compiler.ast;

import java.util.List;
import oss.ir.program.Span;

/**
 * One key of a {@code machine} or {@code kernel} block with its arguments as
 * atoms; the schema that reads them lives in the checker. A line such as
 * {@code msgmax 8 KiB msgmnb 16 KiB} gives two settings.
 */
public record Setting(Atom key, List<Atom> arguments, Span span) implements Node {
    public Setting {
        arguments = List.copyOf(arguments);
    }
}
