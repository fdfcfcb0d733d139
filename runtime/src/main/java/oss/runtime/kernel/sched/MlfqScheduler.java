package oss.runtime.kernel.sched;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Multi-level feedback queue with OSTEP's rules (chapter 8, and its
 * {@code mlfq.py}): it learns from behaviour instead of needing SJF's
 * oracle.
 *
 * <ul>
 * <li>New tasks start at the top (assume short). Higher levels always run
 *     first, and a task arriving or waking at a higher level preempts a lower
 *     one at once.</li>
 * <li>Each level has a quantum and an allotment of some quanta (1 by
 *     default). A task whose quantum ends goes to the back of its level; one
 *     that has used its whole allotment at the level moves down a level (at
 *     the bottom it stays, with a fresh allotment).</li>
 * <li>A task preempted by a higher level keeps its place at the head of its
 *     level and the rest of its quantum, as mlfq.py (which never takes it off
 *     its queue), SCHED_RR and SCHED_FIFO do.</li>
 * <li>Quantum and allotment are counted across sleeps, so yielding just
 *     before the quantum ends cannot game the scheduler; with
 *     {@code resetOnBlock} (mlfq.py's -S) a task that blocks gets both back in
 *     full (the gameable rule); with {@code frontOnWake} (mlfq.py's -I) a task
 *     that wakes goes to the front of its level.</li>
 * <li>Every {@code boostNs} all tasks go back to the top with a fresh
 *     allotment, so long jobs do not starve (no boost when 0).</li>
 * </ul>
 */
public final class MlfqScheduler implements Scheduler {
    private final long[] quanta;
    private final int[] allotments;
    private final long boostNs;
    private final boolean resetOnBlock;
    private final boolean frontOnWake;
    private final List<SeqQueue> levels = new ArrayList<>();
    /** Every live entity, queued or running or asleep: the boost must reach those not in a queue too. */
    private final Set<SchedEntity> attached = new LinkedHashSet<>();
    /** Tasks whose quantum just ended: their next PREEMPTED enqueue goes to the back, not the head. */
    private final Set<SchedEntity> expired = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Time of the last boost: CPU time used before it must not count against the fresh allotment. */
    private long lastBoost = Long.MIN_VALUE;

    /** One quantum per level as its whole allotment, no I/O rules. */
    public MlfqScheduler(List<Long> quantaNs, long boostNs) {
        this(quantaNs, List.of(), boostNs, false, false);
    }

    /**
     * @param quantaNs     the quantum of each level, level 0 (highest priority) first
     * @param allotments   quanta a task may use at each level before it moves down; missing levels repeat
     *                     the last, and none means 1 everywhere
     * @param boostNs      period of the priority boost; 0 or less for none
     * @param resetOnBlock a task that blocks gets its quantum and allotment back (mlfq.py -S)
     * @param frontOnWake  a task that wakes goes to the front of its level (mlfq.py -I)
     */
    public MlfqScheduler(List<Long> quantaNs, List<Integer> allotments, long boostNs, boolean resetOnBlock,
            boolean frontOnWake) {
        if (quantaNs.isEmpty()) {
            throw new IllegalArgumentException("MLFQ needs at least one level");
        }
        quanta = new long[quantaNs.size()];
        this.allotments = new int[quanta.length];
        for (int i = 0; i < quanta.length; i++) {
            quanta[i] = quantaNs.get(i);
            if (quanta[i] <= 0) {
                throw new IllegalArgumentException("quantum of level " + i + " must be positive: " + quanta[i]);
            }
            this.allotments[i] = allotments.isEmpty() ? 1 : allotments.get(Math.min(i, allotments.size() - 1));
            if (this.allotments[i] <= 0) {
                throw new IllegalArgumentException("allotment of level " + i + " must be positive");
            }
            levels.add(new SeqQueue());
        }
        this.boostNs = boostNs;
        this.resetOnBlock = resetOnBlock;
        this.frontOnWake = frontOnWake;
    }

    @Override
    public String name() {
        return "mlfq";
    }

    public int levelCount() {
        return quanta.length;
    }

    @Override
    public void attach(SchedEntity se, long now) {
        attached.add(se);
        fresh(se, 0);
    }

    private static void fresh(SchedEntity se, int level) {
        se.level = level;
        se.usedAtLevel = 0;
        se.usedInQuantum = 0;
    }

    @Override
    public boolean take(SchedEntity se, int cpu, long now) {
        return levels.get(se.level).remove(se) != null;
    }

    @Override
    public void detach(SchedEntity se, long now) {
        attached.remove(se);
        expired.remove(se);
        levels.get(se.level).remove(se);
    }

    @Override
    public void enqueue(SchedEntity se, Wake why, long now) {
        attached.add(se);
        SeqQueue level;
        switch (why) {
            case NEW -> {
                fresh(se, 0);
                levels.get(0).add(se);
            }
            case WAKEUP -> {
                level = levels.get(se.level);
                if (frontOnWake) {
                    level.addFirst(se);
                } else {
                    level.add(se);
                }
            }
            case PREEMPTED -> {
                level = levels.get(se.level);
                if (expired.remove(se)) {
                    level.add(se); // its quantum is over: the back of its (perhaps new, lower) level
                } else {
                    level.addFirst(se); // a higher level took the CPU: it keeps its place and its quantum
                }
            }
        }
    }

    @Override
    public void block(SchedEntity se, long now) {
        expired.remove(se);
        if (resetOnBlock) {
            se.usedAtLevel = 0;
            se.usedInQuantum = 0;
        }
    }

    @Override
    public SchedEntity pickNext(int cpu, long now) {
        for (SeqQueue level : levels) {
            if (!level.isEmpty()) {
                return level.pollFirst();
            }
        }
        return null;
    }

    /** What is left of the quantum at the current level, so a task that slept resumes with the remainder. */
    @Override
    public long timeSlice(SchedEntity se, long now) {
        expired.remove(se); // it goes on running: the quantum that ended is behind it
        return quanta[se.level] - se.usedInQuantum;
    }

    @Override
    public void account(SchedEntity se, long ranNs, long now) {
        long charged = now - ranNs < lastBoost ? now - lastBoost : ranNs;
        se.usedAtLevel += charged;
        se.usedInQuantum += charged;
        if (se.usedInQuantum >= quanta[se.level]) {
            expired.add(se); // however it leaves the CPU now, it goes to the back of its level
            se.usedInQuantum = 0;
            if (se.usedAtLevel >= quanta[se.level] * allotments[se.level]) {
                fresh(se, Math.min(se.level + 1, quanta.length - 1));
            }
        }
    }

    @Override
    public boolean shouldPreempt(SchedEntity woken, SchedEntity curr, long now) {
        return woken.level < curr.level;
    }

    /** The slice only ends with the quantum: the task goes to the back of its level (or the next one down). */
    @Override
    public boolean shouldYield(SchedEntity curr, long now) {
        return true;
    }

    @Override
    public long nextPeriodic(long now) {
        if (boostNs <= 0) {
            return Long.MAX_VALUE;
        }
        return Math.floorDiv(now, boostNs) * boostNs + boostNs;
    }

    /** The boost; queued entities keep their relative order since the level-0 queue sorts by queueSeq. */
    @Override
    public void periodic(long now) {
        lastBoost = now;
        for (int i = 1; i < levels.size(); i++) {
            SeqQueue level = levels.get(i);
            SchedEntity se;
            while ((se = level.pollFirst()) != null) {
                levels.get(0).add(se);
            }
        }
        for (SchedEntity se : attached) {
            fresh(se, 0);
        }
    }

    @Override
    public int queued() {
        int n = 0;
        for (SeqQueue level : levels) {
            n += level.size();
        }
        return n;
    }
}
