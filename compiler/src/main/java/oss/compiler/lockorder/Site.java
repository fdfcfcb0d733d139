package oss.compiler.lockorder;

import java.util.BitSet;
import oss.ir.program.Span;

/**
 * One place that makes an edge of the lock-order graph: {@code task} takes
 * the edge's target at {@code span} while it may hold the edge's source.
 * {@code read}: the target is taken for reading. {@code gates}: the locks
 * the task certainly holds exclusively there.
 */
record Site(Task task, Span span, boolean read, BitSet gates) {
    // Written out: a record's generated equals and hashCode link an invokedynamic call site on first
    // use, spinning method-handle classes that cost every short `oss run` a few milliseconds (Startup).
    @Override
    public boolean equals(Object o) {
        return o instanceof Site s && task == s.task && read == s.read && java.util.Objects.equals(span, s.span)
                && java.util.Objects.equals(gates, s.gates);
    }

    @Override
    public int hashCode() {
        return ((System.identityHashCode(task) * 31 + java.util.Objects.hashCode(span)) * 31 + (read ? 1 : 0)) * 31
                + java.util.Objects.hashCode(gates);
    }
}
