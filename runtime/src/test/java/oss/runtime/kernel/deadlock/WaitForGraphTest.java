package oss.runtime.kernel.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WaitForGraphTest {

    private static WaitForGraph graph(int[][] edges) {
        WaitForGraph g = new WaitForGraph();
        for (int[] e : edges) {
            g.addEdge(e[0], e[1]);
        }
        return g;
    }

    @Test
    void fiveCycleStartsAtSmallestNode() {
        // 1 -> 4 -> 2 -> 3 -> 5 -> 1, edges given out of order.
        WaitForGraph g = graph(new int[][] {{3, 5}, {5, 1}, {1, 4}, {4, 2}, {2, 3}});
        assertEquals(Optional.of(List.of(1, 4, 2, 3, 5)), g.findCycle());
    }

    @Test
    void noCycle() {
        WaitForGraph g = graph(new int[][] {{1, 2}, {1, 3}, {2, 3}, {3, 4}});
        assertEquals(Optional.empty(), g.findCycle());
        assertTrue(g.allCycles(10).isEmpty());
        assertEquals(Optional.empty(), new WaitForGraph().findCycle());
    }

    @Test
    void cycleReachableOnlyFromLaterNode() {
        // Start 1: 1 -> 2, done. Start 3: 3 -> 9 -> 5 -> 9 (on path): cycle 9, 5 -> rotated 5, 9.
        WaitForGraph g = graph(new int[][] {{1, 2}, {3, 9}, {9, 5}, {5, 9}});
        assertEquals(Optional.of(List.of(5, 9)), g.findCycle());
        // Entered at 4: 0 -> 4 -> 2 -> 6 -> 4: cycle 4, 2, 6 -> rotated 2, 6, 4.
        assertEquals(Optional.of(List.of(2, 6, 4)),
                graph(new int[][] {{0, 4}, {4, 2}, {2, 6}, {6, 4}}).findCycle());
    }

    @Test
    void deterministicSmallestSuccessorFirst() {
        // Two cycles through 1: via 3 and via 5. Successors ascending -> 1, 3 found first,
        // whatever the insertion order.
        int[][] a = {{1, 5}, {5, 1}, {1, 3}, {3, 1}};
        int[][] b = {{3, 1}, {1, 3}, {5, 1}, {1, 5}};
        assertEquals(Optional.of(List.of(1, 3)), graph(a).findCycle());
        assertEquals(Optional.of(List.of(1, 3)), graph(b).findCycle());
        for (int k = 0; k < 5; k++) {
            assertEquals(graph(a).findCycle(), graph(b).findCycle());
        }
    }

    @Test
    void selfLoopAndParallelEdges() {
        assertEquals(Optional.of(List.of(4)), graph(new int[][] {{2, 4}, {4, 4}}).findCycle());
        WaitForGraph g = graph(new int[][] {{1, 2}, {1, 2}, {2, 1}, {2, 1}});
        assertEquals(Optional.of(List.of(1, 2)), g.findCycle());
        assertEquals(List.of(List.of(1, 2)), g.allCycles(10));
    }

    @Test
    void allCyclesBounded() {
        // From 1 (only nodes >= 1): 1->2->1 gives [1,2]; 1->2->3->1 gives [1,2,3]; 1->3->1 gives [1,3].
        // From 2 (nodes >= 2): 2->3, and 3 only leads back to 1: nothing.
        WaitForGraph g = graph(new int[][] {{1, 2}, {2, 1}, {1, 3}, {3, 1}, {2, 3}});
        assertEquals(List.of(List.of(1, 2), List.of(1, 2, 3), List.of(1, 3)), g.allCycles(10));
        assertEquals(List.of(List.of(1, 2), List.of(1, 2, 3)), g.allCycles(2));
        assertTrue(g.allCycles(0).isEmpty());
    }
}
