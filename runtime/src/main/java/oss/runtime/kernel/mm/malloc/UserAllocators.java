package oss.runtime.kernel.mm.malloc;

import oss.ir.program.MallocSpec;

/** Builds the allocator a {@link MallocSpec} names. */
public final class UserAllocators {
    private UserAllocators() {}

    public static UserAllocator create(MallocSpec spec, UserMemory memory, int pageSize) {
        return switch (spec.kind()) {
            case PTMALLOC -> new Ptmalloc(memory, pageSize, spec.mmapThresholdBytes());
            case FREELIST -> new FreeListAllocator(memory, pageSize, spec);
        };
    }
}
