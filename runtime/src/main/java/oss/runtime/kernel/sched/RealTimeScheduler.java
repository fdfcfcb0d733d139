package oss.runtime.kernel.sched;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import oss.ir.program.SchedPolicy;

/**
 * SCHED_FIFO and SCHED_RR, as Linux's rt class: strict priorities 1..99
 * (higher first), one list per priority. A task that is preempted by a
 * higher priority was never really "done", so it goes back to the FRONT of
 * its list and resumes first; only a SCHED_RR task whose slice expired
 * goes to the back. The RR slice is a budget that survives preemption and
 * sleep, as Linux's p->rt.time_slice, and is refilled only when used up:
 * being preempted does not buy a task a fresh slice.
 */
public final class RealTimeScheduler implements Scheduler {
    /** Linux's RR_TIMESLICE (sched_rr_timeslice_ms = 100). */
    public static final long RR_SLICE_NS = 100_000_000L;
    private static final int MAX_PRIO = 99;

    @SuppressWarnings("unchecked")
    private final ArrayDeque<SchedEntity>[] lists = new ArrayDeque[MAX_PRIO + 1];
    private int queued;
    /** What each SCHED_RR task has left of its slice. */
    private final Map<SchedEntity, Long> rrLeft = new HashMap<>();
    /** Tasks whose last {@link #shouldYield} said "go": their next PREEMPTED enqueue is the expiry, to the back. */
    private final Set<SchedEntity> expired = Collections.newSetFromMap(new IdentityHashMap<>());

    public RealTimeScheduler() {
        for (int p = 1; p <= MAX_PRIO; p++) {
            lists[p] = new ArrayDeque<>();
        }
    }

    @Override
    public String name() {
        return "rt";
    }

    @Override
    public void enqueue(SchedEntity se, Wake why, long now) {
        ArrayDeque<SchedEntity> list = lists[priority(se)];
        if (se.queued) {
            throw new IllegalStateException(se + " is already queued");
        }
        boolean toBack = why != Wake.PREEMPTED || expired.remove(se);
        if (toBack) {
            list.addLast(se);
        } else {
            list.addFirst(se);
        }
        se.queued = true;
        queued++;
    }

    @Override
    public SchedEntity pickNext(int cpu, long now) {
        for (int p = MAX_PRIO; p >= 1; p--) {
            SchedEntity se = lists[p].pollFirst();
            if (se != null) {
                se.queued = false;
                queued--;
                return se;
            }
        }
        return null;
    }

    @Override
    public long timeSlice(SchedEntity se, long now) {
        expired.remove(se);
        if (se.policy != SchedPolicy.RR) {
            return Long.MAX_VALUE;
        }
        long left = rrLeft.getOrDefault(se, 0L);
        if (left <= 0) {
            left = RR_SLICE_NS;
            rrLeft.put(se, left);
        }
        return left;
    }

    @Override
    public void account(SchedEntity se, long ranNs, long now) {
        if (se.policy == SchedPolicy.RR) {
            rrLeft.put(se, Math.max(0, rrLeft.getOrDefault(se, RR_SLICE_NS) - ranNs));
        }
    }

    @Override
    public boolean shouldPreempt(SchedEntity woken, SchedEntity curr, long now) {
        return woken.rtPriority > curr.rtPriority;
    }

    /** SCHED_FIFO never yields to its equals; SCHED_RR does when its slice ran out. */
    @Override
    public boolean shouldYield(SchedEntity curr, long now) {
        boolean yield = curr.policy == SchedPolicy.RR;
        if (yield) {
            expired.add(curr);
        }
        return yield;
    }

    @Override
    public boolean take(SchedEntity se, int cpu, long now) {
        if (se.queued && lists[priority(se)].remove(se)) {
            se.queued = false;
            queued--;
            return true;
        }
        return false;
    }

    @Override
    public void detach(SchedEntity se, long now) {
        if (se.queued && lists[priority(se)].remove(se)) {
            se.queued = false;
            queued--;
        }
        rrLeft.remove(se);
        expired.remove(se);
    }

    @Override
    public int queued() {
        return queued;
    }

    private static int priority(SchedEntity se) {
        if (!se.policy.isRealTime() || se.rtPriority < 1 || se.rtPriority > MAX_PRIO) {
            throw new IllegalArgumentException(se + " is not a real-time task (policy " + se.policy
                    + ", priority " + se.rtPriority + ")");
        }
        return se.rtPriority;
    }
}
