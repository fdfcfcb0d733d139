package oss.runtime.kernel;

import oss.ir.diag.Findings;
import oss.ir.program.Span;
import oss.runtime.hw.Cpu;
import oss.runtime.hw.Event;
import oss.runtime.kernel.data.DataHost;

/**
 * What the data subsystem may ask of the kernel ({@link DataHost}): the {@link Core} calls, plus
 * CPU time for a data step, killing a task, and the replayed schedule. Kept out of {@link Kernel}
 * so the event loop stays short.
 */
final class DataGlue implements DataHost {
    private final Kernel k;

    DataGlue(Kernel k) {
        this.k = k;
    }

    @Override
    public void burn(Task t, long ns) {
        Cpu cpu = k.cpus[t.cpu];
        t.burning = true;
        t.inCompute = true;
        t.computeLeft = ns;
        cpu.burstEnd = k.now + ns;
        k.events.schedule(cpu.burstEnd, Event.Kind.BURST_END, cpu.index, cpu.generation);
        k.sched.armSlice(cpu);
    }

    /**
     * A task that lost its CPU in the middle of a data step's nanosecond (a replayed schedule
     * moved on, a slice ended) owes the rest before its next statement; true when it re-armed it.
     */
    boolean owesCpu(Task t) {
        if (!t.burning) {
            return false;
        }
        if (t.computeLeft <= 0) {
            t.burning = false;
            t.inCompute = false;
            return false;
        }
        burn(t, t.computeLeft);
        return true;
    }

    @Override
    public void kill(Task t, String signal, int number, Span at) {
        t.signal = signal;
        t.signalAt = at;
        t.exitedAt = at;
        t.opProgress = 0;
        k.lifecycle.doExit(t, 128 + number);
    }

    @Override
    public boolean replaying() {
        return k.director.active();
    }

    @Override
    public int scheduledBranch(Task t) {
        return k.director.stepBranch(t);
    }

    @Override
    public void scheduleMismatch(String why) {
        k.director.mismatch(why);
    }

    @Override
    public boolean holdsMutex(Task t, int index) {
        return k.locking.mutex().holds(t, index);
    }

    @Override
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
    public boolean sendSignal(Task target, oss.ir.program.Signal sig, oss.ir.program.Span at) {
        return k.sendSignal(target, sig, at);
    }

    @Override
    public Interrupts interrupts() {
        return k.interrupts();
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
    public Findings findings() {
        return k.findings;
    }

    @Override
    public FactRecorder facts() {
        return k.facts;
    }
}
