package oss.runtime.kernel.deadlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import oss.runtime.kernel.deadlock.BankerReport.RequestOutcome;
import oss.runtime.kernel.deadlock.BankerReport.Verdict;
import oss.ir.program.BankerTable;
import oss.ir.program.Span;

/**
 * Textbook banker exercises; every expected value is computed by hand in the
 * comments, never by running this code.
 */
class BankerTest {

    // ------------------------------------------------------------ fixtures

    /** rows: {alloc..., max...} per process, names P0..Pn-1. */
    private static BankerTable table(List<String> res, int[] total, int[][] alloc, int[][] max,
                                     String reqProcess, int[] req) {
        List<BankerTable.Row> rows = new ArrayList<>();
        for (int i = 0; i < alloc.length; i++) {
            rows.add(new BankerTable.Row("P" + i, alloc[i], max[i], Span.NONE));
        }
        Optional<BankerTable.Request> request = reqProcess == null ? Optional.empty()
                : Optional.of(new BankerTable.Request(reqProcess, Integer.parseInt(reqProcess.substring(1)), req,
                        Span.NONE));
        return new BankerTable(res, total, rows, request, Span.NONE);
    }

    /** A new exercise from a report's state (same total, its allocation and max) with a request. */
    private static BankerTable from(BankerReport r, String reqProcess, int[] req) {
        return table(r.resources(), r.total(), r.allocation(), r.max(), reqProcess, req);
    }

    // Silberschatz §8.6.3.3, resources A B C, total 10 5 7.
    private static final List<String> ABC = List.of("A", "B", "C");
    private static final int[] SIL_TOTAL = {10, 5, 7};
    private static final int[][] SIL_ALLOC = {{0, 1, 0}, {2, 0, 0}, {3, 0, 2}, {2, 1, 1}, {0, 0, 2}};
    private static final int[][] SIL_MAX = {{7, 5, 3}, {3, 2, 2}, {9, 0, 2}, {2, 2, 2}, {4, 3, 3}};

    private static BankerTable silberschatz(String reqProcess, int[] req) {
        return table(ABC, SIL_TOTAL, SIL_ALLOC, SIL_MAX, reqProcess, req);
    }

    // ---------------------------------------------- Silberschatz 5 x 3

    @Test
    void silberschatzAvailableNeedAndCanonicalSequence() {
        BankerReport r = Banker.analyse(silberschatz(null, null));
        // Column sums of Allocation: A 0+2+3+2+0 = 7, B 1+0+0+1+0 = 2, C 0+0+2+1+2 = 5.
        // Available = 10-7, 5-2, 7-5 = 3 3 2.
        assertArrayEquals(new int[] {3, 3, 2}, r.available());
        // Need = Max - Allocation.
        assertArrayEquals(new int[][] {{7, 4, 3}, {1, 2, 2}, {6, 0, 0}, {0, 1, 1}, {4, 3, 1}}, r.need());
        // Work 3 3 2: P0 743 no; P1 122 yes -> Work 5 3 2.
        // Restart: P0 743 no (7>5); P2 600 no (6>5); P3 011 yes -> Work 7 4 3.
        // Restart: P0 743 <= 743 yes -> Work 7 5 3.
        // Restart: P2 600 yes -> Work 10 5 5.  Restart: P4 431 yes -> Work 10 5 7 (= total).
        assertTrue(r.safe());
        assertEquals(List.of("P1", "P3", "P0", "P2", "P4"), r.safeSequence());
        // The book's own answer is another valid order: Work 332 -P1-> 532 -P3-> 743 -P4-> 745 -P2-> 10 4 7 -P0-> 10 5 7.
        assertTrue(r.isSafeSequence(List.of("P1", "P3", "P4", "P2", "P0")));
        // P0 first needs 7 4 3 > 3 3 2.
        assertFalse(r.isSafeSequence(List.of("P0", "P1", "P2", "P3", "P4")));
        assertTrue(r.request().isEmpty());
    }

    @Test
    void safeSequenceOnRawMatrices() {
        int[] seq = Banker.safeSequence(new int[] {3, 3, 2}, SIL_ALLOC,
                new int[][] {{7, 4, 3}, {1, 2, 2}, {6, 0, 0}, {0, 1, 1}, {4, 3, 1}}).orElseThrow();
        assertArrayEquals(new int[] {1, 3, 0, 2, 4}, seq); // same hand scan as above
    }

