package oss.compiler.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import oss.compiler.ast.Atom;
import oss.compiler.ast.Setting;
import oss.compiler.ast.SettingsBlock;
import oss.compiler.parse.SettingKeys;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.DeadlockPolicy;
import oss.ir.program.KernelConfig;
import oss.ir.program.MachineConfig;
import oss.ir.program.CacheSpec;
import oss.ir.program.MallocSpec;
import oss.ir.program.MemoryHardware;
import oss.ir.program.MemoryPolicy;
import oss.ir.program.Paging;
import oss.ir.program.ReplacementKind;
import oss.ir.program.SchedulerSpec;
import oss.ir.program.SharedData;
import oss.ir.program.Span;
import oss.ir.program.TlbSpec;

/**
 * Reads {@code machine { }} and {@code kernel { }} against their schema.
 * Keys of later versions are validated and reported once as
 * NOT_SIMULATED_YET, never silently dropped. {@code clock} and
 * {@code page_size} are read before the other machine keys, since
 * {@code cycles} and {@code pages} in them depend on those two.
 */
public final class SettingsReader {
    /** The most simulated RAM: 4 TiB, 2^30 frames of 4 KiB (about 70 MB of frame tables in the JVM). */
    static final long MAX_MEMORY = 4L << 40;
    /** The largest simulated cache: 256 MiB, 4 Mi lines of 64 B. */
    static final long MAX_CACHE = 256L << 20;

    private static final long MS = 1_000_000L;
    private final Diags diags;
    private final Units units;
    private int cpus = 2;
    private long clockHz = 2_000_000_000L;
    private long memory = 256L << 20;
    private long pageSize = 4096;
    private SchedulerSpec scheduler = SchedulerSpec.cfs();
    private long contextSwitch = 0;
    private long syscallCost = 0;
    private long dirtyWriteback = oss.ir.program.KernelConfig.DEFAULT_DIRTY_WRITEBACK;
    private long dirtyExpire = oss.ir.program.KernelConfig.DEFAULT_DIRTY_EXPIRE;
    private int hz = 1000;
    private DeadlockPolicy deadlock = DeadlockPolicy.DETECT;
    private final MemoryHardware hardwareDefaults = MemoryHardware.defaults();
    private Paging paging = hardwareDefaults.paging();
    private TlbSpec tlb = hardwareDefaults.tlb();
    /** As written; null takes the paging format's default (on for x86_64), decided once `paging` is read. */
    private oss.ir.program.PscSpec psc;
    private Span pscAt;
    private final List<CacheSpec> caches = new ArrayList<>();
    private long memoryLatencyCycles = hardwareDefaults.memoryLatencyCycles();
    private long swapBytes = hardwareDefaults.swapBytes();
    private long diskLatencyNs = hardwareDefaults.diskLatencyNs();
    private Span memoryAt;
    private ReplacementKind replacement = MemoryPolicy.defaults().replacement();
    private int buddyMaxOrder = MemoryPolicy.defaults().buddyMaxOrder();
    private MallocSpec malloc = MemoryPolicy.defaults().malloc();
    private long stackLimit = MemoryPolicy.DEFAULT_STACK_LIMIT;
    private long msgmax = oss.ir.program.IpcLimits.MSGMAX;
    private long msgmnb = oss.ir.program.IpcLimits.MSGMNB;
    private final Map<String, Span> seen = new HashMap<>();
    private SharedData.MemoryModel memoryModel = SharedData.MemoryModel.SC;
    private int storeBuffer = SharedData.DEFAULT_STORE_BUFFER;
    private long pipeBuffer = KernelConfig.DEFAULT_PIPE_BUFFER;
    /** The most entries a store buffer may have: enough for any litmus test, small enough for the explorer. */
    static final int MAX_STORE_BUFFER = 64;
    private static final long MIN_STACK_LIMIT = 132 * 1024;
    private static final long MAX_STACK_LIMIT = 120L << 20;

    public SettingsReader(Diags diags, Units units) {
        this.diags = diags;
        this.units = units;
    }

