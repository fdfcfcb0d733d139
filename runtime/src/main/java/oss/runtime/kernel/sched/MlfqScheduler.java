package oss.runtime.kernel.sched;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Multi-level feedback queue with OSTEP's rules: it learns from behaviour
 * instead of needing SJF's oracle. New tasks start at the top (assume short);
 * a task that uses up its allotment at a level moves down (it is CPU bound);
 * the allotment is counted across sleeps, so yielding just before the
 * quantum ends cannot game the scheduler; a periodic boost lifts everyone
 * back to the top so long jobs do not starve and a task that turned
 * interactive is treated as such again.
 */
public final class MlfqScheduler implements Scheduler {
    private final long[] quanta;
    private final long boostNs;
    private final List<SeqQueue> levels = new ArrayList<>();
    /** Every live entity, queued or running or asleep: the boost must reach those not in a queue too. */
    private final Set<SchedEntity> attached = new LinkedHashSet<>();
    /** Time of the last boost: CPU time used before it must not count against the fresh allotment. */
    private long lastBoost = Long.MIN_VALUE;

    /**
     * @param quantaNs one allotment per level, level 0 (highest priority) first
     * @param boostNs  period of the priority boost; 0 or less for none
     */
    public MlfqScheduler(List<Long> quantaNs, long boostNs) {
        if (quantaNs.isEmpty()) {
            throw new IllegalArgumentException("MLFQ needs at least one level");
        }
        quanta = new long[quantaNs.size()];
        for (int i = 0; i < quanta.length; i++) {
            quanta[i] = quantaNs.get(i);
            if (quanta[i] <= 0) {
                throw new IllegalArgumentException("quantum of level " + i + " must be positive: " + quanta[i]);
            }
            levels.add(new SeqQueue());
        }
        this.boostNs = boostNs;
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
        se.level = 0;
        se.usedAtLevel = 0;
    }

    @Override
    public boolean take(SchedEntity se, int cpu, long now) {
        return levels.get(se.level).remove(se) != null;
    }

    @Override
    public void detach(SchedEntity se, long now) {
        attached.remove(se);
        levels.get(se.level).remove(se);
    }

    @Override
    public void enqueue(SchedEntity se, Wake why, long now) {
        attached.add(se);
        if (why == Wake.NEW) {
            se.level = 0;
            se.usedAtLevel = 0;
        }
        levels.get(se.level).add(se);
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

    /** What is left of the allotment at the current level, so a task that slept resumes with the remainder. */
    @Override
    public long timeSlice(SchedEntity se, long now) {
        return quanta[se.level] - se.usedAtLevel;
    }

    @Override
    public void account(SchedEntity se, long ranNs, long now) {
        long charged = now - ranNs < lastBoost ? now - lastBoost : ranNs;
        se.usedAtLevel += charged;
        if (se.usedAtLevel >= quanta[se.level]) {
            se.level = Math.min(se.level + 1, quanta.length - 1);
            se.usedAtLevel = 0;
        }
    }

    @Override
    public boolean shouldPreempt(SchedEntity woken, SchedEntity curr, long now) {
        return woken.level < curr.level;
    }

    /** The slice only ends when the allotment is used up, and then the task has just been demoted. */
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
            se.level = 0;
            se.usedAtLevel = 0;
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
