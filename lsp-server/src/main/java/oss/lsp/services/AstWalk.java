package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.compiler.ast.Block;
import oss.compiler.ast.Blocks;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.Stmt;

/** Walks the statements of a scenario: every statement, with the blocks nested in it. */
final class AstWalk {
    private AstWalk() {}

    /** Every statement of a block, depth first, in source order. */
    static List<Stmt> statements(Block b) {
        List<Stmt> out = new ArrayList<>();
        collect(b, out);
        return out;
    }

    private static void collect(Block b, List<Stmt> out) {
        for (Stmt s : b.statements()) {
            out.add(s);
            for (Block inner : Blocks.of(s)) {
                collect(inner, out);
            }
        }
    }

    static List<ProcessNode> processes(Scenario s) {
        List<ProcessNode> out = new ArrayList<>();
        for (Section sec : s.sections()) {
            if (sec instanceof ProcessNode p) {
                out.add(p);
            }
        }
        return out;
    }

    /** The innermost statement whose span holds the position, from the document's statements. */
    static Optional<Stmt> statementAt(OssDocument doc, Position p, CancelChecker cancel) {
        Stmt best = null;
        int n = 0;
        for (Stmt st : doc.statements(cancel)) {
            if (++n % 256 == 0) {
                cancel.checkCanceled();
            }
            if (Positions.contains(st.span(), p)) {
                best = st;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The process whose span holds the position. */
    static Optional<ProcessNode> processAt(Scenario s, Position p) {
        return processes(s).stream().filter(proc -> Positions.contains(proc.span(), p)).findFirst();
    }
}
