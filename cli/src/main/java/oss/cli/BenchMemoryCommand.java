package oss.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import oss.runtime.bench.MemoryBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "memory", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Measure the memory model: simulated references per second through "
        + "TLB, page walk and caches (sequential and random over 64 MiB, with the paging-structure caches and "
        + "without), and the heap a 64 GiB machine needs.")
final class BenchMemoryCommand implements Callable<Integer> {
    /** The goal for both traces, in references per second of wall time. */
    static final double GOAL = 20_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--references", description = "steady-state references per run (default: ${DEFAULT-VALUE})")
    long references = 10_000_000;

    @Option(names = "--repeat", description = "measured repetitions after one warm-up (default: ${DEFAULT-VALUE})")
    int repeat = 5;

    @Option(names = "--trace", split = ",", description = "traces to run: ${COMPLETION-CANDIDATES} (default: all)")
    MemoryBench.Trace[] traces = MemoryBench.Trace.values();

    @Option(names = "--skip-footprint", description = "skip the 64 GiB footprint check in a child JVM")
    boolean skipFootprint;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Ranges.atLeast(spec, "--references", references, 1);
        Ranges.between(spec, "--repeat", repeat, 1, 1000);
        boolean met = true;
        for (MemoryBench.Trace trace : traces) {
            // with the paging-structure caches (the default) and without, one after the other in this JVM
            for (boolean psc : new boolean[] {true, false}) {
                String label = trace.label() + (psc ? "" : " (psc off)");
                MemoryBench.run(trace, references, psc);
                MemoryBench.Result[] runs = new MemoryBench.Result[repeat];
                for (int i = 0; i < repeat; i++) {
                    MemoryBench.Result r = MemoryBench.run(trace, references, psc);
                    runs[i] = r;
                    out.printf(Locale.ROOT, "%s run %d: %,d references in %.3f s = %,.0f references/s (%.1f ns each); "
                            + "fault phase %,d pages in %.1f ms%n", label, i + 1, r.references(), r.wallNs() / 1e9,
                            r.referencesPerSecond(), r.nsPerReference(), r.faultPages(), r.faultWallNs() / 1e6);
                }
                MemoryBench.Result[] sorted = runs.clone();
                Arrays.sort(sorted, (a, b) -> Double.compare(a.referencesPerSecond(), b.referencesPerSecond()));
                MemoryBench.Result m = sorted[repeat / 2];
                boolean ok = m.referencesPerSecond() >= GOAL;
                if (psc) {
                    met &= ok; // the goal is the default machine's
                }
                out.printf(Locale.ROOT, "%s median: %,.0f references/s, %.1f ns/reference, TLB hit rate %.2f %%, "
                        + "L1d hit rate %.2f %%, L2 hit rate %.2f %% (goal >= %,.0f: %s)%n", label,
                        m.referencesPerSecond(), m.nsPerReference(), 100 * m.tlbHitRate(), 100 * m.l1HitRate(),
                        100 * m.l2HitRate(), GOAL, ok ? "met" : "NOT met");
                out.printf(Locale.ROOT, "%s fault phase (median run): %,.0f demand-zero faults/s%n", label,
                        m.faultsPerSecond());
                out.printf(Locale.ROOT, "%s simulated: %s%n", label, m.simulated());
                out.flush();
            }
        }
        if (!skipFootprint) {
            MemoryBench.Footprint f = MemoryBench.footprint();
            if (f.failure() == null) {
                out.printf(Locale.ROOT, "footprint: 64 GiB machine, %d MiB written: heap used after GC %.1f MiB "
                        + "(%.1f MiB before the machine was built), max heap %.0f MiB, %d frames stored, built and "
                        + "touched in %.0f ms: %s%n", MemoryBench.FOOTPRINT_TOUCHED_BYTES >> 20,
                        f.heapUsedBytes() / 1048576.0, f.baselineHeapBytes() / 1048576.0,
                        f.maxHeapBytes() / 1048576.0, f.storedFrames(), f.wallNs() / 1e6, f.fit() ? "fits" : "FAILED");
            } else {
                out.printf(Locale.ROOT, "footprint: 64 GiB machine, %d MiB written, -Xmx%s: does NOT fit (%s)%n",
                        MemoryBench.FOOTPRINT_TOUCHED_BYTES >> 20, MemoryBench.FOOTPRINT_HEAP, f.failure());
            }
            met &= f.fit();
        }
        out.printf(Locale.ROOT, "Java %s, collectors: %s%n", Runtime.version(), String.join(", ",
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName).toList()));
        out.flush();
        return Main.OK;
    }
}
