package oss.ir.program;

import java.util.List;

/**
 * The memory side of `machine { }`: paging format, TLB, caches (nearest
 * first), RAM latency, swap and the disk behind it.
 */
public record MemoryHardware(
        Paging paging,
        TlbSpec tlb,
        List<CacheSpec> caches,
        long memoryLatencyCycles,
        long swapBytes,
        long diskLatencyNs) {

    public MemoryHardware {
        caches = List.copyOf(caches);
    }

    public static MemoryHardware defaults() {
        return new MemoryHardware(Paging.X86_64, TlbSpec.defaults(), CacheSpec.defaults(), 200, 256L << 20, 1_000_000L);
    }
}
