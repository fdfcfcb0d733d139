package oss.compiler.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import oss.compiler.ast.Atom;
import oss.compiler.ast.Setting;
import oss.compiler.ast.SettingsBlock;
import oss.compiler.parse.SettingKeys;
import oss.compiler.util.Suggest;
import oss.runtime.diag.Code;
import oss.runtime.program.DeadlockPolicy;
import oss.runtime.program.KernelConfig;
import oss.runtime.program.MachineConfig;
import oss.runtime.program.SchedulerSpec;
import oss.runtime.program.Span;

/**
 * Reads {@code machine { }} and {@code kernel { }} against their schema.
 * Keys of later versions are validated and reported once as
 * NOT_SIMULATED_YET, never silently dropped.
 */
public final class SettingsReader {
    private static final long MS = 1_000_000L;
    private final Diags diags;
    private final Units units;
    private int cpus = 2;
    private long clockHz = 2_000_000_000L;
    private long memory = 256L << 20;
    private long pageSize = 4096;
    private SchedulerSpec scheduler = SchedulerSpec.cfs();
    private long contextSwitch = 0;
    private int hz = 1000;
    private DeadlockPolicy deadlock = DeadlockPolicy.DETECT;
    private final Map<String, Span> seen = new HashMap<>();

    public SettingsReader(Diags diags, Units units) {
        this.diags = diags;
        this.units = units;
    }

    public MachineConfig machine() {
        return new MachineConfig(cpus, clockHz, memory, pageSize);
    }

    public KernelConfig kernel() {
        return new KernelConfig(scheduler, contextSwitch, hz, deadlock);
    }

    /** Reads all blocks: the machine first, since `cycles` and `pages` depend on its clock and page size. */
    public void read(List<SettingsBlock> blocks) {
        for (SettingsBlock b : blocks) {
            if (b.kind() == SettingsBlock.Kind.MACHINE) {
                b.settings().forEach(s -> one(s, true));
            }
        }
        units.setClock(clockHz);
        units.setPageSize(pageSize);
        for (SettingsBlock b : blocks) {
            if (b.kind() == SettingsBlock.Kind.KERNEL) {
                b.settings().forEach(s -> one(s, false));
            }
        }
    }

