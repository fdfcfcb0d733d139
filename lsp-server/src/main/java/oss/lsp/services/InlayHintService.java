package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Scenario;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.StatementFact;
import oss.runtime.observe.TaskReport;
import oss.ir.program.Span;

/**
 * What the default run saw, inline: the address malloc or mmap returned,
 * the faults at an access statement, a process's turnaround after its header.
 */
public final class InlayHintService {
    public List<InlayHint> hints(OssDocument doc, Range range, CancelChecker cancel) {
        cancel.checkCanceled();
        List<InlayHint> out = new ArrayList<>();
        RunResult run = doc.analysis().flatMap(a -> a.run()).orElse(null);
        Scenario s = doc.ast(cancel).orElse(null);
        if (run == null || s == null) {
            return out;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        int polled = 0;
        for (StatementFact f : run.facts()) {
            if (++polled % 256 == 0) {
                cancel.checkCanceled();
            }
            String label = label(f);
            if (label != null && inRange(f.span(), range) && seen.add(f.span().toString())) {
                out.add(hint(f.span(), label));
            }
        }
        for (ProcessNode p : AstWalk.processes(s)) {
            cancel.checkCanceled();
            turnaround(run, p.name().text()).ifPresent(t -> {
                if (inRange(p.name().span(), range)) {
                    out.add(hint(p.name().span(), " turnaround " + t));
                }
            });
        }
        return out;
    }

    static String label(StatementFact f) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(0x[0-9a-f]+)").matcher(f.summary());
        switch (f.kind()) {
            case "malloc":
            case "mmap":
            case "shmat":
                return m.find() ? " → " + m.group(1) : null;
            case "access":
                java.util.regex.Matcher faults = java.util.regex.Pattern.compile("(\\d+) faults?").matcher(f.summary());
                if (faults.find()) {
                    return " " + faults.group(1) + " fault" + (faults.group(1).equals("1") ? "" : "s");
                }
                if (f.access() != null) {
                    return f.access().fault().equals("none") ? " no fault" : " " + f.access().fault() + " fault";
                }
                return null;
            default:
                return null;
        }
    }

    private static java.util.Optional<String> turnaround(RunResult run, String process) {
        return run.tasks().stream().filter(t -> !t.forked() && t.process().equals(process) && t.finishNs() >= 0)
                .map(TaskReport::turnaroundNs).findFirst().map(FactText::time);
    }

    private static boolean inRange(Span s, Range r) {
        int line = s.line() - 1;
        return r == null || line >= r.getStart().getLine() && line <= r.getEnd().getLine();
    }

    private static InlayHint hint(Span s, String label) {
        InlayHint h = new InlayHint(new Position(s.endLine() - 1, s.endColumn() - 1), Either.forLeft(label));
        h.setKind(InlayHintKind.Type);
        return h;
    }
}
