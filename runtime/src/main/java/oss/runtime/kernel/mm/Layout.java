package oss.runtime.kernel.mm;

import oss.ir.program.Paging;

/**
 * Where a fresh process's regions sit, as Linux lays out an ELF executable
 * with address-space randomisation off (setarch -R): text, data and bss of
 * a position-independent executable, the heap right after bss, mappings
 * growing down from below the stack, the stack at the top of user space
 * with the arguments and environment above it.
 */
public record Layout(long textStart, long textBytes, long dataBytes, long bssBytes, long mmapBase, long stackTop,
        long stackBytes) {

    public static Layout of(Paging paging) {
        if (paging == Paging.X86_32) {
            // The classic i386 layout: ELF at 0x08048000, stack below the 3 GiB split.
            return new Layout(0x0804_8000L, 4 * 4096, 4096, 4096, 0xB7FF_F000L, 0xC000_0000L, 132 * 1024);
        }
        // PIE executables load at 0x555555554000 with ASLR off; the stack's top is
        // 0x7ffffffff000, and mmap_base sits 128 MiB below it (mmap_base's smallest gap, which
        // holds the 8 MiB stack limit and its guard gap).
        return new Layout(0x5555_5555_4000L, 4 * 4096, 4096, 4096, 0x7FFF_F7FF_F000L, 0x7FFF_FFFF_F000L,
                132 * 1024);
    }

    public long dataStart() {
        return textStart + textBytes;
    }

    public long bssStart() {
        return dataStart() + dataBytes;
    }

    /** The heap (brk) starts right after bss, page aligned. */
    public long heapStart() {
        return bssStart() + bssBytes;
    }

    public long stackStart() {
        return stackTop - stackBytes;
    }
}