    private void one(Setting s, boolean machine) {
        Atom key = s.key();
        List<String> keys = machine ? SettingKeys.MACHINE : SettingKeys.KERNEL;
        if (key.kind() != Atom.Kind.WORD || !keys.contains(key.text())) {
            List<String> other = machine ? SettingKeys.KERNEL : SettingKeys.MACHINE;
            String block = machine ? "machine" : "kernel";
            String msg;
            if (other.contains(key.text())) {
                msg = "`" + key.text() + "` belongs in the `" + (machine ? "kernel" : "machine") + "` block, not in `"
                        + block + "`";
            } else {
                msg = "unknown " + block + " setting `" + key.text() + "`" + Suggest.hint(key.text(), keys)
                        + (Suggest.closest(key.text(), keys).isPresent() ? "" : " (known: " + String.join(", ", keys) + ")");
            }
            diags.report(Code.UNKNOWN_SETTING, key.span(), msg);
            return;
        }
        String id = key.text();
        if (id.equals("cache") && !s.arguments().isEmpty()) {
            id = "cache " + s.arguments().get(0).text();
        }
        Span first = seen.putIfAbsent(id, key.span());
        if (first != null) {
            diags.report(Code.DUPLICATE_NAME, key.span(), "`" + id + "` is set twice", first, "first set here");
            return;
        }
        SettingArgs a = new SettingArgs(s, diags, units);
        switch (key.text()) {
            case "cpus" -> {
                OptionalLong n = a.integer("the number of CPUs", 1, 1024);
                a.finish("cpus 2");
                n.ifPresent(v -> cpus = (int) v);
            }
            case "clock" -> {
                OptionalLong v = a.quantity(Units.Kind.FREQUENCY, "the clock", true);
                a.finish("clock 2 GHz");
                v.ifPresent(x -> clockHz = x);
            }
            case "memory" -> {
                OptionalLong v = a.quantity(Units.Kind.SIZE, "the memory size", true);
                a.finish("memory 256 MiB");
                v.ifPresent(x -> memory = x);
                later(a, "the memory model");
            }
            case "page_size" -> {
                OptionalLong v = a.quantity(Units.Kind.SIZE, "the page size", true);
                a.finish("page_size 4 KiB");
                if (v.isPresent() && Long.bitCount(v.getAsLong()) != 1) {
                    diags.report(Code.BAD_SETTING, s.span(), "the page size must be a power of two, such as 4 KiB");
                } else {
                    v.ifPresent(x -> pageSize = x);
                }
                later(a, "the memory model");
            }
            case "paging" -> {
                a.oneOf(List.of("x86_64", "x86_32"), "a paging mode");
                a.finish("paging x86_64");
                later(a, "the memory model");
            }
            case "tlb" -> {
                tlb(a);
                later(a, "the memory model");
            }
            case "cache" -> {
                cache(a);
                later(a, "the memory model");
            }
            case "memory_latency" -> {
                a.quantity(Units.Kind.TIME, "the memory latency", true);
                a.finish("memory_latency 100 cycles");
                later(a, "the memory model");
            }
            case "disk" -> {
                a.expectWord("latency", "disk latency 5 ms");
                a.quantity(Units.Kind.TIME, "the disk latency", true);
                a.finish("disk latency 5 ms");
                later(a, "the disk model");
            }
            case "swap" -> {
                a.quantity(Units.Kind.SIZE, "the swap size", false);
                a.finish("swap 64 MiB");
                later(a, "the memory model");
            }
            case "scheduler" -> scheduler(a);
            case "context_switch" -> {
                OptionalLong v = a.quantity(Units.Kind.TIME, "the context switch time", false);
                a.finish("context_switch 5 us");
                v.ifPresent(x -> contextSwitch = x);
            }
            case "hz" -> {
                OptionalLong v = a.integer("the timer frequency", 1, 100_000);
                a.finish("hz 1000");
                v.ifPresent(x -> hz = (int) x);
                later(a, "the timer tick");
            }
            case "deadlock" -> {
                a.oneOf(List.of("detect", "avoid", "ignore"), "a policy").ifPresent(p -> deadlock = switch (p) {
                    case "avoid" -> DeadlockPolicy.AVOID;
                    case "ignore" -> DeadlockPolicy.IGNORE;
                    default -> DeadlockPolicy.DETECT;
                });
                a.finish("deadlock detect");
            }
            case "malloc" -> {
                malloc(a);
                later(a, "the user-space allocator model");
            }
            case "replacement" -> {
                a.oneOf(List.of("lru", "clock", "fifo", "opt", "random"), "a page replacement policy");
                a.finish("replacement lru");
                later(a, "the memory model");
            }
            case "buddy" -> {
                a.expectWord("max_order", "buddy max_order 11");
                a.integer("the maximum order", 1, 20);
                a.finish("buddy max_order 11");
                later(a, "the memory model");
            }
            case "msgmax", "msgmnb", "pipe_buffer" -> {
                a.quantity(Units.Kind.SIZE, "`" + key.text() + "`", true);
                a.finish(key.text() + " 8 KiB");
                later(a, "the IPC model");
            }
            default -> diags.report(Code.UNKNOWN_SETTING, key.span(), "unknown setting `" + key.text() + "`");
        }
    }

    private void later(SettingArgs a, String model) {
        diags.report(Code.NOT_SIMULATED_YET, a.keySpan(), "`" + a.key() + "` is accepted but not simulated yet: " + model
                + " comes in a later version");
    }

    private void tlb(SettingArgs a) {
        a.integer("the number of TLB entries", 1, 1 << 20);
        a.expectWord("entries", "tlb 64 entries 4-way");
        if (a.accept("fully")) {
            a.expectWord("associative", "tlb 64 entries fully associative");
        } else if (a.accept("direct")) {
            a.expectWord("mapped", "tlb 64 entries direct mapped");
        } else {
            ways(a, "tlb 64 entries 4-way");
        }
        a.accept("pcid");
        a.finish("tlb 64 entries 4-way [pcid]");
    }

    /** {@code 4-way}: a number, a glued `-`, and `way`. */
    private void ways(SettingArgs a, String example) {
        a.integer("the associativity", 1, 1 << 20);
        a.acceptSign("-");
        a.expectWord("way", example);
    }

    private void cache(SettingArgs a) {
        String example = "cache L1d 32 KiB 8-way line 64 B hit 4 cycles";
        a.anyWord("a cache name such as `L1d`");
        a.quantity(Units.Kind.SIZE, "the cache size", true);
        ways(a, example);
        a.expectWord("line", example);
        a.quantity(Units.Kind.SIZE, "the line size", true);
        a.expectWord("hit", example);
        a.quantity(Units.Kind.TIME, "the hit time", true);
        if (!a.accept("shared")) {
            a.accept("private");
        }
        a.finish(example + " [shared|private]");
    }

