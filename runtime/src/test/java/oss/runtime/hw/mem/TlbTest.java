package oss.runtime.hw.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import oss.ir.program.TlbSpec;

class TlbTest {

    /** The textbook loop: look up, and on a miss walk (here: invent a PTE) and insert. */
    private static void touch(Tlb tlb, int asid, long vpn) {
        if (tlb.lookup(asid, vpn) == -1) {
            tlb.insert(asid, vpn, Pte.make(0x100 + vpn, Pte.PRESENT, 12));
        }
    }

    @Test
    void fullyAssociativeLru() {
        Tlb tlb = new Tlb(new TlbSpec(4, 4, false));
        assertEquals(1, tlb.sets());
        // 1 m, 2 m, 3 m, 4 m  {1 2 3 4}
        // 1 hit               LRU order 2 3 4 1
        // 5 m evicts 2        {3 4 1 5}
        // 1 hit               LRU order 3 4 5 1
        // 2 m evicts 3        {4 5 1 2}      => 2 hits, 6 misses
        for (long vpn : new long[] {1, 2, 3, 4, 1, 5, 1, 2}) {
            touch(tlb, 1, vpn);
        }
        assertEquals(2, tlb.hits());
        assertEquals(6, tlb.misses());
        assertEquals(-1, tlb.lookup(1, 3));
        assertEquals(Pte.make(0x104, Pte.PRESENT, 12), tlb.lookup(1, 4));
    }

    @Test
    void directMappedConflictsEvictEachOther() {
        Tlb tlb = new Tlb(new TlbSpec(4, 1, false)); // 4 sets; vpn 1 and 5 both land in set 1
        tlb.insert(1, 1, 0x1001);
        tlb.insert(1, 2, 0x2001);
        tlb.insert(1, 5, 0x5001);
        assertEquals(-1, tlb.lookup(1, 1));
        assertEquals(0x5001, tlb.lookup(1, 5));
        assertEquals(0x2001, tlb.lookup(1, 2)); // another set, untouched
        assertEquals(2, tlb.validEntries()); // vpn 2 and 5 remain
    }

    @Test
    void setAssociativeReplacesTheLeastRecentlyUsedOfItsSet() {
        Tlb tlb = new Tlb(new TlbSpec(4, 2, false)); // 2 sets of 2; vpns 0, 2, 4 share set 0
        tlb.insert(1, 0, 0x1);
        tlb.insert(1, 2, 0x2);
        tlb.insert(1, 1, 0x3);
        assertEquals(0x1, tlb.lookup(1, 0)); // now vpn 2 is the LRU of set 0
        tlb.insert(1, 4, 0x4);
        assertEquals(-1, tlb.lookup(1, 2));
        assertEquals(0x1, tlb.lookup(1, 0));
        assertEquals(0x4, tlb.lookup(1, 4));
        assertEquals(0x3, tlb.lookup(1, 1));
    }

    @Test
    void entriesAreTaggedWithTheAsid() {
        Tlb tlb = new Tlb(new TlbSpec(8, 8, true));
        assertTrue(tlb.pcid());
        tlb.insert(1, 7, 0xA001);
        assertEquals(-1, tlb.lookup(2, 7));
        tlb.insert(2, 7, 0xB001);
        assertEquals(0xA001, tlb.lookup(1, 7));
        assertEquals(0xB001, tlb.lookup(2, 7));
    }

    @Test
    void flushAsidKeepsOtherAddressSpaces() {
        Tlb tlb = new Tlb(new TlbSpec(8, 8, true));
        tlb.insert(1, 7, 0xA001);
        tlb.insert(1, 8, 0xA002);
        tlb.insert(2, 7, 0xB001);
        tlb.flushAsid(1);
        assertEquals(-1, tlb.lookup(1, 7));
        assertEquals(-1, tlb.lookup(1, 8));
        assertEquals(0xB001, tlb.lookup(2, 7));
        tlb.flushAll();
        assertEquals(0, tlb.validEntries());
        assertFalse(new Tlb(TlbSpec.defaults()).pcid());
    }

    @Test
    void invalidateDropsOnePageAndReinsertReplacesInPlace() {
        Tlb tlb = new Tlb(new TlbSpec(4, 4, false));
        tlb.insert(1, 5, 0x5001);
        tlb.insert(1, 5, 0x5003); // same page: updated, not duplicated
        assertEquals(1, tlb.validEntries());
        assertEquals(0x5003, tlb.lookup(1, 5));
        tlb.insert(1, 6, 0x6001);
        tlb.invalidate(1, 5);
        assertEquals(-1, tlb.lookup(1, 5));
        assertEquals(0x6001, tlb.lookup(1, 6));
    }

    @Test
    void describeListsEachSet() {
        Tlb tlb = new Tlb(new TlbSpec(4, 2, false));
        tlb.insert(1, 3, 0x1a3003L); // vpn 3 mod 2 sets = set 1
        assertEquals("""
                TLB 4 entries, 2 sets x 2 ways, pcid off: 0 hits, 0 misses
                  set 0: empty
                  set 1: [asid 1 vpn 0x3 -> frame 0x1a3 P W]
                """, tlb.describe());
    }

    @Test
    void waysMustDivideEntries() {
        assertThrows(IllegalArgumentException.class, () -> new Tlb(new TlbSpec(6, 4, false)));
    }
}