    public MachineConfig machine() {
        return new MachineConfig(cpus, clockHz, memory, pageSize, hardware());
    }

    /** The memory hardware; the caches as written (nearest first), or the defaults when none is. */
    public MemoryHardware hardware() {
        return new MemoryHardware(paging, tlb, caches.isEmpty() ? hardwareDefaults.caches() : caches,
                memoryLatencyCycles, swapBytes, diskLatencyNs,
                psc == null ? oss.ir.program.PscSpec.defaults(paging) : psc);
    }

    public KernelConfig kernel() {
        return new KernelConfig(scheduler, contextSwitch, hz, deadlock,
                new MemoryPolicy(replacement, buddyMaxOrder, malloc, stackLimit), pipeBuffer,
                new oss.ir.program.IpcLimits(msgmax, msgmnb), syscallCost, dirtyWriteback, dirtyExpire);
    }

    /** {@code memory_model sc | tso | relaxed} (docs/language.md, "Memory models"). */
    public SharedData.MemoryModel memoryModel() {
        return memoryModel;
    }

    /** {@code store_buffer N}: entries of each task's store buffer under tso and relaxed. */
    public int storeBuffer() {
        return storeBuffer;
    }

    /** Reads all blocks: the machine first, since `cycles` and `pages` depend on its clock and page size. */
    public void read(List<SettingsBlock> blocks) {
        for (SettingsBlock b : blocks) {
            if (b.kind() == SettingsBlock.Kind.MACHINE) {
                b.settings().stream().filter(SettingsReader::basis).forEach(s -> one(s, true));
            }
        }
        units.setClock(clockHz);
        units.setPageSize(pageSize);
        for (SettingsBlock b : blocks) {
            if (b.kind() == SettingsBlock.Kind.MACHINE) {
                b.settings().stream().filter(s -> !basis(s)).forEach(s -> one(s, true));
            }
        }
        checkMachine();
        for (SettingsBlock b : blocks) {
            if (b.kind() == SettingsBlock.Kind.KERNEL) {
                b.settings().forEach(s -> one(s, false));
            }
        }
    }

    /** The settings other settings' units depend on. */
    private static boolean basis(Setting s) {
        return s.key().kind() == Atom.Kind.WORD && (s.key().text().equals("clock") || s.key().text().equals("page_size"));
    }

