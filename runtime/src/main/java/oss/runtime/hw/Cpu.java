package oss.runtime.hw;

/**
 * One simulated CPU: which task it runs and the bookkeeping for charging
 * that task's time. The kernel owns all decisions; this only remembers.
 */
public final class Cpu {
    public final int index;
    /** pid of the running task, 0 when idle. */
    public int current;
    /** pid of the last task that ran here, for context-switch cost. */
    public int lastRan;
    /** When the current task started executing (after any switch cost). */
    public long runStart;
    /** CPU time of the current task is charged up to here. */
    public long chargedTo;
    /** Increases on every dispatch and deschedule; stale events compare against it. */
    public long generation;
    /** Increases on every new slice; a SLICE_END event of an older slice is stale. */
    public long sliceGeneration;
    /** When the current slice ends (Long.MAX_VALUE: no slice). */
    public long sliceEnd = Long.MAX_VALUE;
    /** A SLICE_END event for the current slice is in the queue. */
    public boolean sliceEventPending;
    /** When the running burst completes (Long.MAX_VALUE: not computing). */
    public long burstEnd = Long.MAX_VALUE;
    /** The slice ended and the scheduling pass has yet to decide. */
    public boolean sliceExpired;
    /** The task is still paying its context-switch cost. */
    public boolean switching;
    /** Where the open Gantt slice began. */
    public long sliceOpen = -1;

    public Cpu(int index) {
        this.index = index;
    }

    public boolean idle() {
        return current == 0;
    }
}
