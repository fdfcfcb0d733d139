package oss.runtime.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import oss.runtime.kernel.mm.MemoryManager;
import oss.runtime.observe.CacheStats;
import oss.runtime.observe.MachineStats;
import oss.ir.program.DeadlockPolicy;
import oss.ir.program.KernelConfig;
import oss.ir.program.MachineConfig;
import oss.ir.program.MemoryHardware;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.PscSpec;
import oss.ir.program.SchedPolicy;
import oss.ir.program.SchedulerSpec;
import oss.ir.program.Span;

/**
 * The memory model's benchmarks.
 *
 * <p><b>Throughput</b> ({@link #run}): simulated memory references per
 * second of wall time through the whole MMU path (TLB, page walk through
 * the caches, the data access through L1d and L2), driving
 * {@link MemoryManager#access} directly. One process maps a region
 * ({@link #REGION_BYTES}, 16,384 pages) and writes every page of it once
 * (the fault phase, timed on its own); then {@code references} steady-state
 * references are timed, one in four a write, 8-byte aligned:
 * <ul>
 * <li>{@link Trace#SEQUENTIAL}: word after word through the region,
 * wrapping at its end (a loop over an array: the TLB and L1 mostly hit);
 * <li>{@link Trace#RANDOM}: uniform over the region from a seeded
 * {@link SplittableRandom} (nearly every reference misses the TLB and
 * walks the page table).
 * </ul>
 * The simulated counters of the steady phase (TLB and cache hits, page
 * walks, cycles, paging-structure cache hits) are deterministic for a seed
 * and are reported too, so two builds can be checked to simulate the same
 * thing. Each trace runs with the default paging-structure caches and
 * without them (every walk from the root, four reads), side by side.
 *
 * <p><b>Footprint</b> ({@link #footprint}): a 64 GiB machine on which one
 * process writes 10 MiB must fit in a 200 MiB Java heap, because the
 * simulator's memory grows with the pages touched, not with the RAM
 * configured. It is measured in a child JVM started with {@code -Xmx200m}
 * ({@link #main} is the child's entry point), which reports the heap in use
 * after a GC.
 */
public final class MemoryBench {
    private MemoryBench() {}

    public static final long REGION_BYTES = 64L << 20;
    public static final long FOOTPRINT_MACHINE_BYTES = 64L << 30;
    public static final long FOOTPRINT_TOUCHED_BYTES = 10L << 20;
    public static final String FOOTPRINT_HEAP = "200m";
    private static final int PID = 1;
    private static final int CPU = 0;

    public enum Trace {
        SEQUENTIAL, RANDOM;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One timed run: the fault phase and the steady phase, with the steady phase's simulated counters. */
    public record Result(Trace trace, long faultPages, long faultWallNs, long references, long wallNs,
            long tlbHits, long tlbMisses, long l1Hits, long l1Misses, long l2Hits, long l2Misses, long pageWalks,
            long simulatedCycles, long pscHits, long pscMisses) {

        public double referencesPerSecond() {
            return references / (wallNs / 1e9);
        }

        public double nsPerReference() {
            return (double) wallNs / references;
        }

        public double faultsPerSecond() {
            return faultPages / (faultWallNs / 1e9);
        }

        public double tlbHitRate() {
            return rate(tlbHits, tlbMisses);
        }

        public double l1HitRate() {
            return rate(l1Hits, l1Misses);
        }

        public double l2HitRate() {
            return rate(l2Hits, l2Misses);
        }

        /** The simulated outcome, which no optimisation of the simulator may change. */
        public String simulated() {
            return String.format(Locale.ROOT, "tlb %d/%d, L1d %d/%d, L2 %d/%d, psc %d/%d (hits/misses), %d walks, %d cycles",
                    tlbHits, tlbMisses, l1Hits, l1Misses, l2Hits, l2Misses, pscHits, pscMisses, pageWalks,
                    simulatedCycles);
        }

        private static double rate(long hits, long misses) {
            return hits + misses == 0 ? 0 : (double) hits / (hits + misses);
        }
    }

    /** The single-process program the throughput bench runs: default memory hardware, 256 MiB of RAM, one CPU. */
    public static Program program(long memoryBytes) {
        return program(memoryBytes, true);
    }

    /** As above, with the default paging-structure caches or ({@code psc} false) none: every walk from the root. */
    public static Program program(long memoryBytes, boolean psc) {
        ProcessDef p = new ProcessDef("bench", 0, 0, SchedPolicy.NORMAL, 0, ProcessDef.DEFAULT_TICKETS,
                ProcessDef.NO_FRAME_LIMIT, List.of(), 0, Span.NONE);
        MemoryHardware d = MemoryHardware.defaults();
        MemoryHardware hw = new MemoryHardware(d.paging(), d.tlb(), d.caches(), d.memoryLatencyCycles(), d.swapBytes(),
                d.diskLatencyNs(), psc ? d.psc() : PscSpec.OFF);
        MachineConfig machine = new MachineConfig(1, 2_000_000_000L, memoryBytes, 4096, hw);
        KernelConfig kernel = new KernelConfig(SchedulerSpec.cfs(), 0, 1000, DeadlockPolicy.DETECT);
        return new Program("memory bench", machine, kernel, List.of(), List.of(), List.of(), List.of(p),
                Optional.empty());
    }

    /** A fresh memory manager with the bench process created and running on CPU 0, and its region mapped. */
    private static MemoryManager setUp(Program program, long regionBytes, long[] base) {
        MemoryManager mm = new MemoryManager(program, 42);
        mm.createProcess(PID, ProcessDef.NO_FRAME_LIMIT, "bench");
        mm.switchTo(CPU, PID);
        base[0] = mm.mappings().mmap(PID, new Op.Mmap(0, regionBytes, -1, false, Op.PROT_READ | Op.PROT_WRITE, -1, Span.NONE));
        if (base[0] < 0) {
            throw new IllegalStateException("the bench region could not be mapped");
        }
        return mm;
    }

