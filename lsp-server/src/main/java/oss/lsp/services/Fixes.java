package oss.lsp.services;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.Expr;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.Stmt;
import oss.lsp.services.CodeActionService.Fix;
import oss.ir.program.Span;

/** The quick fixes that insert one piece of text: a declaration, a unit, a wait. */
final class Fixes {
    private static final Pattern SUCH_AS = Pattern.compile("such as `[0-9.]+ (\\w+)`");

    private Fixes() {}

    /** OSS1101: {@code mutex NAME} (or the kind the statement wants) after the last declaration. */
    static Fix declare(OssDocument doc, Scenario s, Diagnostic d, CancelChecker cancel) {
        Position at = d.getRange().getStart();
        Optional<Stmt> st = AstWalk.statementAt(doc, at, cancel);
        if (st.isEmpty()) {
            return null;
        }
        StmtShape.Needed needed = neededAt(st.get(), at);
        if (needed == null) {
            return null;
        }
        Ref ref = needed.ref();
        String kind = needed.kind();
        String array = "";
        if (ref.index().isPresent()) {
            if (!(ref.index().get() instanceof Expr.Number n) || !n.text().matches("\\d+")) {
                return null;
            }
            array = "[" + (Integer.parseInt(n.text()) + 1) + "]";
        }
        String decl = switch (kind) {
            case "semaphore" -> "semaphore " + ref.name().text() + array + " = 1";
            case "resource" -> "resource " + ref.name().text() + array + " 1";
            case "barrier" -> "barrier " + ref.name().text() + array + " 2";
            case "semset" -> "semset " + ref.name().text() + " = [1]";
            default -> kind + " " + ref.name().text() + array;
        };
        Declaration last = null;
        for (Section sec : s.sections()) {
            if (sec instanceof Declaration dd) {
                last = dd;
            }
        }
        int line = last != null ? last.span().endLine() : s.span().line();
        String indent = last != null ? " ".repeat(last.span().column() - 1) : "  ";
        Position insert = new Position(line, 0);
        return new Fix("Declare `" + decl + "`", List.of(new TextEdit(new Range(insert, insert), indent + decl + "\n")));
    }

    /** The reference under the caret and the kind of declaration the statement needs it to be. */
    private static StmtShape.Needed neededAt(Stmt st, Position at) {
        for (StmtShape.Needed n : StmtShape.of(st).needs()) {
            if (Positions.contains(n.ref().span(), at) || Positions.contains(n.ref().name().span(), at)) {
                return n;
            }
        }
        return null;
    }

    /** OSS1201: the unit the message suggests (or ms for times, KiB for sizes) after the number. */
    static Fix unit(OssDocument doc, Diagnostic d, CancelChecker cancel) {
        Matcher m = SUCH_AS.matcher(d.getMessage());
        String unit;
        if (m.find()) {
            unit = m.group(1);
        } else {
            Optional<Stmt> st = AstWalk.statementAt(doc, d.getRange().getStart(), cancel);
            boolean time = st.isEmpty() || StmtShape.of(st.get()).timed();
            unit = time ? "ms" : "KiB";
        }
        Position end = d.getRange().getEnd();
        return new Fix("Add the unit `" + unit + "`", List.of(new TextEdit(new Range(end, end), " " + unit)));
    }

    /** OSS2006: {@code wait x} (or {@code wait any}) right after the fork that made the child. */
    static Fix reap(OssDocument doc, Diagnostic d, CancelChecker cancel) {
        Position at = d.getRange().getStart();
        Stmt fork = null;
        for (Stmt st : doc.statements(cancel)) {
            Span sp = st.span();
            if (sp.line() - 1 == at.getLine() && sp.column() - 1 == at.getCharacter()
                    && "fork".equals(StmtShape.of(st).binder())) {
                fork = st;
            }
        }
        if (fork == null) {
            return null;
        }
        String wait = "wait " + StmtShape.of(fork).bound().map(n -> n.text()).orElse("any");
        String indent = " ".repeat(fork.span().column() - 1);
        Position insert = new Position(fork.span().endLine(), 0);
        return new Fix("Reap the child: `" + wait + "`",
                List.of(new TextEdit(new Range(insert, insert), indent + wait + "\n")));
    }
}
