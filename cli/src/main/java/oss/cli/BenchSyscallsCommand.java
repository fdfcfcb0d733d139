package oss.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "syscalls", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Measure how "
        + "many system calls per second of wall time the engine simulates: processes that each write 64 B into "
        + "their own pipe and read them back in a loop, with an entry cost of 150 ns per call.")
final class BenchSyscallsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--processes", description = "processes, each with its own pipe (default: ${DEFAULT-VALUE})")
    int processes = 4;

    @Option(names = "--rounds", description = "write-and-read rounds per process (default: ${DEFAULT-VALUE})")
    int rounds = 250_000;

    @Option(names = "--repeat", description = "measured repetitions after one warm-up (default: ${DEFAULT-VALUE})")
    int repeat = 5;

    @Option(names = "--cost", description = "syscall_cost in ns; 0 makes every call a zero-time statement"
            + " (default: ${DEFAULT-VALUE})")
    int cost = 150;

    /**
     * The workload: every round is two calls; with pipe2, two closes and exit_group each process
     * makes 2 * rounds + 4. An entry cost makes each call an event of its own (a burn on the CPU);
     * with cost 0 the calls are zero-time statements and only the step budget bounds them.
     */
    static String scenario(int processes, int rounds, int cost) {
        return "scenario \"bench syscalls\" {\n  machine {\n    cpus 2\n  }\n\n  kernel {\n    syscall_cost " + cost
                + " ns\n  }\n\n"
                + "  process P[i in 0.." + (processes - 1) + "] {\n    p = pipe\n    repeat " + rounds + " {\n"
                + "      write p.write 64 B\n      read p.read 64 B\n    }\n    close p.write\n    close p.read\n  }\n}\n";
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Ranges.between(spec, "--processes", processes, 1, 1000);
        Ranges.between(spec, "--rounds", rounds, 1, 10_000_000);
        Ranges.between(spec, "--repeat", repeat, 1, 1000);
        Ranges.between(spec, "--cost", cost, 0, 1_000_000);
        Compilation c = Compiler.compile("bench.oss", scenario(processes, rounds, cost));
        if (c.program().isEmpty()) {
            out.println("oss bench syscalls: the workload does not compile: " + c.diagnostics());
            return Main.FINDINGS;
        }
        RunOptions options = RunOptions.defaults().withMaxEvents(Long.MAX_VALUE / 16);
        Simulator.run(c.program().get(), options);
        double[] rates = new double[repeat];
        long calls = 0;
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            RunResult r = Simulator.run(c.program().get(), options);
            long wall = System.nanoTime() - start;
            calls = r.tasks().stream().flatMap(t -> t.syscalls().values().stream()).mapToLong(Long::longValue).sum();
            rates[i] = calls / (wall / 1e9);
            out.printf(Locale.ROOT, "run %d: %,d system calls, %,d events, in %.3f s = %,.0f calls/s (simulated %s)%n",
                    i + 1, calls, r.events(), wall / 1e9, rates[i], oss.runtime.observe.Durations.format(r.endNs()));
        }
        Arrays.sort(rates);
        out.printf(Locale.ROOT, "median: %,.0f system calls/s of wall time (%d processes x %,d rounds, syscall_cost %d"
                + " ns; Java %s)%n", rates[repeat / 2], processes, rounds, cost, Runtime.version());
        out.flush();
        return Main.OK;
    }
}
