package oss.runtime.kernel;

import oss.ir.program.Span;
import oss.runtime.hw.Cpu;
import oss.runtime.hw.Event;
import oss.runtime.kernel.data.DataHost;

/**
 * What the data subsystem may ask of the kernel ({@link DataHost}): the {@link Core} calls, plus
 * CPU time for a data step, killing a task, and the replayed schedule. Kept out of {@link Kernel}
 * so the event loop stays short.
 */
final class DataGlue extends CoreGlue implements DataHost {
    DataGlue(Kernel k) {
        super(k);
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
}
