package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.analysis.Analysis;
import oss.analysis.ExpectationResult;
import oss.compiler.ast.BankerNode;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.runtime.kernel.deadlock.BankerReport;
import oss.ir.program.Span;

/**
 * "▶ Run" and "⟳ Explore" on the scenario line; once the deep tier ran, the
 * banker's verdict on its block and "✓ holds" / "✗ expected …, got …" on
 * each expect line.
 */
public final class CodeLensService {
    public List<CodeLens> lenses(OssDocument doc, CancelChecker cancel) {
        List<CodeLens> out = new ArrayList<>();
        doc.ast(cancel).ifPresent(s -> {
            Range head = lineStart(s.span());
            out.add(lens(head, "▶ Run", CommandService.RUN, doc.uri()));
            out.add(lens(head, "⟳ Explore", CommandService.EXPLORE, doc.uri()));
            doc.analysis().ifPresent(a -> analysed(s, a, out, cancel));
        });
        return out;
    }

    private static void analysed(Scenario s, Analysis a, List<CodeLens> out, CancelChecker cancel) {
        for (Section sec : s.sections()) {
            cancel.checkCanceled();
            if (sec instanceof BankerNode b) {
                a.banker().ifPresent(r -> out.add(lens(lineStart(b.span()), banker(r), null)));
            }
        }
        for (ExpectationResult r : a.expectations()) {
            cancel.checkCanceled();
            out.add(lens(lineStart(r.expectation().span()), expectation(r), null));
        }
    }

    static String banker(BankerReport r) {
        String verdict = r.safe() ? "Safe sequence: " + String.join(" → ", r.safeSequence()) : "Unsafe: no safe sequence";
        return r.request().map(q -> verdict + " · request of " + q.process() + ": "
                + q.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).orElse(verdict);
    }

    static String expectation(ExpectationResult r) {
        if (r.passed()) {
            return "✓ holds";
        }
        if (r.status() == ExpectationResult.Status.UNDECIDED) {
            return "? undecided: " + r.message();
        }
        return "✗ expected " + r.expectation().text().replaceFirst("^expect\\s+", "") + ", got " + r.actual();
    }

    private static Range lineStart(Span s) {
        Range r = Positions.range(s);
        return new Range(r.getStart(), r.getStart());
    }

    private static CodeLens lens(Range r, String title, String command, Object... args) {
        Command c = new Command(title, command == null ? "" : command);
        if (command != null) {
            c.setArguments(List.of(args));
        }
        return new CodeLens(r, c, null);
    }
}