    /** Checks across machine keys, after all of them are read. */
    private void checkMachine() {
        if (pscUpperGiven && paging == Paging.X86_32) {
            diags.report(Code.PSC_NO_SUCH_LEVEL, pscAt, "32-bit paging walks a page directory and a page table only,"
                    + " so its one paging-structure cache is the PDE cache: write `psc pde N`");
        }
        if (paging == Paging.X86_32 && memory > (1L << 32) && memoryAt != null) {
            diags.report(Code.BAD_SETTING, memoryAt, "`paging x86_32` addresses at most 4 GiB of physical memory"
                    + " (32-bit page-table entries), not " + memory + " bytes");
        }
        if (memoryAt != null && memory % pageSize != 0) {
            diags.report(Code.BAD_SETTING, memoryAt, "the memory must be a whole number of pages of " + pageSize
                    + " bytes, so that it splits into frames");
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
                if (v.isPresent() && v.getAsLong() > MAX_MEMORY) {
                    // the frame tables grow with the frames: 256 TiB took 44 s and 6 GB of the JVM's heap
                    diags.report(Code.VALUE_OUT_OF_RANGE, s.span(), "the memory size is at most 4 TiB (4096 GiB) in"
                            + " the simulator, not " + v.getAsLong() + " bytes");
                    v = OptionalLong.empty();
                }
                v.ifPresent(x -> {
                    memory = x;
                    memoryAt = s.span();
                });
            }
            case "page_size" -> {
                OptionalLong v = a.quantity(Units.Kind.SIZE, "the page size", true);
                a.finish("page_size 4 KiB");
                if (v.isPresent() && v.getAsLong() != 4096) {
                    // both paging formats split addresses for 4 KiB pages (12 offset bits); huge pages are not simulated
                    diags.report(Code.BAD_SETTING, s.span(), "x86 paging (x86_64 and x86_32) uses 4 KiB pages: the"
                            + " page-table walk takes 12 offset bits; huge pages (2 MiB, 1 GiB) are not simulated");
                } else {
                    v.ifPresent(x -> pageSize = x);
                }
            }
            case "paging" -> {
                var mode = a.oneOf(List.of("x86_64", "x86_32"), "a paging mode");
                a.finish("paging x86_64");
                mode.ifPresent(m -> paging = m.equals("x86_32") ? Paging.X86_32 : Paging.X86_64);
            }
            case "tlb" -> tlb(a);
            case "psc" -> psc(a);
            case "cache" -> cache(a);
            case "memory_latency" -> {
                OptionalLong v = a.cycles("the memory latency", clockHz);
                a.finish("memory_latency 100 cycles");
                v.ifPresent(x -> memoryLatencyCycles = x);
            }
            case "disk" -> {
                a.expectWord("latency", "disk latency 5 ms");
                OptionalLong v = a.quantity(Units.Kind.TIME, "the disk latency", true);
                a.finish("disk latency 5 ms");
                v.ifPresent(x -> diskLatencyNs = x);
            }
            case "swap" -> {
                OptionalLong v = a.quantity(Units.Kind.SIZE, "the swap size", false);
                a.finish("swap 64 MiB");
                if (v.isPresent() && v.getAsLong() % pageSize != 0) {
                    diags.report(Code.BAD_SETTING, s.span(), "the swap size must be a whole number of pages of "
                            + pageSize + " bytes");
                } else {
                    v.ifPresent(x -> swapBytes = x);
                }
            }
            case "scheduler" -> scheduler(a);
            case "context_switch" -> {
                OptionalLong v = a.quantity(Units.Kind.TIME, "the context switch time", false);
                a.finish("context_switch 5 us");
                v.ifPresent(x -> contextSwitch = x);
            }
            case "syscall_cost" -> {
                // a time, or cycles at the machine's clock (read before the kernel block), as context_switch
                OptionalLong v = a.quantity(Units.Kind.TIME, "the cost of entering the kernel", false);
                a.finish("syscall_cost 150 ns");
                v.ifPresent(x -> syscallCost = x);
            }
            case "dirty_writeback" -> {
                // vm.dirty_writeback_centisecs: the flusher's period; 0 turns the periodic writeback off
                OptionalLong v = a.quantity(Units.Kind.TIME, "the flusher's period", false);
                a.finish("dirty_writeback 5 s");
                v.ifPresent(x -> dirtyWriteback = x);
            }
            case "dirty_expire" -> {
                // vm.dirty_expire_centisecs: how old a dirty page is before the flusher writes it
                OptionalLong v = a.quantity(Units.Kind.TIME, "the age of a dirty page the flusher writes", false);
                a.finish("dirty_expire 30 s");
                v.ifPresent(x -> dirtyExpire = x);
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
            case "malloc" -> malloc(a);
            case "memory_model" -> {
                var m = a.oneOf(List.of("sc", "tso", "relaxed"), "a memory model");
                a.finish("memory_model tso");
                m.ifPresent(x -> memoryModel = SharedData.MemoryModel.valueOf(x.toUpperCase(java.util.Locale.ROOT)));
            }
            case "store_buffer" -> {
                OptionalLong v = a.integer("the store buffer's entries", 1, MAX_STORE_BUFFER);
                a.finish("store_buffer 4");
                v.ifPresent(x -> storeBuffer = (int) x);
            }
            case "replacement" -> {
                var r = a.oneOf(List.of("lru", "clock", "fifo", "opt", "random"), "a page replacement policy");
                a.finish("replacement lru");
                r.ifPresent(x -> replacement = ReplacementKind.valueOf(x.toUpperCase(java.util.Locale.ROOT)));
            }
            case "buddy" -> {
                a.expectWord("max_order", "buddy max_order 11");
                OptionalLong v = a.integer("the maximum order", 1, 20);
                a.finish("buddy max_order 11");
                v.ifPresent(x -> buddyMaxOrder = (int) x);
            }
            case "stack_limit" -> {
                OptionalLong v = a.quantity(Units.Kind.SIZE, "the stack limit", true);
                a.finish("stack_limit 8 MiB");
                if (v.isPresent() && (v.getAsLong() < MIN_STACK_LIMIT || v.getAsLong() > MAX_STACK_LIMIT)) {
                    diags.report(Code.BAD_SETTING, s.span(), "the stack limit must be between 132 KiB (the stack a"
                            + " process starts with) and 120 MiB (the stack and its 1 MiB guard gap stay above the"
                            + " mmap area, 128 MiB below the top), not " + v.getAsLong() + " bytes");
                } else {
                    v.ifPresent(x -> stackLimit = x);
                }
            }
            case "pipe_buffer" -> {
                OptionalLong v = a.quantity(Units.Kind.SIZE, "the pipe buffer", true);
                a.finish("pipe_buffer 64 KiB");
                // fcntl F_SETPIPE_SZ's bounds: at least one page (PIPE_BUF), at most pipe-max-size (1 MiB)
                if (v.isPresent() && (v.getAsLong() < 4096 || v.getAsLong() > (1L << 20))) {
                    diags.report(Code.BAD_SETTING, s.span(), "a pipe's buffer must be between 4 KiB (one page, PIPE_BUF)"
                            + " and 1 MiB (/proc/sys/fs/pipe-max-size), not " + v.getAsLong() + " bytes");
                } else {
                    v.ifPresent(x -> pipeBuffer = pipePages(x));
                }
            }
            case "msgmax", "msgmnb" -> {
                // simulated: a System V message's largest text and a new queue's msg_qbytes (msgrcv(2))
                OptionalLong v = a.quantity(Units.Kind.SIZE, "`" + key.text() + "`", true);
                a.finish(key.text() + " 8 KiB");
                if (v.isPresent() && (v.getAsLong() < 1 || v.getAsLong() > Integer.MAX_VALUE)) {
                    diags.report(Code.BAD_SETTING, s.span(), "`" + key.text() + "` must be between 1 B and 2 GiB, not "
                            + v.getAsLong() + " bytes");
                } else if (key.text().equals("msgmax")) {
                    v.ifPresent(x -> msgmax = x);
                } else {
                    v.ifPresent(x -> msgmnb = x);
                }
            }
            default -> diags.report(Code.UNKNOWN_SETTING, key.span(), "unknown setting `" + key.text() + "`");
        }
    }

