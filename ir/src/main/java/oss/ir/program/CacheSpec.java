package oss.ir.program;

/**
 * One cache level as `cache NAME SIZE N-way line SIZE hit N cycles [shared|private]`:
 * set-associative, LRU, write-back with write-allocate.
 */
public record CacheSpec(String name, long sizeBytes, int ways, int lineBytes, int hitCycles, boolean shared) {
    public static java.util.List<CacheSpec> defaults() {
        return java.util.List.of(
                new CacheSpec("L1d", 32 << 10, 8, 64, 4, false),
                new CacheSpec("L2", 1 << 20, 16, 64, 12, true));
    }
}
