package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import oss.ir.diag.Related;
import oss.ir.diag.Severity;

/**
 * oss findings as LSP diagnostics: the range, severity, the stable code with
 * a link to its documentation, related locations, and the detail (a cycle,
 * an explorer schedule) appended to the message and kept in {@code data}.
 */
public final class DiagnosticService {
    public static final String SOURCE = "oss";

    /** The fast tier's findings (parse and checks) as LSP diagnostics, with code, documentation link and related locations. */
    public List<Diagnostic> fast(OssDocument doc) {
        List<oss.ir.diag.Diagnostic> all = doc.compilation().diagnostics();
        if (doc.compilation().isAssignment()) {
            // an assignment is never run: its tests checked against the starter are its deep findings
            all = new ArrayList<>(all);
            all.addAll(StarterDiagnostics.of(doc.uri(), doc.compilation()));
            all.sort(oss.ir.diag.Diagnostic.BY_POSITION);
        }
        return convert(doc.uri(), all);
    }

    /** Every finding of the deep tier's analysis (run, exploration, expectations) as LSP diagnostics. */
    public List<Diagnostic> deep(OssDocument doc) {
        if (doc.compilation().isAssignment()) {
            return fast(doc);
        }
        return doc.analysis().map(a -> convert(doc.uri(), a.diagnostics())).orElseGet(() -> fast(doc));
    }

    static List<Diagnostic> convert(String uri, List<oss.ir.diag.Diagnostic> ds) {
        List<Diagnostic> out = new ArrayList<>();
        for (oss.ir.diag.Diagnostic d : ds) {
            out.add(convert(uri, d));
        }
        return out;
    }

    static Diagnostic convert(String uri, oss.ir.diag.Diagnostic d) {
        String detail = d.detail().strip();
        // a table (the banker's matrices) belongs in the hover and the resource view, not in a line of
        // the Problems panel: it stays in the diagnostic's data; a short list (a cycle) is shown
        boolean table = detail.lines().anyMatch(l -> l.contains(" | "));
        String message = detail.isEmpty() || table ? d.message() : d.message() + "\n" + d.detail().stripTrailing();
        Diagnostic out = new Diagnostic(Positions.range(d.span()), message, severity(d.severity()), SOURCE,
                d.code().id());
        out.setCodeDescription(new DiagnosticCodeDescription(DocLinks.href(d.code())));
        List<DiagnosticRelatedInformation> related = new ArrayList<>();
        for (Related r : d.related()) {
            related.add(new DiagnosticRelatedInformation(new Location(uri, Positions.range(r.span())), r.message()));
        }
        if (!related.isEmpty()) {
            out.setRelatedInformation(related);
        }
        if (!detail.isEmpty()) {
            out.setData(detail);
        }
        return out;
    }

    static DiagnosticSeverity severity(Severity s) {
        return switch (s) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFO -> DiagnosticSeverity.Information;
        };
    }
}