    /** round_pipe_size: a whole number of pages, a power of two of them, as F_SETPIPE_SZ gives. */
    private static long pipePages(long bytes) {
        long pages = (bytes + 4095) / 4096;
        return Long.highestOneBit(pages) == pages ? pages * 4096 : Long.highestOneBit(pages) * 2 * 4096;
    }

    private void later(SettingArgs a, String model) {
        diags.report(Code.NOT_SIMULATED_YET, a.keySpan(), "`" + a.key() + "` is accepted but not simulated yet: " + model
                + " comes in a later version");
    }

    private void tlb(SettingArgs a) {
        OptionalLong entries = a.integer("the number of TLB entries", 1, 1 << 20);
        a.expectWord("entries", "tlb 64 entries 4-way");
        long ways;
        if (a.accept("fully")) {
            a.expectWord("associative", "tlb 64 entries fully associative");
            ways = entries.orElse(1);
        } else if (a.accept("direct")) {
            a.expectWord("mapped", "tlb 64 entries direct mapped");
            ways = 1;
        } else {
            ways = ways(a, "tlb 64 entries 4-way").orElse(1);
        }
        boolean pcid = a.accept("pcid");
        a.finish("tlb 64 entries 4-way [pcid]");
        if (a.failed()) {
            return;
        }
        long n = entries.getAsLong();
        if (n % ways != 0) {
            diags.report(Code.BAD_SETTING, a.span(), "a " + ways + "-way TLB needs a multiple of " + ways
                    + " entries, not " + n + " (each set holds " + ways + ")");
        } else if (Long.bitCount(n / ways) != 1) {
            diags.report(Code.BAD_SETTING, a.span(), n + " entries of " + ways + " ways make " + (n / ways)
                    + " sets; the number of sets must be a power of two (the set index is bits of the page number)");
        } else {
            tlb = new TlbSpec((int) n, (int) ways, pcid);
        }
    }

