package oss.ir.program;

/** The simulated hardware. */
public record MachineConfig(int cpus, long clockHz, long memoryBytes, long pageSize, MemoryHardware memory) {

    /** Default memory hardware. */
    public MachineConfig(int cpus, long clockHz, long memoryBytes, long pageSize) {
        this(cpus, clockHz, memoryBytes, pageSize, MemoryHardware.defaults());
    }

    public static MachineConfig defaults() {
        return new MachineConfig(2, 2_000_000_000L, 256L << 20, 4096);
    }
}
