package oss.runtime.observe;

import java.util.List;

/** Machine-wide memory counters of a run: TLBs (all CPUs), caches (nearest first), page walks. */
public record MachineStats(long tlbHits, long tlbMisses, List<CacheStats> caches, long memoryAccesses, long pageWalks) {
    public static final MachineStats NONE = new MachineStats(0, 0, List.of(), 0, 0);

    public MachineStats {
        caches = List.copyOf(caches);
    }
}