    /**
     * {@code psc off}, {@code psc on}, or {@code psc [pml4e N] [pdpte N] [pde N] [N-way | fully associative]}:
     * the paging-structure caches' entries (a size left out keeps its default, 0 leaves that cache out)
     * and their associativity (fully associative unless given).
     */
    private void psc(SettingArgs a) {
        String example = "psc pml4e 2 pdpte 4 pde 32 fully associative";
        pscAt = a.span();
        if (a.accept("off")) {
            a.finish("psc off");
            psc = a.failed() ? psc : oss.ir.program.PscSpec.OFF;
            return;
        }
        a.accept("on");
        long[] sizes = {oss.ir.program.PscSpec.DEFAULT_PML4E, oss.ir.program.PscSpec.DEFAULT_PDPTE,
            oss.ir.program.PscSpec.DEFAULT_PDE};
        String[] names = {"pml4e", "pdpte", "pde"};
        boolean[] given = new boolean[3];
        for (int i = 0; i < 3; i++) {
            if (a.accept(names[i])) {
                OptionalLong n = a.integer("the entries of the " + names[i].toUpperCase(java.util.Locale.ROOT)
                        + " cache", 0, 1 << 16);
                sizes[i] = n.orElse(0);
                given[i] = true;
            }
        }
        long ways = 0;
        if (a.accept("fully")) {
            a.expectWord("associative", example);
        } else if (a.accept("direct")) {
            a.expectWord("mapped", "psc pde 32 direct mapped");
            ways = 1;
        } else if (!a.atEnd()) {
            ways = ways(a, example).orElse(0);
        }
        a.finish(example);
        if (a.failed()) {
            return;
        }
        for (int i = 2; i >= 0; i--) {
            // a cache no larger than the ways is simply fully associative: `psc pde 32 4-way` keeps 2 PML4Es
            if (ways > 0 && sizes[i] > ways && (sizes[i] % ways != 0 || Long.bitCount(sizes[i] / ways) != 1)) {
                diags.report(Code.PSC_SHAPE, a.span(), "a " + ways + "-way " + names[i].toUpperCase(java.util.Locale.ROOT)
                        + " cache of " + sizes[i] + " entries" + (given[i] ? "" : " (its default size)") + ": the ways"
                        + " must divide the entries into a power-of-two number of sets (the set index is bits of the"
                        + " address), as " + names[i] + " " + ways * Long.highestOneBit(sizes[i] / ways) + " would");
                return;
            }
        }
        if (sizes[0] + sizes[1] + sizes[2] == 0) {
            diags.report(Code.PSC_SHAPE, a.span(), "every paging-structure cache has 0 entries: write `psc off` for"
                    + " none");
            return;
        }
        psc = oss.ir.program.PscSpec.on((int) sizes[0], (int) sizes[1], (int) sizes[2], (int) ways);
        pscUpperGiven = given[0] && sizes[0] > 0 || given[1] && sizes[1] > 0;
    }

    /** Whether `psc` named a PML4E or PDPTE cache, which 32-bit paging does not have (checked once `paging` is known). */
    private boolean pscUpperGiven;

    /** {@code 4-way}: a number, a glued `-`, and `way`. */
    private OptionalLong ways(SettingArgs a, String example) {
        OptionalLong n = a.integer("the associativity", 1, 1 << 20);
        a.acceptSign("-");
        a.expectWord("way", example);
        return a.failed() ? OptionalLong.empty() : n;
    }

