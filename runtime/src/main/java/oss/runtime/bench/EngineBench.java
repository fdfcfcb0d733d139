package oss.runtime.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.ir.program.DeadlockPolicy;
import oss.ir.program.KernelConfig;
import oss.ir.program.MachineConfig;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.SchedPolicy;
import oss.ir.program.SchedulerSpec;
import oss.ir.program.Span;

/**
 * The engine's throughput benchmark: {@code processes} tasks on 4 CPUs
 * under CFS, each alternating a 1 ms burst with a 1 ms sleep, so every
 * event exercises the run queue (wake-up, pick, slice, burst end) rather
 * than an idle clock. The run is cut by the event budget at exactly
 * {@code events} events. Reports events processed per second of wall time.
 */
public final class EngineBench {
    private EngineBench() {}

    public record Result(long events, long wallNs, long simulatedNs) {
        public double eventsPerSecond() {
            return events / (wallNs / 1e9);
        }
    }

    public static Program workload(int processes, long events) {
        // more rounds than the events can cover: the event budget, not the work, ends the run
        long rounds = Math.max(1, events / processes + 1);
        List<ProcessDef> defs = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            List<Op> body = List.of(new Op.Repeat(rounds, List.of(
                    new Op.Compute(1_000_000L + (i % 7) * 10_000L, Span.NONE),
                    new Op.Sleep(1_000_000L, Span.NONE)), Span.NONE));
            defs.add(new ProcessDef("p" + i, i % 5, 0, SchedPolicy.NORMAL, 0, ProcessDef.DEFAULT_TICKETS,
                    ProcessDef.NO_FRAME_LIMIT, body, 0, Span.NONE));
        }
        MachineConfig machine = new MachineConfig(4, 2_000_000_000L, 256L << 20, 4096);
        KernelConfig kernel = new KernelConfig(SchedulerSpec.cfs(), 0, 1000, DeadlockPolicy.DETECT);
        return new Program("engine bench", machine, kernel, List.of(), List.of(), List.of(), defs, Optional.empty());
    }

    public static Result run(int processes, long events) {
        Program program = workload(processes, events);
        RunOptions options = RunOptions.defaults().withMaxEvents(events);
        long start = System.nanoTime();
        RunResult r = Simulator.run(program, options);
        long wall = System.nanoTime() - start;
        if (!r.budgetExhausted()) {
            throw new IllegalStateException("the bench workload ended before its " + events + " events");
        }
        return new Result(Math.min(events, r.events()), wall, r.endNs());
    }
}
