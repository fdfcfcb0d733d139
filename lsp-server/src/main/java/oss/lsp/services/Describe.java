package oss.lsp.services;

import java.util.List;
import java.util.stream.Collectors;
import oss.compiler.ast.Atom;
import oss.compiler.ast.Declaration;
import oss.compiler.format.Canonical;

/** Short texts for AST nodes in words; the nodes as written are {@link Canonical}'s. */
final class Describe {
    private Describe() {}

    static String atoms(List<Atom> atoms) {
        StringBuilder out = new StringBuilder();
        for (Atom a : atoms) {
            if (out.length() > 0 && !a.glued()) {
                out.append(' ');
            }
            out.append(a.kind() == Atom.Kind.STRING ? "\"" + a.text() + "\"" : a.text());
        }
        return out.toString();
    }

    /** The declaration's configuration in words: "mutex fork[5]: five mutexes". */
    static String declaration(Declaration d) {
        String array = d.arraySize().map(s -> "[" + Canonical.expr(s) + "]").orElse("");
        String head = d.kind().keyword() + " " + d.name().text() + array;
        String config = switch (d.kind()) {
            case SEMAPHORE -> d.value().map(v -> "initial value " + Canonical.expr(v)).orElse("initial value 0");
            case RESOURCE -> d.value().map(v -> Canonical.expr(v) + " instance(s)").orElse("1 instance");
            case BARRIER -> d.value().map(v -> Canonical.expr(v) + " parties").orElse("");
            case RWLOCK -> d.writerPreferring() ? "writer-preferring" : "reader-preferring";
            case SEMSET -> "initial values [" + d.initial().stream().map(Canonical::expr)
                    .collect(Collectors.joining(", ")) + "]";
            case INT -> "shared by every task; initial value " + (d.initial().isEmpty()
                    ? d.value().map(Canonical::expr).orElse("0")
                    : Canonical.initializer(d.initial()));
            case MUTEX, SPINLOCK, SEQLOCK, CONDVAR -> "";
        };
        return config.isEmpty() ? head : head + " — " + config;
    }
}