    private void cache(SettingArgs a) {
        String example = "cache L1d 32 KiB 8-way line 64 B hit 4 cycles";
        var name = a.anyWord("a cache name such as `L1d`");
        OptionalLong size = a.quantity(Units.Kind.SIZE, "the cache size", true);
        OptionalLong ways = ways(a, example);
        a.expectWord("line", example);
        OptionalLong line = a.quantity(Units.Kind.SIZE, "the line size", true);
        a.expectWord("hit", example);
        OptionalLong hit = a.cycles("the hit time", clockHz);
        boolean shared = a.accept("shared");
        if (!shared) {
            a.accept("private");
        }
        a.finish(example + " [shared|private]");
        if (a.failed()) {
            return;
        }
        long bytes = size.getAsLong();
        long w = ways.getAsLong();
        long l = line.getAsLong();
        if (Long.bitCount(l) != 1) {
            diags.report(Code.BAD_SETTING, a.span(), "the line size must be a power of two, such as 64 B, not " + l + " B");
        } else if (bytes % (w * l) != 0) {
            diags.report(Code.BAD_SETTING, a.span(), "a " + w + "-way cache with " + l + " B lines holds a multiple of "
                    + (w * l) + " bytes, not " + bytes);
        } else if (Long.bitCount(bytes / (w * l)) != 1) {
            diags.report(Code.BAD_SETTING, a.span(), bytes + " bytes of " + w + " ways of " + l + " B lines make "
                    + (bytes / (w * l)) + " sets; the number of sets must be a power of two (the set index is bits of the address)");
        } else if (hit.getAsLong() > Integer.MAX_VALUE || w > Integer.MAX_VALUE || l > Integer.MAX_VALUE) {
            diags.report(Code.VALUE_OUT_OF_RANGE, a.span(), "this cache is too large to simulate");
        } else if (bytes > MAX_CACHE) {
            // 4294967296 KiB (4 TiB) overflowed the simulated cache's line count: an internal error
            diags.report(Code.VALUE_OUT_OF_RANGE, a.span(), "a cache is at most 256 MiB in the simulator (the largest"
                    + " L3 caches hold a few hundred MiB), not " + bytes + " bytes");
        } else {
            caches.add(new CacheSpec(name.get(), bytes, (int) w, (int) l, (int) hit.getAsLong(), shared));
        }
    }

    private void malloc(SettingArgs a) {
        MallocSpec d = MallocSpec.defaults();
        a.oneOf(List.of("ptmalloc", "freelist"), "an allocator").ifPresent(kind -> {
            if (kind.equals("ptmalloc")) {
                long threshold = d.mmapThresholdBytes();
                if (a.accept("mmap_threshold")) {
                    threshold = a.quantity(Units.Kind.SIZE, "the mmap threshold", true).orElse(threshold);
                }
                a.finish("malloc ptmalloc mmap_threshold 128 KiB");
                if (!a.failed()) {
                    malloc = new MallocSpec(MallocSpec.Kind.PTMALLOC, threshold, d.fit(), d.coalesce());
                }
            } else {
                freelist(a, d);
            }
        });
    }

    /** The options after the fit may come in any order, each at most once, as malloc.py's flags. */
    private static final List<String> FREELIST_OPTIONS = List.of("coalesce", "order", "heap", "header", "align",
            "min_split");

