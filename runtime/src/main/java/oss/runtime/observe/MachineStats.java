package oss.runtime.observe;

import java.util.List;

/**
 * Machine-wide memory counters of a run: TLBs (all CPUs), caches (nearest first), page walks, and the
 * paging-structure caches (root's entries first; empty when the machine has none).
 */
public record MachineStats(long tlbHits, long tlbMisses, List<CacheStats> caches, long memoryAccesses, long pageWalks,
        List<PscStats> psc) {
    public static final MachineStats NONE = new MachineStats(0, 0, List.of(), 0, 0);

    public MachineStats {
        caches = List.copyOf(caches);
        psc = List.copyOf(psc);
    }

    public MachineStats(long tlbHits, long tlbMisses, List<CacheStats> caches, long memoryAccesses, long pageWalks) {
        this(tlbHits, tlbMisses, caches, memoryAccesses, pageWalks, List.of());
    }

    /** Walks that a paging-structure cache shortened: the hits of every cache together. */
    public long pscHits() {
        return psc.stream().mapToLong(PscStats::hits).sum();
    }

    /** Walks that started at the root although the machine has paging-structure caches: the last cache asked missed. */
    public long pscMisses() {
        return psc.isEmpty() ? 0 : psc.get(0).misses();
    }
}
