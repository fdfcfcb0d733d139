package oss.runtime.program;

/** The memory side of `kernel { }`. */
public record MemoryPolicy(ReplacementKind replacement, int buddyMaxOrder, MallocSpec malloc) {
    public static MemoryPolicy defaults() {
        return new MemoryPolicy(ReplacementKind.LRU, 11, MallocSpec.defaults());
    }
}
