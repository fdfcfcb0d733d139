package oss.ir.program;

/**
 * A per-CPU TLB: {@code ways} = entries is fully associative, 1 is direct
 * mapped; LRU within a set. Without {@code pcid} it is flushed on every
 * switch to another address space.
 */
public record TlbSpec(int entries, int ways, boolean pcid) {
    public static TlbSpec defaults() {
        return new TlbSpec(64, 4, false);
    }
}