    @Test
    void silberschatzRequestP1Granted() {
        BankerReport r = Banker.analyse(silberschatz("P1", new int[] {1, 0, 2}));
        RequestOutcome q = r.request().orElseThrow();
        // 1 0 2 <= Need_P1 1 2 2 and <= Available 3 3 2: pretend-allocate.
        // Available 2 3 0, Alloc_P1 3 0 2, Need_P1 0 2 0.
        // Work 2 3 0: P0 no; P1 020 yes -> 5 3 2; P0 no, P2 600 no (6>5), P3 011 yes -> 7 4 3;
        // P0 743 yes -> 7 5 3; P2 yes -> 10 5 5; P4 431 yes -> 10 5 7. Safe -> GRANTED.
        assertEquals(Verdict.GRANTED, q.verdict());
        assertEquals("P1", q.process());
        assertArrayEquals(new int[] {1, 0, 2}, q.amounts());
        BankerReport after = q.after().orElseThrow();
        assertArrayEquals(new int[] {2, 3, 0}, after.available());
        assertArrayEquals(new int[] {3, 0, 2}, after.allocation()[1]);
        assertArrayEquals(new int[] {0, 2, 0}, after.need()[1]);
        assertTrue(after.safe());
        assertEquals(List.of("P1", "P3", "P0", "P2", "P4"), after.safeSequence());
        // The book's sequence for this state: 230 -P1-> 532 -P3-> 743 -P4-> 745 -P0-> 755 -P2-> 10 5 7.
        assertTrue(after.isSafeSequence(List.of("P1", "P3", "P4", "P0", "P2")));
        // The report of the state before the request is unchanged.
        assertArrayEquals(new int[] {3, 3, 2}, r.available());
        assertEquals(List.of("P1", "P3", "P0", "P2", "P4"), r.safeSequence());
    }

    @Test
    void afterP1GrantP4MustWaitAndP0Unsafe() {
        BankerReport after = Banker.analyse(silberschatz("P1", new int[] {1, 0, 2})).request().orElseThrow()
                .after().orElseThrow();
        // Book: in that state P4's request 3 3 0 cannot be granted: 3 > Available_A 2.
        // (3 3 0 <= Need_P4 4 3 1, so it is not an error.)
        RequestOutcome p4 = Banker.analyse(from(after, "P4", new int[] {3, 3, 0})).request().orElseThrow();
        assertEquals(Verdict.MUST_WAIT, p4.verdict());
        assertTrue(p4.after().isEmpty());
        // Book: P0's request 0 2 0: <= Need_P0 7 4 3, <= Available 2 3 0; pretend: Available 2 1 0,
        // Alloc_P0 0 3 0, Need_P0 7 2 3. Work 2 1 0: P0 743->723 no; P1 020 no (B 2>1);
        // P2 600 no; P3 011 no (C 1>0); P4 431 no. Nobody can finish -> UNSAFE.
        BankerReport r = Banker.analyse(from(after, "P0", new int[] {0, 2, 0}));
        assertTrue(r.safe());
        RequestOutcome p0 = r.request().orElseThrow();
        assertEquals(Verdict.UNSAFE, p0.verdict());
        BankerReport unsafe = p0.after().orElseThrow();
        assertFalse(unsafe.safe());
        assertTrue(unsafe.safeSequence().isEmpty());
        assertArrayEquals(new int[] {2, 1, 0}, unsafe.available());
        assertArrayEquals(new int[] {7, 2, 3}, unsafe.need()[0]);
        assertTrue(Banker.format(r).contains("UNSAFE: no process can finish with Available = (2, 1, 0)"));
    }

    @Test
    void p4RequestOnOriginalStateIsAvailableButUnsafe() {
        // On the ORIGINAL state Available is 3 3 2, so 3 3 0 fits (it is only after P1's grant that
        // it must wait). Pretend: Available 0 0 2, Alloc_P4 3 3 2, Need_P4 1 0 1.
        // Work 0 0 2: P0 743 no; P1 122 no; P2 600 no; P3 011 no (B 1>0); P4 101 no (A 1>0) -> UNSAFE.
        RequestOutcome q = Banker.analyse(silberschatz("P4", new int[] {3, 3, 0})).request().orElseThrow();
        assertEquals(Verdict.UNSAFE, q.verdict());
        assertArrayEquals(new int[] {0, 0, 2}, q.after().orElseThrow().available());
    }

    @Test
    void requestAboveAvailableMustWait() {
        // P0 asks 4 0 0: <= Need_P0 7 4 3 but 4 > Available_A 3 -> MUST_WAIT.
        RequestOutcome q = Banker.analyse(silberschatz("P0", new int[] {4, 0, 0})).request().orElseThrow();
        assertEquals(Verdict.MUST_WAIT, q.verdict());
        assertTrue(q.after().isEmpty());
    }

