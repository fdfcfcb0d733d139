package oss.compiler.lockorder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import oss.ir.diag.Diagnostic;

/** The findings, each once (same code, place and message), sorted by position. */
final class Reports {
    private static final Comparator<Diagnostic> ORDER = Comparator
            .comparing(Diagnostic::span, Held.POSITION)
            .thenComparing(d -> d.code().id())
            .thenComparing(Diagnostic::message);

    private final Set<String> seen = new HashSet<>();
    private final List<Diagnostic> list = new ArrayList<>();

    void add(Diagnostic d) {
        String key = d.code() + "|" + d.span() + "|" + d.span().endLine() + ":" + d.span().endColumn() + "|"
                + d.message();
        if (seen.add(key)) {
            list.add(d);
        }
    }

    List<Diagnostic> sorted() {
        List<Diagnostic> out = new ArrayList<>(list);
        out.sort(ORDER);
        return List.copyOf(out);
    }
}
