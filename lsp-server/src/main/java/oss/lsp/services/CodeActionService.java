package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import oss.compiler.ast.Scenario;

/**
 * Quick fixes for the diagnostics in the request: take the suggestion of
 * every "did you mean `x`?", declare a missing name (OSS1101), add a missing
 * unit (OSS1201), take locks in one global order (OSS1304), reap a forgotten
 * child (OSS2006).
 */
public final class CodeActionService {
    public List<Either<Command, CodeAction>> actions(OssDocument doc, Range range, List<Diagnostic> diagnostics,
            CancelChecker cancel) {
        cancel.checkCanceled();
        List<Either<Command, CodeAction>> out = new ArrayList<>();
        if (diagnostics == null) {
            return out;
        }
        Scenario s = doc.ast(cancel).orElse(null);
        for (Diagnostic d : diagnostics) {
            cancel.checkCanceled();
            if (d == null || d.getRange() == null) {
                continue;
            }
            String code = d.getCode() == null ? "" : d.getCode().isLeft() ? d.getCode().getLeft()
                    : String.valueOf(d.getCode().getRight());
            // every "did you mean `x`?" is a fix, syntax errors included (they leave no AST)
            Fix suggested = DidYouMean.of(doc, d);
            Fix fix = s == null ? null : switch (code) {
                case "OSS1101" -> Fixes.declare(doc, s, d, cancel);
                case "OSS1201" -> Fixes.unit(doc, d, cancel);
                case "OSS1304" -> LockOrderFix.of(doc, s, cancel);
                case "OSS2006" -> Fixes.reap(doc, d, cancel);
                default -> null;
            };
            for (Fix f : new Fix[] {fix, suggested}) {
                if (f == null) {
                    continue;
                }
                CodeAction a = new CodeAction(f.title());
                a.setKind(CodeActionKind.QuickFix);
                a.setDiagnostics(List.of(d));
                a.setIsPreferred(f == fix || fix == null); // the specific fix first, else the suggestion
                a.setEdit(new WorkspaceEdit(Map.of(doc.uri(), f.edits())));
                out.add(Either.forRight(a));
            }
        }
        return out;
    }

    /** A titled set of edits. */
    record Fix(String title, List<TextEdit> edits) {}
}
