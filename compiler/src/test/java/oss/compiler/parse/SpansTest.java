package oss.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import oss.compiler.ast.Node;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Stmt;
import oss.ir.program.Span;

/** Every AST node carries a real span, and spans point at the right text. */
class SpansTest {
    @Test
    void everyNodeHasASpan() throws Exception {
        Scenario s = OssParsing.parse(Files.readString(Path.of("src", "test", "resources", "ok", "messy.oss")))
                .ast().orElseThrow();
        int[] count = {0};
        walk(s, count);
        assertTrue(count[0] > 100, "walked " + count[0] + " nodes");
    }

    private static void walk(Object o, int[] count) throws Exception {
        if (o instanceof Optional<?> opt) {
            if (opt.isPresent()) {
                walk(opt.get(), count);
            }
            return;
        }
        if (o instanceof List<?> list) {
            for (Object x : list) {
                walk(x, count);
            }
            return;
        }
        if (o instanceof Node n) {
            count[0]++;
            Span span = n.span();
            assertTrue(span.isKnown() && span.column() >= 1, n + " has no span");
            assertTrue(span.endLine() > span.line() || span.endColumn() > span.column(), n + " has an empty span");
        }
        if (o != null && o.getClass().isRecord()) {
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                walk(rc.getAccessor().invoke(o), count);
            }
        }
    }

    @Test
    void statementSpansCoverTheirText() {
        String text = "scenario \"t\" {\n  process A {\n    compute 1.5 ms\n    lock fork[(i + 1) % 5]\n  }\n}\n";
        Scenario s = OssParsing.parse(text).ast().orElseThrow();
        var p = (oss.compiler.ast.ProcessNode) s.sections().get(0);
        Stmt compute = p.body().statements().get(0);
        assertEquals(new Span(3, 5, 3, 19), compute.span());
        Stmt lock = p.body().statements().get(1);
        assertEquals(new Span(4, 5, 4, 27), lock.span());
        assertEquals(new Span(2, 13, 5, 4), p.body().span());
    }
}
