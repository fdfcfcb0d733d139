package oss.runtime.observe;

import java.util.List;

/**
 * What one memory access went through, for a hover on its statement: the
 * virtual address, each page-table level's table frame, index and entry
 * (null {@code walk} when the TLB supplied the translation), the frame and
 * physical address, the TLB and cache outcome, and the fault it took;
 * {@code walkNote} says where the paging-structure caches let the walk
 * start ("PDE cache hit: walk starts at the PT, 1 read"), null without them.
 */
public record AccessFact(
        long va,
        boolean write,
        List<Level> walk,
        long frame,
        long paddr,
        boolean tlbHit,
        String cacheLevel,
        String fault,
        long cycles,
        String walkNote) {

    public record Level(String name, long tableFrame, int index, long entry, String decoded) {}

    public AccessFact {
        walk = walk == null ? null : List.copyOf(walk);
    }

    /** Without paging-structure caches. */
    public AccessFact(long va, boolean write, List<Level> walk, long frame, long paddr, boolean tlbHit,
            String cacheLevel, String fault, long cycles) {
        this(va, write, walk, frame, paddr, tlbHit, cacheLevel, fault, cycles, null);
    }
}