    /** Writes one word of every page: each is a demand-zero fault. */
    private static void touch(MemoryManager mm, long base, long bytes) {
        for (long off = 0; off < bytes; off += MemoryManager.PAGE_SIZE) {
            MemoryManager.Access a = mm.access(PID, CPU, base + off, true, null);
            if (a.fault() != MemoryManager.FaultKind.MINOR) {
                throw new IllegalStateException("expected a minor fault at +" + off + ", got " + a.fault());
            }
        }
    }

    public static Result run(Trace trace, long references) {
        return run(trace, references, true);
    }

    /** One timed run, with the default paging-structure caches or without any ({@code psc} false). */
    public static Result run(Trace trace, long references, boolean psc) {
        Program program = program(256L << 20, psc);
        long[] base = new long[1];
        MemoryManager mm = setUp(program, REGION_BYTES, base);
        long pages = REGION_BYTES / MemoryManager.PAGE_SIZE;
        long f0 = System.nanoTime();
        touch(mm, base[0], REGION_BYTES);
        long faultWall = System.nanoTime() - f0;

        MachineStats before = mm.machineStats();
        long start = System.nanoTime();
        long cycles = trace == Trace.SEQUENTIAL
                ? sequential(mm, base[0], REGION_BYTES, references)
                : random(mm, base[0], REGION_BYTES, references, new SplittableRandom(7));
        long wall = System.nanoTime() - start;
        MachineStats after = mm.machineStats();
        CacheStats l1Before = before.caches().get(0);
        CacheStats l1After = after.caches().get(0);
        CacheStats l2Before = before.caches().get(1);
        CacheStats l2After = after.caches().get(1);
        return new Result(trace, pages, faultWall, references, wall,
                after.tlbHits() - before.tlbHits(), after.tlbMisses() - before.tlbMisses(),
                l1After.hits() - l1Before.hits(), l1After.misses() - l1Before.misses(),
                l2After.hits() - l2Before.hits(), l2After.misses() - l2Before.misses(),
                after.pageWalks() - before.pageWalks(), cycles, after.pscHits() - before.pscHits(),
                after.pscMisses() - before.pscMisses());
    }

    private static long sequential(MemoryManager mm, long base, long bytes, long references) {
        long cycles = 0;
        long off = 0;
        for (long i = 0; i < references; i++) {
            cycles += check(mm, mm.accessCycles(PID, CPU, base + off, (i & 3) == 3, null), base + off);
            off += 8;
            if (off == bytes) {
                off = 0;
            }
        }
        return cycles;
    }

    private static long random(MemoryManager mm, long base, long bytes, long references, SplittableRandom rnd) {
        long cycles = 0;
        for (long i = 0; i < references; i++) {
            long off = rnd.nextLong(bytes) & ~7L;
            cycles += check(mm, mm.accessCycles(PID, CPU, base + off, (i & 3) == 3, null), base + off);
        }
        return cycles;
    }

    /** The cycles of a steady-state reference, which must not have faulted. */
    private static long check(MemoryManager mm, long cycles, long va) {
        if (mm.lastFault() != MemoryManager.FaultKind.NONE) {
            throw new IllegalStateException("steady-state reference at 0x" + Long.toHexString(va) + " faulted: "
                    + mm.lastFault());
        }
        return cycles;
    }

    // ---- footprint ------------------------------------------------------------------------------------

    /** What the child JVM reports. */
    public record Footprint(boolean fit, long heapUsedBytes, long baselineHeapBytes, long maxHeapBytes,
            long storedFrames, long wallNs, String failure) {}

    /**
     * Starts a child JVM with {@code -Xmx200m} (the running java binary and
     * class path) that builds a 64 GiB machine and writes 10 MiB in one
     * process, and reads back what it measured. {@code fit} is false when the
     * child ran out of heap (or failed otherwise; {@code failure} says how).
     */
    public static Footprint footprint() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + FOOTPRINT_HEAP, "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), MemoryBench.class.getName(), "footprint"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                lines.add(line);
            }
        }
        int rc = p.waitFor();
        for (String line : lines) {
            if (line.startsWith("footprint ")) {
                String[] f = line.split(" ");
                return new Footprint(rc == 0, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]), null);
            }
        }
        String why = lines.stream().filter(l -> l.contains("OutOfMemoryError")).findFirst()
                .orElse(lines.isEmpty() ? "exit status " + rc : lines.get(lines.size() - 1));
        return new Footprint(false, -1, -1, -1, -1, -1, why);
    }

    /** The child's side: one line {@code footprint USED BASELINE MAX STORED_FRAMES WALL_NS} on success. */
    private static void footprintChild() {
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        long start = System.nanoTime();
        long[] base = new long[1];
        MemoryManager mm = setUp(program(FOOTPRINT_MACHINE_BYTES), FOOTPRINT_TOUCHED_BYTES, base);
        touch(mm, base[0], FOOTPRINT_TOUCHED_BYTES);
        long wall = System.nanoTime() - start;
        System.gc();
        long used = memory.getHeapMemoryUsage().getUsed();
        long max = memory.getHeapMemoryUsage().getMax();
        System.out.printf(Locale.ROOT, "footprint %d %d %d %d %d%n", used, baseline, max, mm.ram().storedFrames(),
                wall);
        // keep mm reachable until after the measurement
        if (mm.framesInUse() < 0) {
            System.out.println(mm);
        }
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("footprint")) {
            footprintChild();
            return;
        }
        System.err.println("usage: MemoryBench footprint (the child JVM of the footprint bench)");
        System.exit(2);
    }
}
