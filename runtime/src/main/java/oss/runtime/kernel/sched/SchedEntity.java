package oss.runtime.kernel.sched;

import java.util.function.LongSupplier;
import oss.ir.program.SchedPolicy;

/**
 * What a scheduler sees of a task, as Linux's sched_entity: identity and
 * weight fixed at creation, plus the bookkeeping each policy keeps. Policies
 * own their fields; nothing else writes them.
 */
public final class SchedEntity {
    public final int pid;
    public final String name;
    public final int nice;
    /** Load weight from the nice-to-weight table (nice 0 = 1024). */
    public final long weight;
    public final SchedPolicy policy;
    /** 1..99 for real-time policies; 0 otherwise. */
    public final int rtPriority;
    public final int tickets;
    /**
     * Remaining CPU time of the current burst, as the textbooks' SJF/STCF
     * oracle assumes it is known. Valid after {@link Scheduler#account}.
     */
    private final LongSupplier remainingBurst;

    /** CFS virtual runtime, in ns of weight-1024 time. */
    public long vruntime;
    /** CFS: ran × 1024 mod weight not yet turned into vruntime, so nobody gains or loses time to rounding. */
    public long vruntimeRemainder;
    /** MLFQ level (0 = highest), CPU used at that level (its allotment) and within the current quantum. */
    public int level;
    public long usedAtLevel;
    public long usedInQuantum;
    /** Order of becoming runnable: ties go to whoever queued first. */
    public long queueSeq;
    /** Set by the scheduler while the entity sits in its run queue. */
    public boolean queued;

    public SchedEntity(int pid, String name, int nice, SchedPolicy policy, int rtPriority, int tickets,
            LongSupplier remainingBurst) {
        this.pid = pid;
        this.name = name;
        this.nice = nice;
        this.weight = NiceWeights.weight(nice);
        this.policy = policy;
        this.rtPriority = rtPriority;
        this.tickets = tickets;
        this.remainingBurst = remainingBurst;
    }

    public long remainingBurst() {
        return remainingBurst.getAsLong();
    }

    @Override
    public String toString() {
        return name + "(" + pid + ")";
    }
}
