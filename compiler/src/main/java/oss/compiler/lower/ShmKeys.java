package oss.compiler.lower;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import oss.compiler.ast.Block;
import oss.compiler.ast.Blocks;
import oss.compiler.ast.IpcCall;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Stmt;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Symbols;
import oss.compiler.check.Units;

/**
 * The largest size any {@code shmget} of the scenario asks for each key, so that a static check
 * on an attached region is certain: shmget(2) of an existing key returns the segment whatever
 * smaller size it is given, so a region may be larger than its own shmget says when another
 * process made the segment with more. Only literal keys and sizes are known; with any other
 * key, no keyed segment's size is (IPC_PRIVATE's always is: it is a new segment).
 */
final class ShmKeys {
    static final ShmKeys NONE = new ShmKeys(Map.of(), false);

    private final Map<Long, Long> largest;
    private final boolean unknownKeys;

    private ShmKeys(Map<Long, Long> largest, boolean unknownKeys) {
        this.largest = largest;
        this.unknownKeys = unknownKeys;
    }

    /** Whether a segment of {@code key} got by asking {@code bytes} is certainly of that many pages. */
    boolean sizeCertain(long key, long bytes, long pageSize) {
        if (key == 0) {
            return true;
        }
        Long most = largest.get(key);
        return !unknownKeys && most != null && most >= 0 && pages(most, pageSize) <= pages(bytes, pageSize);
    }

    private static long pages(long bytes, long pageSize) {
        return (bytes + pageSize - 1) / pageSize;
    }

    static ShmKeys of(List<ProcessNode> processes, Symbols symbols) {
        // a scratch evaluator: the lowering itself reports what is wrong with a key or a size
        Diags scratch = new Diags();
        ExprEval eval = new ExprEval(scratch, symbols);
        Units units = new Units(scratch, eval);
        Map<Long, Long> largest = new HashMap<>();
        boolean[] unknown = {false};
        for (ProcessNode p : processes) {
            walk(p.body(), largest, unknown, eval, units, 0);
        }
        return new ShmKeys(largest, unknown[0]);
    }

    private static void walk(Block b, Map<Long, Long> largest, boolean[] unknown, ExprEval eval, Units units,
            int depth) {
        if (depth > 64) {
            unknown[0] = true; // nesting this deep is not worth following: nothing is certain
            return;
        }
        for (Stmt s : b.statements()) {
            if (s instanceof Stmt.Ipc ipc && ipc.call() instanceof IpcCall.ShmGet g) {
                OptionalLong key = eval.integer(g.key(), Map.of(), "a key");
                if (key.isEmpty()) {
                    unknown[0] = true; // a loop's variable, or wrong: any key may be this one
                    continue;
                }
                OptionalLong bytes = units.of(g.size(), Map.of(), Units.Kind.SIZE, "shmget");
                largest.merge(key.getAsLong(), bytes.orElse(-1), (x, y) -> x < 0 || y < 0 ? -1 : Math.max(x, y));
            }
            for (Block inner : Blocks.of(s)) {
                walk(inner, largest, unknown, eval, units, depth + 1);
            }
        }
    }
}
