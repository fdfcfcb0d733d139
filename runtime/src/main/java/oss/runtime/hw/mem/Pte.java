package oss.runtime.hw.mem;

/**
 * The bits of an x86 page-table entry, shared by both formats: the low 12
 * bits are flags, the bits above hold the frame number. Intermediate
 * entries (PML4E, PDPTE, PDE) use the same layout, their frame being the
 * next table.
 */
public final class Pte {
    /** The entry maps something; clear means any access page-faults. */
    public static final long PRESENT = 1L << 0;
    /** Writes allowed; clear means a write page-faults (the basis of copy-on-write). */
    public static final long WRITABLE = 1L << 1;
    /** User mode may access it; clear means kernel only. */
    public static final long USER = 1L << 2;
    /** Set by the MMU on any access; the clock and second-chance algorithms read and clear it. */
    public static final long ACCESSED = 1L << 5;
    /** Set by the MMU on a write; a dirty page must be written to swap before its frame is reused. */
    public static final long DIRTY = 1L << 6;
    /**
     * Copy-on-write. Bit 9 is one of the bits x86 leaves to the OS; the kernel
     * marks a shared read-only page with it so that the write fault it causes
     * is recognised as "copy now" rather than a protection error.
     */
    public static final long COW = 1L << 9;

    /** Bits 52..63 are available/NX bits on x86_64, never address bits. */
    private static final long ADDRESS_BITS = (1L << 52) - 1;

    private Pte() {}

    public static long make(long frame, long flags, int pageShift) {
        if (frame < 0 || frame > (ADDRESS_BITS >>> pageShift)) {
            throw new IllegalArgumentException("frame " + frame + " does not fit in a page-table entry");
        }
        long flagMask = (1L << pageShift) - 1;
        if ((flags & ~flagMask) != 0) {
            throw new IllegalArgumentException(String.format("flags %#x spill into the frame bits", flags));
        }
        return (frame << pageShift) | flags;
    }

    public static long frame(long pte, int pageShift) {
        return (pte & ADDRESS_BITS) >>> pageShift;
    }

    public static boolean has(long pte, long flag) {
        return (pte & flag) == flag;
    }

    /** e.g. {@code "frame 0x1a3 P W U A D"}; an all-zero entry is {@code "empty"}. Assumes 4 KiB pages. */
    public static String describe(long pte) {
        if (pte == 0) {
            return "empty";
        }
        StringBuilder s = new StringBuilder("frame 0x").append(Long.toHexString(frame(pte, 12)));
        flag(s, pte, PRESENT, "P");
        flag(s, pte, WRITABLE, "W");
        flag(s, pte, USER, "U");
        flag(s, pte, ACCESSED, "A");
        flag(s, pte, DIRTY, "D");
        flag(s, pte, COW, "COW");
        if (!has(pte, PRESENT)) {
            s.append(" (not present)");
        }
        return s.toString();
    }

    private static void flag(StringBuilder s, long pte, long bit, String letter) {
        if (has(pte, bit)) {
            s.append(' ').append(letter);
        }
    }
}
