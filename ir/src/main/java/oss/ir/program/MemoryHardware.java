package oss.ir.program;

import java.util.List;

/**
 * The memory side of `machine { }`: paging format, TLB, caches (nearest
 * first), RAM latency, swap and the disk behind it, and the
 * paging-structure caches.
 */
public record MemoryHardware(
        Paging paging,
        TlbSpec tlb,
        List<CacheSpec> caches,
        long memoryLatencyCycles,
        long swapBytes,
        long diskLatencyNs,
        PscSpec psc) {

    public MemoryHardware {
        caches = List.copyOf(caches);
    }

    /** With the paging format's default paging-structure caches. */
    public MemoryHardware(Paging paging, TlbSpec tlb, List<CacheSpec> caches, long memoryLatencyCycles, long swapBytes,
            long diskLatencyNs) {
        this(paging, tlb, caches, memoryLatencyCycles, swapBytes, diskLatencyNs, PscSpec.defaults(paging));
    }

    public static MemoryHardware defaults() {
        return new MemoryHardware(Paging.X86_64, TlbSpec.defaults(), CacheSpec.defaults(), 200, 256L << 20, 1_000_000L);
    }
}
