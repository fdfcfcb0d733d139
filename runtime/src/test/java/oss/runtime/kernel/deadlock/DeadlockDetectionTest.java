package oss.runtime.kernel.deadlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Hand-computed detection examples (Silberschatz §8.7.2). */
class DeadlockDetectionTest {

    // A 7, B 2, C 6. Column sums of Allocation: A 0+2+3+2+0 = 7, B 1+0+0+1+0 = 2, C 0+0+3+1+2 = 6
    // -> Available 0 0 0.
    private static final int[][] ALLOC = {{0, 1, 0}, {2, 0, 0}, {3, 0, 3}, {2, 1, 1}, {0, 0, 2}};

    @Test
    void silberschatzNoDeadlock() {
        int[][] request = {{0, 0, 0}, {2, 0, 2}, {0, 0, 0}, {1, 0, 0}, {0, 0, 2}};
        // Nobody holds nothing, so Finish all false. Work 0 0 0.
        // P0 000 yes -> 0 1 0; P1 202 no; P2 000 yes -> 3 1 3; P3 100 yes -> 5 2 4; P4 002 yes -> 5 2 6;
        // next pass: P1 202 yes -> 7 2 6. All finish.
        assertArrayEquals(new boolean[] {false, false, false, false, false},
                DeadlockDetection.deadlocked(new int[] {0, 0, 0}, ALLOC, request));
    }

    @Test
    void silberschatzP2AsksOneMoreC() {
        int[][] request = {{0, 0, 0}, {2, 0, 2}, {0, 0, 1}, {1, 0, 0}, {0, 0, 2}};
        // Work 0 0 0: P0 yes -> 0 1 0 (only B back). P1 202 no; P2 001 no; P3 100 no; P4 002 no.
        // Another pass changes nothing: P1, P2, P3, P4 deadlocked, P0 not.
        assertArrayEquals(new boolean[] {false, true, true, true, true},
                DeadlockDetection.deadlocked(new int[] {0, 0, 0}, ALLOC, request));
    }

    @Test
    void holdingNothingIsNeverDeadlocked() {
        // P0 holds nothing and waits for 5 that do not exist: Finish[0] = true from the start.
        // P1 holds 1 and asks 0: finishes. So nobody is deadlocked.
        assertArrayEquals(new boolean[] {false, false},
                DeadlockDetection.deadlocked(new int[] {0}, new int[][] {{0}, {1}}, new int[][] {{5}, {0}}));
    }

    @Test
    void crossedSingleInstances() {
        // P0 holds R0, wants R1; P1 holds R1, wants R0; nothing free -> both deadlocked.
        assertArrayEquals(new boolean[] {true, true}, DeadlockDetection.deadlocked(new int[] {0, 0},
                new int[][] {{1, 0}, {0, 1}}, new int[][] {{0, 1}, {1, 0}}));
        // One spare R1: P0 finishes (Work 0 1 -> 1 1), then P1 -> both fine.
        assertArrayEquals(new boolean[] {false, false}, DeadlockDetection.deadlocked(new int[] {0, 1},
                new int[][] {{1, 0}, {0, 1}}, new int[][] {{0, 1}, {1, 0}}));
    }
}
