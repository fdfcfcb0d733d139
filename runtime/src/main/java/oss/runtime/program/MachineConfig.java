package oss.runtime.program;

/**
 * The simulated hardware. Only {@code cpus} and {@code clockHz} drive the
 * runtime so far; the memory fields are carried for the memory model.
 */
public record MachineConfig(int cpus, long clockHz, long memoryBytes, long pageSize) {
    public static MachineConfig defaults() {
        return new MachineConfig(2, 2_000_000_000L, 256L << 20, 4096);
    }
}
