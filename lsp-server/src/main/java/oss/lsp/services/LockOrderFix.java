package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.compiler.ast.Block;
import oss.compiler.ast.Blocks;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.Expr;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.Stmt;
import oss.compiler.format.Canonical;
import oss.lsp.services.CodeActionService.Fix;

/**
 * OSS1304: make every task take its locks in one global order, ascending by
 * declaration (and by constant index within an array), by swapping two
 * consecutive {@code lock} statements that go the other way. Locks whose
 * index is not a constant ({@code fork[i]}) have no static order and are left.
 */
final class LockOrderFix {
    private LockOrderFix() {}

    static Fix of(OssDocument doc, Scenario s, CancelChecker cancel) {
        List<String> order = new ArrayList<>();
        for (Section sec : s.sections()) {
            if (sec instanceof Declaration d) {
                order.add(d.name().text());
            }
        }
        List<TextEdit> edits = new ArrayList<>();
        for (ProcessNode p : AstWalk.processes(s)) {
            cancel.checkCanceled();
            block(p.body(), order, doc, edits);
            for (Stmt st : AstWalk.statements(p.body())) {
                for (Block b : Blocks.of(st)) {
                    block(b, order, doc, edits);
                }
            }
        }
        return edits.isEmpty() ? null : new Fix("Take the locks in declaration order", edits);
    }

    private static void block(Block b, List<String> order, OssDocument doc, List<TextEdit> edits) {
        List<Stmt> st = b.statements();
        for (int i = 0; i + 1 < st.size(); i++) {
            Optional<Ref> first = StmtShape.of(st.get(i)).locks();
            Optional<Ref> second = StmtShape.of(st.get(i + 1)).locks();
            if (first.isPresent() && second.isPresent()) {
                long a = key(first.get(), order);
                long c = key(second.get(), order);
                if (a >= 0 && c >= 0 && a > c) {
                    edits.add(new TextEdit(Positions.range(first.get().span()), slice(doc, second.get())));
                    edits.add(new TextEdit(Positions.range(second.get().span()), slice(doc, first.get())));
                    i++;
                }
            }
        }
    }

    /** Declaration index times 2^20 plus the constant index; -1 when it has no static place. */
    private static long key(Ref r, List<String> order) {
        int decl = order.indexOf(r.name().text());
        if (decl < 0) {
            return -1;
        }
        if (r.index().isEmpty()) {
            return (long) decl << 20;
        }
        if (r.index().get() instanceof Expr.Number n && n.text().matches("\\d+")) {
            return ((long) decl << 20) + Long.parseLong(n.text());
        }
        return -1;
    }

    private static String slice(OssDocument doc, Ref r) {
        List<String> lines = doc.lines();
        var sp = r.span();
        if (sp.line() != sp.endLine()) {
            return Canonical.ref(r);
        }
        return lines.get(sp.line() - 1).substring(sp.column() - 1, sp.endColumn() - 1);
    }
}