    /**
     * {@code malloc freelist FIT [coalesce] [order ORDER] [heap SIZE] [header SIZE] [align SIZE]
     * [min_split SIZE]}: OSTEP malloc.py's -p, -C, -l, -S, -H and -a, and the split threshold.
     */
    private void freelist(SettingArgs a, MallocSpec d) {
        String example = "malloc freelist best_fit coalesce order address heap 100 B header 0 B align 1 B min_split 1 B";
        var fit = a.oneOf(List.of("first_fit", "best_fit", "worst_fit", "next_fit"), "a placement policy");
        boolean coalesce = false;
        MallocSpec.Order order = MallocSpec.Order.ADDRESS;
        long heap = 0;
        long header = MallocSpec.DEFAULT_HEADER;
        long align = MallocSpec.DEFAULT_ALIGN;
        long minSplit = -1;
        java.util.Set<String> seenOptions = new java.util.HashSet<>();
        while (!a.failed() && !a.atEnd()) {
            Optional<String> word = a.oneOf(FREELIST_OPTIONS, "a free-list option");
            if (word.isEmpty()) {
                break;
            }
            if (!seenOptions.add(word.get())) {
                diags.report(Code.BAD_SETTING, a.keySpan(), "`" + word.get() + "` is given twice in this `malloc`");
                return;
            }
            switch (word.get()) {
                case "coalesce" -> coalesce = true;
                case "order" -> {
                    List<String> words = java.util.Arrays.stream(MallocSpec.Order.values()).map(o -> o.word).toList();
                    Optional<String> o = a.oneOf(words, "a free-list order");
                    if (o.isPresent()) {
                        order = MallocSpec.Order.values()[words.indexOf(o.get())];
                    }
                }
                case "heap" -> heap = a.quantity(Units.Kind.SIZE, "the heap size", true).orElse(0);
                case "header" -> header = a.quantity(Units.Kind.SIZE, "the header size", false).orElse(header);
                case "align" -> align = a.quantity(Units.Kind.SIZE, "the alignment", true).orElse(align);
                default -> minSplit = a.quantity(Units.Kind.SIZE, "the smallest split-off block", true).orElse(-1);
            }
        }
        a.finish(example);
        if (a.failed() || fit.isEmpty()) {
            return;
        }
        MallocSpec.Fit f = MallocSpec.Fit.valueOf(fit.get().substring(0, fit.get().indexOf('_'))
                .toUpperCase(java.util.Locale.ROOT));
        if (f == MallocSpec.Fit.NEXT && order != MallocSpec.Order.ADDRESS) {
            diags.report(Code.BAD_SETTING, a.keySpan(), "next fit resumes where the last search ended in address"
                    + " order: it needs `order address`, not `order " + order.word + "`");
            return;
        }
        if (header > (1L << 20) || align > (1L << 20) || (heap > 0 && heap < header + align)) {
            diags.report(Code.BAD_SETTING, a.keySpan(), heap > 0 && heap < header + align
                    ? "the heap must hold at least one block: its header and one unit of alignment (" + (header + align)
                            + " bytes)"
                    : "a header or alignment above 1 MiB is not a free list oss can show");
            return;
        }
        malloc = new MallocSpec(MallocSpec.Kind.FREELIST, d.mmapThresholdBytes(), f, coalesce, order, heap, header,
                align, minSplit > 0 ? minSplit : header + align);
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
        List<Integer> allotments = new ArrayList<>();
        boolean ioReset = false;
        boolean ioFront = false;
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
                    } else if (a.accept("allotment")) {
                        allotments.add((int) a.integer("the allotment (in quanta)", 1, 1_000_000).orElse(1));
                        while (!a.failed() && !a.atEnd() && a.peekWord().isEmpty()) {
                            allotments.add((int) a.integer("the allotment (in quanta)", 1, 1_000_000).orElse(1));
                        }
                    } else if (a.accept("boost")) {
                        // `boost 0 ms` (or `boost none`): no boost at all, as mlfq.py's default
                        boost = a.accept("none") ? 0
                                : a.quantity(Units.Kind.TIME, "the boost period", false).orElse(boost);
                    } else if (a.accept("io_reset")) {
                        ioReset = true;
                    } else if (a.accept("io_front")) {
                        ioFront = true;
                    } else {
                        more = false;
                    }
                }
                a.finish("scheduler mlfq queues 3 quantum 10 ms 20 ms 40 ms allotment 1 boost 100 ms io_reset io_front");
                if (allotments.size() > queues) {
                    diags.report(Code.BAD_SETTING, a.span(), allotments.size() + " allotments for " + queues
                            + " queues: give one allotment per queue at most (the last one repeats)");
                }
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
            scheduler = new SchedulerSpec(kind, quantum, List.copyOf(quanta), boost, latency, minGran, wakeGran,
                    List.copyOf(allotments), ioReset, ioFront);
        }
    }
}
