package oss.runtime.kernel;

import oss.ir.diag.Findings;
import oss.ir.program.Signal;
import oss.ir.program.Span;

/**
 * The {@link Core} calls every subsystem host answers the same way, by the {@link Kernel}: a host
 * ({@link SignalGlue}, {@link DataGlue}) adds only what its subsystem asks beyond them, so the
 * two cannot drift apart in how they block, wake or signal.
 */
abstract class CoreGlue implements Core {
    final Kernel k;

    CoreGlue(Kernel k) {
        this.k = k;
    }

    /** How many pids have been given (tasks 0 to n - 1). */
    public int taskCount() {
        return k.tasks.size();
    }

    @Override
    public long now() {
        return k.now;
    }

    @Override
    public Task task(int pid) {
        return k.tasks.get(pid);
    }

    @Override
    public void block(Task t, Task.Blocker blocker, int index, Span at, String on) {
        k.block(t, blocker, index, at, on);
    }

    @Override
    public void wake(Task t) {
        k.wake(t);
    }

    @Override
    public void spin(Task t) {
        k.spin(t);
    }

    @Override
    public void kick(Task t) {
        k.kick(t);
    }

    @Override
    public void stopSpinning(Task t) {
        k.stopSpinning(t);
    }

    @Override
    public boolean sendSignal(Task target, Signal sig, Span at) {
        return k.sendSignal(target, sig, at);
    }

    @Override
    public Interrupts interrupts() {
        return k.interrupts();
    }

    @Override
    public Findings findings() {
        return k.findings;
    }

    @Override
    public FactRecorder facts() {
        return k.facts;
    }
}
