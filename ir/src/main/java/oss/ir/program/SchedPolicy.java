package oss.ir.program;

/** A task's scheduling class, as sched_setscheduler(2) names them. */
public enum SchedPolicy {
    /** SCHED_OTHER: handled by the kernel's configured policy (CFS by default). */
    NORMAL,
    /** SCHED_FIFO real-time: runs until it blocks or a higher priority preempts it. */
    FIFO,
    /** SCHED_RR real-time: like FIFO with a time slice among equal priorities. */
    RR;

    public boolean isRealTime() {
        return this != NORMAL;
    }
}
