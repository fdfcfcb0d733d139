package oss.runtime.hw.mem;

import java.util.ArrayList;
import java.util.List;

import oss.runtime.observe.CacheStats;
import oss.ir.program.CacheSpec;

/**
 * The machine's caches, nearest the CPU first. A private level has one copy
 * per CPU, a shared level one for all. An access looks in each level in turn
 * and pays that level's hit time until one hits, or pays RAM's latency on
 * top when none does; every level that missed takes the line on the way
 * back (inclusive fill). A dirty line evicted from a level is written back
 * into the next level down, off the critical path (no cycles charged).
 *
 * <p>Simplifications a student should know about: there is no coherence
 * protocol between CPUs' private copies, and a lower level's eviction does
 * not invalidate the copies above it.
 */
public final class CacheHierarchy {
    /** Where an access was satisfied (a cache's name or {@code "memory"}) and what it cost. */
    public record Outcome(String levelHit, long cycles) {}

    private final List<CacheSpec> specs;
    /** [level][cpu]; a shared level holds the same Cache in every slot. */
    private final Cache[][] caches;
    private final long memoryLatencyCycles;
    private final int[] hitCycles;
    private final long[] writebacks;
    private int lastLevel = -1;

    public CacheHierarchy(List<CacheSpec> specs, int cpus, long memoryLatencyCycles) {
        if (cpus <= 0) {
            throw new IllegalArgumentException("a machine needs at least one CPU: " + cpus);
        }
        this.specs = List.copyOf(specs);
        this.memoryLatencyCycles = memoryLatencyCycles;
        this.caches = new Cache[this.specs.size()][cpus];
        this.hitCycles = new int[this.specs.size()];
        this.writebacks = new long[this.specs.size()];
        for (int level = 0; level < this.specs.size(); level++) {
            CacheSpec spec = this.specs.get(level);
            hitCycles[level] = spec.hitCycles();
            Cache shared = spec.shared() ? new Cache(spec) : null;
            for (int cpu = 0; cpu < cpus; cpu++) {
                caches[level][cpu] = shared != null ? shared : new Cache(spec);
            }
        }
    }

    public Outcome access(int cpu, long paddr, boolean write) {
        long cycles = accessCycles(cpu, paddr, write);
        return new Outcome(lastLevel < 0 ? "memory" : caches[lastLevel][cpu].name(), cycles);
    }

    /**
     * The same access as {@link #access}, returning only its cycles; where it
     * was satisfied is left in {@link #lastLevel()}. The MMU's hot path: no
     * allocation.
     */
    public long accessCycles(int cpu, long paddr, boolean write) {
        int levels = caches.length;
        long cycles = 0;
        int hitAt = -1;
        long[] writebacks = this.writebacks;
        int looked = 0;
        for (int level = 0; level < levels; level++) {
            Cache c = caches[level][cpu];
            // Only the nearest level sees the store; the levels below are asked for the line.
            boolean hit = c.access(paddr, write && level == 0);
            writebacks[level] = c.lastWriteback();
            cycles += hitCycles[level];
            looked++;
            if (hit) {
                hitAt = level;
                break;
            }
        }
        if (hitAt < 0) {
            cycles += memoryLatencyCycles;
        }
        for (int level = 0; level < looked; level++) {
            if (writebacks[level] >= 0) {
                pushDown(cpu, level + 1, writebacks[level]);
            }
        }
        lastLevel = hitAt;
        return cycles;
    }

    /** The level (0 = nearest) that satisfied the last access, or -1 for memory. */
    public int lastLevel() {
        return lastLevel;
    }

    /** The name of a level, as {@link Outcome#levelHit()} gives it; -1 is {@code "memory"}. */
    public String levelName(int level) {
        return level < 0 ? "memory" : caches[level][0].name();
    }

    /** One entry per level, nearest first; a private level's per-CPU copies are summed. */
    public List<CacheStats> stats() {
        List<CacheStats> out = new ArrayList<>(caches.length);
        for (int level = 0; level < caches.length; level++) {
            long hits = 0;
            long misses = 0;
            long writebacks = 0;
            int copies = specs.get(level).shared() ? 1 : caches[level].length;
            for (int cpu = 0; cpu < copies; cpu++) {
                Cache c = caches[level][cpu];
                hits += c.hits();
                misses += c.misses();
                writebacks += c.writebacks();
            }
            out.add(new CacheStats(specs.get(level).name(), hits, misses, writebacks));
        }
        return out;
    }

    /** A dirty line leaving level-1 goes into {@code level}, which may push one of its own further down. */
    private void pushDown(int cpu, int level, long paddr) {
        while (paddr >= 0 && level < caches.length) {
            Cache c = caches[level][cpu];
            c.absorbWriteback(paddr);
            paddr = c.lastWriteback();
            level++;
        }
    }
}