    @Test
    void requestExceedingNeed() {
        // Need_P1 = 1 2 2; asking 2 0 0 breaks the claim (2 > 1) even though 2 <= Available_A 3.
        RequestOutcome q = Banker.analyse(silberschatz("P1", new int[] {2, 0, 0})).request().orElseThrow();
        assertEquals(Verdict.EXCEEDS_NEED, q.verdict());
        assertTrue(q.after().isEmpty());
        // Need_P2 = 6 0 0; one B is beyond it. Checked before availability: 7 > Available too.
        assertEquals(Verdict.EXCEEDS_NEED, Banker.analyse(silberschatz("P2", new int[] {7, 1, 0}))
                .request().orElseThrow().verdict());
    }

    // ------------------------------------- 5 x 4 exam exercise (A B C D)

    // The classic exercise (Silberschatz exercise "Available = 1 5 2 0"):
    //        Allocation  Max
    //   P0   0 0 1 2     0 0 1 2
    //   P1   1 0 0 0     1 7 5 0
    //   P2   1 3 5 4     2 3 5 6
    //   P3   0 6 3 2     0 6 5 2
    //   P4   0 0 1 4     0 6 5 6
    // Column sums: A 2, B 9, C 10, D 12; with Available 1 5 2 0 the total is 3 14 12 12.
    private static final List<String> ABCD = List.of("A", "B", "C", "D");
    private static final int[][] EX_ALLOC = {{0, 0, 1, 2}, {1, 0, 0, 0}, {1, 3, 5, 4}, {0, 6, 3, 2}, {0, 0, 1, 4}};
    private static final int[][] EX_MAX = {{0, 0, 1, 2}, {1, 7, 5, 0}, {2, 3, 5, 6}, {0, 6, 5, 2}, {0, 6, 5, 6}};

    @Test
    void examExerciseFourResources() {
        BankerReport r = Banker.analyse(table(ABCD, new int[] {3, 14, 12, 12}, EX_ALLOC, EX_MAX, null, null));
        assertArrayEquals(new int[] {1, 5, 2, 0}, r.available());
        assertArrayEquals(new int[][] {{0, 0, 0, 0}, {0, 7, 5, 0}, {1, 0, 0, 2}, {0, 0, 2, 0}, {0, 6, 4, 2}},
                r.need());
        // Work 1 5 2 0: P0 0000 yes -> 1 5 3 2. Restart: P1 0750 no (7>5); P2 1002 yes -> 2 8 8 6.
        // Restart: P1 0750 yes -> 3 8 8 6. Restart: P3 0020 yes -> 3 14 11 8. P4 0642 yes -> 3 14 12 12.
        assertTrue(r.safe());
        assertEquals(List.of("P0", "P2", "P1", "P3", "P4"), r.safeSequence());
    }

    @Test
    void examExerciseRequestP1Granted() {
        BankerReport r = Banker.analyse(
                table(ABCD, new int[] {3, 14, 12, 12}, EX_ALLOC, EX_MAX, "P1", new int[] {0, 4, 2, 0}));
        RequestOutcome q = r.request().orElseThrow();
        // 0 4 2 0 <= Need_P1 0 7 5 0 and <= Available 1 5 2 0. Pretend: Available 1 1 0 0,
        // Alloc_P1 1 4 2 0, Need_P1 0 3 3 0.
        // Work 1 1 0 0: P0 yes -> 1 1 1 2; P1 0330 no; P2 1002 yes -> 2 4 6 6; restart: P1 0330 yes
        // -> 3 8 8 6; restart: P3 0020 yes -> 3 14 11 8; P4 0642 yes -> 3 14 12 12. GRANTED.
        assertEquals(Verdict.GRANTED, q.verdict());
        BankerReport after = q.after().orElseThrow();
        assertArrayEquals(new int[] {1, 1, 0, 0}, after.available());
        assertArrayEquals(new int[] {0, 3, 3, 0}, after.need()[1]);
        assertEquals(List.of("P0", "P2", "P1", "P3", "P4"), after.safeSequence());
    }

    // ------------------------------- single resource: 12 tape drives

    // Silberschatz §8.6.2: 12 drives; P0 holds 5 of max 10, P1 2 of 4, P2 2 of 9. Available 3.
    private static BankerTable tapes(int p2Alloc, String reqProcess, int[] req) {
        return table(List.of("T"), new int[] {12}, new int[][] {{5}, {2}, {p2Alloc}},
                new int[][] {{10}, {4}, {9}}, reqProcess, req);
    }

