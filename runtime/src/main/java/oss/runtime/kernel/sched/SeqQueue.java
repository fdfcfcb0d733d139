package oss.runtime.kernel.sched;

import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Runnable entities in the order they became runnable. FIFO, SJF, STCF, RR,
 * MLFQ levels and lottery's ticket walk all keep their queue here, so every
 * policy breaks ties the same way (lower queueSeq, then lower pid) and keeps
 * {@link SchedEntity#queued} honest in one place.
 */
final class SeqQueue implements Iterable<SchedEntity> {
    private static final Comparator<SchedEntity> BY_SEQ =
            Comparator.comparingLong((SchedEntity se) -> se.queueSeq).thenComparingInt(se -> se.pid);

    private final TreeSet<SchedEntity> entities = new TreeSet<>(BY_SEQ);

    void add(SchedEntity se) {
        if (!entities.add(se)) {
            throw new IllegalStateException(se + " is already queued");
        }
        se.queued = true;
    }

    /** Puts {@code se} before every entity queued here (a preempted task that keeps its place). */
    void addFirst(SchedEntity se) {
        if (!entities.isEmpty()) {
            se.queueSeq = Math.min(se.queueSeq, entities.first().queueSeq - 1);
        }
        add(se);
    }

    /** The entity that became runnable first, removed; null when empty. */
    SchedEntity pollFirst() {
        return dequeued(entities.pollFirst());
    }

    /** The entity with the smallest key, removed; ties go to the one queued first. Null when empty. */
    SchedEntity pollMin(ToLongFunction<SchedEntity> key) {
        SchedEntity best = null;
        long bestKey = Long.MAX_VALUE;
        for (SchedEntity se : entities) {
            long k = key.applyAsLong(se);
            if (best == null || k < bestKey) {
                best = se;
                bestKey = k;
            }
        }
        return best == null ? null : remove(best);
    }

    /** Removes {@code se} if present and returns it, null when it was not queued here. */
    SchedEntity remove(SchedEntity se) {
        return entities.remove(se) ? dequeued(se) : null;
    }

    int size() {
        return entities.size();
    }

    boolean isEmpty() {
        return entities.isEmpty();
    }

    /** In queue order; read-only. */
    @Override
    public Iterator<SchedEntity> iterator() {
        return Collections.unmodifiableSet(entities).iterator();
    }

    private static SchedEntity dequeued(SchedEntity se) {
        if (se != null) {
            se.queued = false;
        }
        return se;
    }
}
