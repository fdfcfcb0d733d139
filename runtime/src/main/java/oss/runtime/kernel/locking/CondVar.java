package oss.runtime.kernel.locking;

/** A condition variable (Mesa): a FIFO queue of waiters, no state of its own; a signal with no waiter is lost. */
public final class CondVar {
    public final String name;
    public final WaitQueue waiters = new WaitQueue();

    public CondVar(String name) {
        this.name = name;
    }
}
