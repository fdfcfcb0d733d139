package oss.runtime.kernel.sched;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * Linux's Completely Fair Scheduler, reduced to what shapes a schedule:
 * each task's virtual runtime advances inversely to its weight and the
 * task that has had the least runs next, so CPU time divides in proportion
 * to the nice weights. Slices come from a target latency shared by weight,
 * never below the minimum granularity. min_vruntime only moves forward and
 * anchors newcomers and sleepers, so neither can hoard credit.
 *
 * <p>"Running" here means: handed out by {@link #pickNext} on a CPU and not
 * yet put back ({@link #enqueue}), asleep ({@link #block}) or gone
 * ({@link #detach}).
 */
public final class CfsScheduler implements Scheduler {
    private static final long NICE_0_WEIGHT = 1024;
    /** Written out rather than composed from comparingLong(...): it runs on every enqueue and pick. */
    private static final Comparator<SchedEntity> BY_VRUNTIME = (a, b) -> {
        if (a.vruntime != b.vruntime) {
            return a.vruntime < b.vruntime ? -1 : 1;
        }
        if (a.queueSeq != b.queueSeq) {
            return a.queueSeq < b.queueSeq ? -1 : 1;
        }
        return Integer.compare(a.pid, b.pid);
    };

    private final long latencyNs;
    private final long minGranularityNs;
    private final long wakeupGranularityNs;
    private final TreeSet<SchedEntity> timeline = new TreeSet<>(BY_VRUNTIME);
    /** Indexed by CPU; null where nothing of this class runs. An array: it is scanned on every slice. */
    private SchedEntity[] runningOnCpu = new SchedEntity[4];
    /** Total weight of the timeline, kept as entities come and go so a slice costs O(running), not O(queued). */
    private long queuedWeight;
    private long minVruntime;

    public CfsScheduler(long latencyNs, long minGranularityNs, long wakeupGranularityNs) {
        if (latencyNs <= 0 || minGranularityNs <= 0 || wakeupGranularityNs < 0) {
            throw new IllegalArgumentException("CFS needs latency > 0, min_granularity > 0, wakeup_granularity >= 0");
        }
        this.latencyNs = latencyNs;
        this.minGranularityNs = minGranularityNs;
        this.wakeupGranularityNs = wakeupGranularityNs;
    }

    @Override
    public String name() {
        return "cfs";
    }

    /** The queue's min_vruntime, as placement saw it last. */
    public long minVruntime() {
        return minVruntime;
    }

    @Override
    public void enqueue(SchedEntity se, Wake why, long now) {
        updateMinVruntime();
        stopRunning(se);
        switch (why) {
            case NEW -> se.vruntime = Math.max(se.vruntime, minVruntime);
            case WAKEUP -> se.vruntime = Math.max(se.vruntime, minVruntime - latencyNs / 2);
            case PREEMPTED -> { }
        }
        if (!timeline.add(se)) {
            throw new IllegalStateException(se + " is already queued");
        }
        queuedWeight += se.weight;
        se.queued = true;
    }

    @Override
    public SchedEntity pickNext(int cpu, long now) {
        if (cpu >= runningOnCpu.length) {
            runningOnCpu = java.util.Arrays.copyOf(runningOnCpu, Math.max(cpu + 1, runningOnCpu.length * 2));
        }
        runningOnCpu[cpu] = null;
        SchedEntity se = timeline.pollFirst();
        if (se != null) {
            se.queued = false;
            queuedWeight -= se.weight;
            stopRunning(se);
            runningOnCpu[cpu] = se;
        }
        updateMinVruntime();
        return se;
    }

    @Override
    public boolean take(SchedEntity se, int cpu, long now) {
        if (cpu >= runningOnCpu.length) {
            runningOnCpu = java.util.Arrays.copyOf(runningOnCpu, Math.max(cpu + 1, runningOnCpu.length * 2));
        }
        if (!timeline.remove(se)) {
            return false;
        }
        runningOnCpu[cpu] = null;
        se.queued = false;
        queuedWeight -= se.weight;
        stopRunning(se);
        runningOnCpu[cpu] = se;
        updateMinVruntime();
        return true;
    }

    @Override
    public long timeSlice(SchedEntity se, long now) {
        long nr = timeline.size();
        long totalWeight = queuedWeight;
        boolean counted = se.queued;
        for (SchedEntity r : runningOnCpu) {
            if (r == null) {
                continue;
            }
            nr++;
            totalWeight += r.weight;
            counted |= r == se;
        }
        if (!counted) {
            nr++;
            totalWeight += se.weight;
        }
        long period = nr <= latencyNs / minGranularityNs ? latencyNs : nr * minGranularityNs;
        return Math.max(minGranularityNs, period * se.weight / totalWeight);
    }

    @Override
    public void account(SchedEntity se, long ranNs, long now) {
        long scaled = Math.addExact(Math.multiplyExact(ranNs, NICE_0_WEIGHT), se.vruntimeRemainder);
        se.vruntime += scaled / se.weight;
        se.vruntimeRemainder = scaled % se.weight;
        updateMinVruntime();
    }

    @Override
    public boolean shouldPreempt(SchedEntity woken, SchedEntity curr, long now) {
        return curr.vruntime - woken.vruntime > wakeupGranularityNs * NICE_0_WEIGHT / woken.weight;
    }

    /** Always go back: if curr still has the least vruntime it wins the pick, else the leftmost does. */
    @Override
    public boolean shouldYield(SchedEntity curr, long now) {
        return true;
    }

    @Override
    public void detach(SchedEntity se, long now) {
        if (timeline.remove(se)) {
            se.queued = false;
            queuedWeight -= se.weight;
        }
        stopRunning(se);
    }

    @Override
    public void block(SchedEntity se, long now) {
        stopRunning(se);
    }

    @Override
    public int queued() {
        return timeline.size();
    }

    private void stopRunning(SchedEntity se) {
        for (int i = 0; i < runningOnCpu.length; i++) {
            if (runningOnCpu[i] == se) {
                runningOnCpu[i] = null;
            }
        }
    }

    private void updateMinVruntime() {
        long min = Long.MAX_VALUE;
        boolean any = false;
        if (!timeline.isEmpty()) {
            min = timeline.first().vruntime;
            any = true;
        }
        for (SchedEntity r : runningOnCpu) {
            if (r != null) {
                min = Math.min(min, r.vruntime);
                any = true;
            }
        }
        if (any) {
            minVruntime = Math.max(minVruntime, min);
        }
    }
}
