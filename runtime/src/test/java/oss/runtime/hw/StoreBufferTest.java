package oss.runtime.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import oss.ir.program.Span;

class StoreBufferTest {
    private static final Span T = new Span(5, 3, 5, 9);
    private static final Span S = new Span(7, 3, 7, 9);

    @Test
    void loadsReadTheNewestOwnStoreAndFifoCommitsTheOldest() {
        StoreBuffer b = new StoreBuffer();
        b.add(1, "x", 10, T);
        b.add(1, "x", 11, S);
        assertEquals(11, b.newest(1).value());
        assertNull(b.newest(2));
        assertEquals(10, b.removeOldest().value());
        assertEquals(1, b.size());
    }

    @Test
    void aRelaxedFlushTakesTheOldestEntryOfTheStatementThatMayOvertake() {
        StoreBuffer b = new StoreBuffer();
        b.add(1, "a", 1, T);
        b.add(1, "a", 2, S); // behind the older store to a: must wait
        b.add(2, "b", 3, S); // nothing older to b: may go first
        assertEquals(3, b.committable(7, 3).value());
        assertEquals(1, b.committable(5, 3).value());
    }

    @Test
    void nothingOvertakesAWriteBarrier() {
        StoreBuffer b = new StoreBuffer();
        b.add(1, "a", 1, T);
        b.addWriteBarrier();
        b.add(2, "b", 2, S);
        assertNull(b.committable(7, 3));
        b.remove(b.committable(5, 3));
        assertEquals(2, b.committable(7, 3).value(), "the marker had nothing before it left");
    }
}