    private void malloc(SettingArgs a) {
        a.oneOf(List.of("ptmalloc", "freelist"), "an allocator").ifPresent(kind -> {
            if (kind.equals("ptmalloc")) {
                if (a.accept("mmap_threshold")) {
                    a.quantity(Units.Kind.SIZE, "the mmap threshold", true);
                }
                a.finish("malloc ptmalloc mmap_threshold 128 KiB");
            } else {
                a.oneOf(List.of("first_fit", "best_fit", "worst_fit", "next_fit"), "a placement policy");
                a.accept("coalesce");
                a.finish("malloc freelist first_fit coalesce");
            }
        });
    }

    private void scheduler(SettingArgs a) {
        var name = a.oneOf(List.of("fifo", "sjf", "stcf", "rr", "mlfq", "lottery", "cfs"), "a policy");
        if (name.isEmpty()) {
            return;
        }
        SchedulerSpec.Kind kind = SchedulerSpec.Kind.valueOf(name.get().toUpperCase(java.util.Locale.ROOT));
        SchedulerSpec d = SchedulerSpec.of(kind);
        long quantum = d.quantumNs();
        List<Long> quanta = new ArrayList<>(d.mlfqQuantaNs());
        long boost = d.boostNs();
        long latency = d.latencyNs();
        long minGran = d.minGranularityNs();
        long wakeGran = d.wakeupGranularityNs();
        int queues = quanta.size();
        switch (kind) {
            case RR, LOTTERY -> {
                if (a.accept("quantum")) {
                    quantum = a.quantity(Units.Kind.TIME, "the quantum", true).orElse(quantum);
                }
                a.finish("scheduler " + name.get() + " quantum 10 ms");
            }
            case MLFQ -> {
                List<Long> given = new ArrayList<>();
                boolean more = true;
                while (more && !a.failed()) {
                    if (a.accept("queues")) {
                        queues = (int) a.integer("the number of queues", 1, 64).orElse(queues);
                    } else if (a.accept("quantum")) {
                        given.add(a.quantity(Units.Kind.TIME, "the quantum", true).orElse(10 * MS));
                        while (!a.failed() && !a.atEnd() && a.peekWord().isEmpty()) {
                            given.add(a.quantity(Units.Kind.TIME, "the quantum", true).orElse(10 * MS));
                        }
                    } else if (a.accept("boost")) {
                        boost = a.quantity(Units.Kind.TIME, "the boost period", true).orElse(boost);
                    } else {
                        more = false;
                    }
                }
                a.finish("scheduler mlfq queues 3 quantum 10 ms 20 ms 40 ms boost 100 ms");
                if (!given.isEmpty()) {
                    if (given.size() > queues) {
                        diags.report(Code.BAD_SETTING, a.span(), given.size() + " quanta for " + queues
                                + " queues: give one quantum per queue at most (the last one repeats)");
                    }
                    quanta = new ArrayList<>();
                    for (int i = 0; i < queues; i++) {
                        quanta.add(given.get(Math.min(i, given.size() - 1)));
                    }
                } else {
                    List<Long> base = quanta;
                    quanta = new ArrayList<>();
                    for (int i = 0; i < queues; i++) {
                        quanta.add(base.get(Math.min(i, base.size() - 1)));
                    }
                }
                quantum = quanta.get(0);
            }
            case CFS -> {
                boolean more = true;
                while (more && !a.failed()) {
                    if (a.accept("latency")) {
                        latency = a.quantity(Units.Kind.TIME, "the latency", true).orElse(latency);
                    } else if (a.accept("min_granularity")) {
                        minGran = a.quantity(Units.Kind.TIME, "the minimum granularity", true).orElse(minGran);
                    } else if (a.accept("wakeup_granularity")) {
                        wakeGran = a.quantity(Units.Kind.TIME, "the wakeup granularity", false).orElse(wakeGran);
                    } else {
                        more = false;
                    }
                }
                a.finish("scheduler cfs latency 20 ms min_granularity 1 ms wakeup_granularity 1 ms");
            }
            default -> a.finish("scheduler " + name.get());
        }
        if (!a.failed()) {
            scheduler = new SchedulerSpec(kind, quantum, List.copyOf(quanta), boost, latency, minGran, wakeGran);
        }
    }
}