    @Test
    void tapeDrivesSafeThenUnsafe() {
        // Needs 5, 2, 7. Work 3: P0 no; P1 yes -> 5; restart: P0 5<=5 yes -> 10; P2 7 yes -> 12.
        BankerReport safe = Banker.analyse(tapes(2, null, null));
        assertEquals(List.of("P1", "P0", "P2"), safe.safeSequence());
        // The book's unsafe state: P2 holds 3. Available 2, needs 5, 2, 6.
        // Work 2: P1 yes -> 4; P0 5>4, P2 6>4: stuck -> UNSAFE.
        BankerReport unsafe = Banker.analyse(tapes(3, null, null));
        assertFalse(unsafe.safe());
        assertEquals(List.of(), unsafe.safeSequence());
        assertArrayEquals(new int[] {2}, unsafe.available());
    }

    @Test
    void formatIsTheStudentsTable() {
        // P2 asks 1 more: 1 <= Need 7, 1 <= Available 3; pretend -> the unsafe state above.
        String expected = String.join("\n",
                "Process | Allocation | Max        | Need",
                "        |  T         |  T         |  T",
                "P0      |  5         | 10         |  5",
                "P1      |  2         |  4         |  2",
                "P2      |  2         |  9         |  7",
                "Available: (3)",
                "Safe sequence: <P1, P0, P2>",
                "Request P2 (1): UNSAFE (granting it would leave the state unsafe; P2 waits)",
                "State if it were granted:",
                "  Process | Allocation | Max        | Need",
                "          |  T         |  T         |  T",
                "  P0      |  5         | 10         |  5",
                "  P1      |  2         |  4         |  2",
                "  P2      |  3         |  9         |  6",
                "  Available: (2)",
                "  UNSAFE: after <P1>, none of P0, P2 can finish with Work = (4)",
                "");
        BankerReport r = Banker.analyse(tapes(2, "P2", new int[] {1}));
        assertEquals(expected, Banker.format(r));
        assertEquals(expected, Banker.format(Banker.analyse(tapes(2, "P2", new int[] {1}))));
    }

    @Test
    void formatClassic() {
        String s = Banker.format(Banker.analyse(silberschatz("P1", new int[] {1, 0, 2})));
        assertTrue(s.startsWith("Process | Allocation | Max        | Need\n"
                + "        | A B C      | A B C      | A B C\n"
                + "P0      | 0 1 0      | 7 5 3      | 7 4 3\n"), s);
        assertTrue(s.contains("\nAvailable: (3, 3, 2)\nSafe sequence: <P1, P3, P0, P2, P4>\n"), s);
        assertTrue(s.contains("\nRequest P1 (1, 0, 2): GRANTED"), s);
        assertTrue(s.contains("\n  Available: (2, 3, 0)\n"), s);
        assertTrue(Banker.format(Banker.analyse(silberschatz("P4", new int[] {4, 3, 2})))
                .contains("Request P4 (4, 3, 2): EXCEEDS_NEED"));
    }

    // --------------------------------------------------------- odd input

    @Test
    void negativeAvailableIsUnsafeNotAnException() {
        // total 5 but 3 + 3 allocated: Available -1. P1's need is 0, yet nothing may finish.
        BankerReport r = Banker.analyse(table(List.of("R"), new int[] {5}, new int[][] {{3}, {3}},
                new int[][] {{4}, {3}}, "P0", new int[] {1}));
        assertArrayEquals(new int[] {-1}, r.available());
        assertFalse(r.safe());
        assertEquals(Verdict.MUST_WAIT, r.request().orElseThrow().verdict()); // 1 > -1
        assertTrue(Banker.safeSequence(new int[] {-1}, new int[][] {{0}}, new int[][] {{0}}).isEmpty());
        Banker.format(r);
    }

    @Test
    void raggedOrUnknownInputDoesNotThrow() {
        BankerTable t = new BankerTable(ABC, new int[] {1, 1},
                List.of(new BankerTable.Row("P0", new int[] {1}, new int[] {1, 1, 1, 9}, Span.NONE)),
                Optional.of(new BankerTable.Request("Q", 7, new int[] {0}, Span.NONE)), Span.NONE);
        BankerReport r = Banker.analyse(t);
        // total 1 1 0 (C missing), alloc 1 0 0, max 1 1 1: Available 0 1 0, Need 0 1 1 -> C 1 > 0, unsafe.
        assertArrayEquals(new int[] {0, 1, 0}, r.available());
        assertFalse(r.safe());
        assertEquals(Verdict.EXCEEDS_NEED, r.request().orElseThrow().verdict());
        Banker.format(r);
        assertArrayEquals(new int[0], Banker.safeSequence(new int[0], new int[0][], new int[0][]).orElseThrow());
    }
}
