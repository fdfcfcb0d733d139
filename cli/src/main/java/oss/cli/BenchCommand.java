package oss.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import oss.runtime.bench.EngineBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Measure the engine: simulate many processes over many scheduling events; "
        + "`oss bench memory` measures the memory model, `oss bench syscalls` the system calls simulated per second.",
        subcommands = {BenchMemoryCommand.class, BenchSyscallsCommand.class})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--processes", description = "processes to simulate (default: ${DEFAULT-VALUE})")
    int processes = 1000;

    @Option(names = "--events", description = "scheduling events to simulate (default: ${DEFAULT-VALUE})")
    long events = 1_000_000;

    @Option(names = "--repeat", description = "measured repetitions after one warm-up (default: ${DEFAULT-VALUE})")
    int repeat = 5;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Ranges.between(spec, "--processes", processes, 1, 1_000_000);
        Ranges.atLeast(spec, "--events", events, 1);
        Ranges.between(spec, "--repeat", repeat, 1, 1000);
        EngineBench.run(processes, events);
        double[] rates = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            EngineBench.Result r = EngineBench.run(processes, events);
            rates[i] = r.eventsPerSecond();
            out.printf(java.util.Locale.ROOT, "run %d: %,d events in %.3f s = %,.0f events/s%n", i + 1, r.events(),
                    r.wallNs() / 1e9, r.eventsPerSecond());
        }
        java.util.Arrays.sort(rates);
        String gc = String.join(", ", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
        out.printf(java.util.Locale.ROOT, "median: %,.0f events/s (%d processes; Java %s, collectors: %s)%n",
                rates[repeat / 2], processes, Runtime.version(), gc);
        out.flush();
        return Main.OK;
    }
}
