package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.runtime.explore.ExploreOptions;
import oss.runtime.explore.ExploreResult;
import oss.runtime.explore.Explorer;
import oss.runtime.explore.Schedule;
import oss.ir.program.Program;

/**
 * The explorer's verdicts on the classic scenarios, with state counts worked
 * out by hand where they are small enough to enumerate.
 */
public class ExploreVerdictTest {
    static Program compile(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        return c.program().get();
    }

    public static ExploreResult explore(String text, boolean por) {
        return Explorer.explore(compile(text), ExploreOptions.defaults().withPor(por).withMaxSeconds(60));
    }

    static String philosophers(int n, String variant) {
        String first = switch (variant) {
            case "ordered" -> "fork[min(i, (i + 1) % N)]";
            default -> "fork[i]";
        };
        String second = switch (variant) {
            case "ordered" -> "fork[max(i, (i + 1) % N)]";
            default -> "fork[(i + 1) % N]";
        };
        boolean room = variant.equals("room");
        return ("scenario \"p\" {\n  mutex fork[N]\n" + (room ? "  semaphore room = " + (n - 1) + "\n" : "")
                + "  process phil[i in 0..M] {\n" + (room ? "    P(room)\n" : "")
                + "    lock " + first + "\n    compute 1 ms\n    lock " + second + "\n    compute 1 ms\n"
                + "    unlock " + second + "\n    unlock " + first + "\n" + (room ? "    V(room)\n" : "")
                + "  }\n}\n").replace("N", Integer.toString(n)).replace("M", Integer.toString(n - 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6})
    void philosophersDeadlockOnlyWhenEveryoneTakesTheLeftForkFirst(int n) {
        for (boolean por : new boolean[] {true, false}) {
            ExploreResult left = explore(philosophers(n, "left"), por);
            assertEquals("deadlock", left.verdict(), "left first, N=" + n);
            // the shortest way there: each philosopher takes its left fork, one step each
            assertEquals(n, left.findings().get(0).schedule().steps().size());
            assertEquals("no deadlock", explore(philosophers(n, "ordered"), por).verdict(), "ordered, N=" + n);
            assertEquals("no deadlock", explore(philosophers(n, "room"), por).verdict(), "room of N-1, N=" + n);
        }
    }

    @Test
    void twoTasksOneLockHaveFifteenStatesAndTwentyTransitions() {
        // By hand: each task is at lock, unlock, its end, or exited (4 x 4 = 16
        // pairs) and both cannot be at unlock (holding m) at once: 15 states.
        // Steps: from (p, q) each task moves unless exited or at lock while the
        // other holds m; summed over the 15 states that is 20.
        ExploreResult r = explore("scenario \"m\" {\n  mutex m\n  process P {\n    lock m\n    unlock m\n  }\n"
                + "  process Q {\n    lock m\n    unlock m\n  }\n}\n", false);
        assertEquals(15, r.states());
        assertEquals(20, r.transitions());
        assertEquals("no deadlock", r.verdict());
        assertTrue(r.complete());
    }

    @Test
    void reductionKeepsTheVerdictAndStoresFewerStates() {
        ExploreResult full = explore(philosophers(5, "left"), false);
        ExploreResult reduced = explore(philosophers(5, "left"), true);
        assertEquals(full.verdict(), reduced.verdict());
        assertTrue(reduced.states() < full.states(), reduced.states() + " vs " + full.states());
    }

    @Test
    void sameFileSameCountsSameSchedule() {
        String text = philosophers(4, "left");
        ExploreResult a = explore(text, true);
        ExploreResult b = explore(text, true);
        assertEquals(a.states(), b.states());
        assertEquals(a.transitions(), b.transitions());
        assertEquals(a.findings(), b.findings());
    }

    @Test
    void oppositeOrdersDeadlockAfterTwoSteps() {
        ExploreResult r = explore("scenario \"ab\" {\n  mutex a\n  mutex b\n"
                + "  process A {\n    lock a\n    lock b\n    unlock b\n    unlock a\n  }\n"
                + "  process B {\n    lock b\n    lock a\n    unlock a\n    unlock b\n  }\n}\n", true);
        assertEquals("deadlock", r.verdict());
        List<Schedule.Step> steps = r.findings().get(0).schedule().steps();
        assertEquals(List.of(new Schedule.Step(2, 5, 5, -1), new Schedule.Step(3, 11, 5, -1)), steps);
        assertTrue(r.findings().get(0).message().contains("; reached after 2 steps: pid 2 at 5:5, pid 3 at 11:5"),
                r.findings().get(0).message());
    }

    @Test
    void aOneStepScheduleIsOneStepInWords() {
        // A's load and B's store race from the start; once A has loaded (one step), its store and B's do
        ExploreResult r = explore("scenario \"race\" {\n  int x = 0\n  process A {\n    x = x + 1\n  }\n"
                + "  process B {\n    x = 5\n  }\n}\n", true);
        List<String> races = r.findings().stream().map(ExploreFinding::message).filter(m -> m.startsWith("data race"))
                .toList();
        assertTrue(races.stream().anyMatch(m -> m.endsWith("A (pid 2) reads x at 4:9 and B (pid 3) writes x at 7:5 can"
                + " run in either order, not both atomic, in the initial state")), races.toString());
        assertTrue(races.stream().anyMatch(m -> m.endsWith("; reached after 1 step: pid 2 at 4:9")), races.toString());
        assertEquals("1 step", Schedule.count(1));
        assertEquals("0 steps", Schedule.count(0));
    }

    @Test
    void boundedBufferDeadlocksOnlyWithTheLockTakenBeforeTheSlot() {
        String right = "scenario \"bb\" {\n  semaphore guard = 1\n  semaphore empty = 1\n  semaphore full = 0\n"
                + "  process producer {\n    repeat 3 {\n      P(empty)\n      P(guard)\n      V(guard)\n      V(full)\n    }\n  }\n"
                + "  process consumer {\n    repeat 3 {\n      P(full)\n      P(guard)\n      V(guard)\n      V(empty)\n    }\n  }\n}\n";
        String wrong = right.replace("      P(empty)\n      P(guard)\n", "      P(guard)\n      P(empty)\n");
        assertEquals("no deadlock", explore(right, true).verdict());
        assertEquals("deadlock", explore(wrong, true).verdict());
        assertEquals("deadlock", explore(wrong, false).verdict());
    }

    @Test
    void theBankerAvoidsWhatDetectionOnlyFinds() {
        String claims = "  resource tape 2\n"
                + "  process A {\n    claim tape 2\n    request tape 1\n    request tape 1\n    release tape 2\n  }\n"
                + "  process B {\n    claim tape 2\n    request tape 1\n    request tape 1\n    release tape 2\n  }\n}\n";
        ExploreResult avoid = explore("scenario \"b\" {\n  kernel {\n    deadlock avoid\n  }\n" + claims, true);
        ExploreResult detect = explore("scenario \"b\" {\n  kernel {\n    deadlock detect\n  }\n" + claims, true);
        assertEquals("no deadlock", avoid.verdict());
        assertEquals("deadlock", detect.verdict());
        // without avoidance the grant that leads there is already an unsafe state
        assertTrue(detect.findings().stream().anyMatch(f -> f.code() == Code.UNSAFE_REACHABLE));
        assertFalse(avoid.findings().stream().anyMatch(f -> f.code() == Code.UNSAFE_REACHABLE));
    }

    @Test
    void unlockByAnotherTaskIsMisuseInSomeInterleaving() {
        // B unlocks whether or not its trylock took m: when A holds m, that is A's lock
        ExploreResult r = explore("scenario \"u\" {\n  mutex m\n  process A {\n    lock m\n    compute 1 ms\n"
                + "    unlock m\n  }\n  process B {\n    trylock m\n    unlock m\n  }\n}\n", true);
        assertTrue(r.findings().stream().anyMatch(f -> f.code() == Code.MISUSE_REACHABLE && f.at().line() == 10),
                r.findings()::toString);
    }

    @Test
    void aBudgetThatRunsOutNeverSaysNoDeadlock() {
        ExploreResult r = Explorer.explore(compile(philosophers(6, "ordered")),
                ExploreOptions.defaults().withMaxStates(50));
        assertFalse(r.complete());
        assertEquals("budget exhausted", r.verdict());
        assertTrue(r.summary().startsWith("no deadlock found in "), r.summary());
        assertTrue(r.summary().contains("budget exhausted"), r.summary());
    }

    @Test
    void writerPreferringRwlockDeadlocksAReaderWaitingForAnotherReader() {
        // R reads and waits for R2, who posts only after it has read too. A writer
        // arriving in between waits for R; a writer-preferring lock then holds R2's
        // read back: R waits for R2, R2 for W, W for R. Reader-preferring lets R2 in.
        String body = "  semaphore s = 0\n"
                + "  process R {\n    read_lock r\n    P(s)\n    read_unlock r\n  }\n"
                + "  process R2 {\n    read_lock r\n    V(s)\n    read_unlock r\n  }\n"
                + "  process W {\n    write_lock r\n    write_unlock r\n  }\n}\n";
        assertEquals("deadlock", explore("scenario \"rw\" {\n  rwlock r writer_preferring\n" + body, true).verdict());
        assertEquals("deadlock", explore("scenario \"rw\" {\n  rwlock r writer_preferring\n" + body, false).verdict());
        assertEquals("no deadlock", explore("scenario \"rw\" {\n  rwlock r\n" + body, true).verdict());
    }

    @Test
    void chooseIsExploredBothWays() {
        String text = "scenario \"c\" {\n  mutex a\n  mutex b\n"
                + "  process A {\n    choose {\n      lock a\n      lock b\n    } or {\n      lock b\n      lock a\n    }\n"
                + "    unlock a\n    unlock b\n  }\n"
                + "  process B {\n    lock a\n    lock b\n    unlock b\n    unlock a\n  }\n}\n";
        ExploreResult r = explore(text, true);
        assertEquals("deadlock", r.verdict());
        Schedule.Step first = r.findings().get(0).schedule().steps().get(0);
        assertEquals(1, first.branch(), "the deadlock needs the second branch");
    }

    @Test
    void aProcessDeclaredAfterOneThatForksRunsItsOwnCode() {
        // B's code used to be numbered after A's child, so B ran the child's code and its own never ran
        String text = "scenario \"f\" {\n  mutex m\n  mutex n\n"
                + "  process A {\n    c = fork {\n      lock m\n      lock n\n      unlock n\n      unlock m\n    }\n    wait c\n  }\n"
                + "  process B {\n    lock n\n    lock m\n    unlock m\n    unlock n\n  }\n}\n";
        for (boolean por : new boolean[] {true, false}) {
            assertEquals("deadlock", explore(text, por).verdict(), "por " + por);
        }
        assertReplays(text);
    }

    @Test
    void anExecInARepeatIsExploredLikeAnyOther() {
        // the locks are in the exec's body only: the repeat around it used to be dropped as invisible
        String text = "scenario \"e\" {\n  mutex m\n  mutex n\n"
                + "  process A {\n    repeat 2 {\n      exec \"x\" {\n        lock m\n        lock n\n"
                + "        unlock n\n        unlock m\n      }\n    }\n  }\n"
                + "  process B {\n    lock n\n    lock m\n    unlock m\n    unlock n\n  }\n}\n";
        for (boolean por : new boolean[] {true, false}) {
            assertEquals("deadlock", explore(text, por).verdict(), "por " + por);
        }
    }

    @Test
    void condvarSignalLostBeforeTheWaitIsADeadlock() {
        // Signalling before anyone waits loses the signal (no memory, unlike a
        // semaphore); the waiter then sleeps forever in that interleaving.
        String text = "scenario \"cv\" {\n  mutex m\n  condvar c\n"
                + "  process waiter {\n    lock m\n    cond_wait c m\n    unlock m\n  }\n"
                + "  process signaller {\n    lock m\n    signal c\n    unlock m\n  }\n}\n";
        ExploreResult r = explore(text, true);
        assertEquals("deadlock", r.verdict());
        assertEquals(List.of(new Schedule.Step(3, 10, 5, -1), new Schedule.Step(3, 11, 5, -1),
                new Schedule.Step(3, 12, 5, -1), new Schedule.Step(2, 5, 5, -1), new Schedule.Step(2, 6, 5, -1)),
                r.findings().get(0).schedule().steps().subList(0, 5));
    }

    @Test
    void barrierOfThreeWithTwoPartiesNeverOpens() {
        String text = "scenario \"b\" {\n  barrier b 3\n  process A {\n    barrier b\n  }\n  process B {\n    barrier b\n  }\n}\n";
        ExploreResult r = explore(text, true);
        assertEquals("deadlock", r.verdict());
        ExploreResult ok = explore(text.replace("barrier b 3", "barrier b 2"), true);
        assertEquals("no deadlock", ok.verdict());
    }

    @Test
    void twoTasksStuckOnEachOtherWhileAThirdRunsOnIsADeadlockToo() {
        // A and B take a and b in opposite orders; C keeps working on its own lock.
        // Once A holds a and B holds b, they are stuck whatever C does.
        String text = "scenario \"partial\" {\n  mutex a\n  mutex b\n  mutex c\n"
                + "  process A {\n    lock a\n    lock b\n    unlock b\n    unlock a\n  }\n"
                + "  process B {\n    lock b\n    lock a\n    unlock a\n    unlock b\n  }\n"
                + "  process C {\n    repeat 3 {\n      lock c\n      unlock c\n    }\n  }\n}\n";
        ExploreResult r = explore(text, false);
        assertEquals("deadlock", r.verdict());
        var first = r.findings().get(0);
        assertTrue(first.message().contains("wait for each other while other tasks run on"), first.message());
        // found the moment the cycle closes: A locks a, B locks b; C has not moved
        assertEquals(List.of(new Schedule.Step(2, 6, 5, -1), new Schedule.Step(3, 12, 5, -1)),
                first.schedule().steps());
        assertEquals(2, first.related().size());
    }

    /** Every finding's schedule, replayed in the run, is followed to the end and deadlocks where the explorer did. */
    static void assertReplays(String text) {
        Program program = compile(text);
        ExploreResult r = Explorer.explore(program, ExploreOptions.defaults().withPor(false));
        assertFalse(r.findings().isEmpty());
        for (var f : r.findings()) {
            var run = oss.runtime.Simulator.run(program,
                    oss.runtime.observe.RunOptions.defaults().withSchedule(f.schedule()));
            assertTrue(run.findings().stream().noneMatch(d -> d.code() == Code.SCHEDULE_MISMATCH),
                    () -> f.schedule().format() + " does not replay: " + run.findings());
            assertEquals(f.schedule().steps().size(), run.scheduleSteps());
            if (f.code() == Code.DEADLOCK_REACHABLE) {
                assertTrue(run.deadlocked(), () -> f.schedule().format() + " replays without a deadlock");
            }
        }
    }

    @Test
    void schedulesThroughTwoStepStatementsReplayInTheRun() {
        // cond_wait (release and sleep, then re-acquire) and a writer-preferring
        // write_lock (announce, then take) are two steps each in both engines
        assertReplays("scenario \"cv\" {\n  mutex m\n  condvar c\n"
                + "  process waiter {\n    lock m\n    cond_wait c m\n    unlock m\n  }\n"
                + "  process signaller {\n    lock m\n    signal c\n    unlock m\n  }\n}\n");
        assertReplays("scenario \"rw\" {\n  rwlock r writer_preferring\n  semaphore s = 0\n"
                + "  process R {\n    read_lock r\n    P(s)\n    read_unlock r\n  }\n"
                + "  process R2 {\n    read_lock r\n    V(s)\n    read_unlock r\n  }\n"
                + "  process W {\n    write_lock r\n    write_unlock r\n  }\n}\n");
        assertReplays("scenario \"b\" {\n  barrier b 3\n  mutex m\n"
                + "  process A {\n    lock m\n    barrier b\n    unlock m\n  }\n"
                + "  process B {\n    lock m\n    barrier b\n    unlock m\n  }\n"
                + "  process C {\n    barrier b\n  }\n}\n"); // one holds m at the barrier, the other waits for m
        assertReplays("scenario \"seq\" {\n  seqlock q\n  spinlock s\n"
                + "  process W {\n    spin_lock s\n    seq_write q {\n      compute 1 ms\n    }\n  }\n"
                + "  process R {\n    seq_read q {\n      spin_lock s\n    }\n  }\n}\n");
    }

    @Test
    void aScheduleThroughAnExecReplaysInTheRun() {
        // the explorer rests on an exec: the run's replay has to count it as a step too
        assertReplays("scenario \"e\" {\n  mutex m\n  mutex n\n"
                + "  process A {\n    exec \"x\" {\n      lock m\n      lock n\n      unlock n\n      unlock m\n    }\n  }\n"
                + "  process B {\n    lock n\n    lock m\n    unlock m\n    unlock n\n  }\n}\n");
        // a vfork child's exec wakes its parent
        assertReplays("scenario \"v\" {\n  mutex m\n  mutex n\n"
                + "  process A {\n    lock m\n    c = vfork {\n      exec \"x\" {\n        lock n\n        lock m\n"
                + "        unlock m\n        unlock n\n      }\n    }\n    lock n\n    unlock n\n    unlock m\n    wait c\n  }\n"
                + "  process B {\n    lock n\n    unlock n\n  }\n}\n");
    }
}
