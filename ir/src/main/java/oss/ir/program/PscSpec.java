package oss.ir.program;

/**
 * Intel's paging-structure caches (SDM vol. 3A §4.10.3), per CPU: how many
 * entries each of the PML4E, PDPTE and PDE caches holds (0: that cache is
 * absent) and their associativity ({@code ways} 0: fully associative). Under
 * {@code paging x86_32} only the PDE cache exists (32-bit paging has no
 * upper levels) and {@code pde} is its size.
 *
 * <p>The SDM leaves the sizes to each processor; the defaults (2, 4 and 32
 * entries, fully associative) are a choice, small because each upper-level
 * entry covers much: 512 GiB, 1 GiB and 2 MiB of address space.
 */
public record PscSpec(boolean enabled, int pml4e, int pdpte, int pde, int ways) {
    public static final PscSpec OFF = new PscSpec(false, 0, 0, 0, 0);
    public static final int DEFAULT_PML4E = 2;
    public static final int DEFAULT_PDPTE = 4;
    public static final int DEFAULT_PDE = 32;

    /** On for x86_64 (where it pays: a random reference reads one PTE instead of four); off for x86_32. */
    public static PscSpec defaults(Paging paging) {
        return paging == Paging.X86_64 ? on(DEFAULT_PML4E, DEFAULT_PDPTE, DEFAULT_PDE, 0) : OFF;
    }

    public static PscSpec on(int pml4e, int pdpte, int pde, int ways) {
        return new PscSpec(true, pml4e, pdpte, pde, ways);
    }

    /**
     * Entries of the cache for the entry read at walk level {@code level} (0 = the root's): under
     * x86_64 levels 0, 1, 2 are the PML4E, PDPTE and PDE caches; under x86_32 level 0 is the PDE cache.
     */
    public int entries(Paging paging, int level) {
        if (!enabled || level >= paging.levels - 1) {
            return 0;
        }
        if (paging.levels == 2) {
            return pde;
        }
        return switch (level) {
            case 0 -> pml4e;
            case 1 -> pdpte;
            default -> pde;
        };
    }
}
