package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.explore.DataExploreTest.both;
import static oss.runtime.explore.DataExploreTest.has;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.runtime.explore.PropertyVerdict.Outcome;

/**
 * The same checks written as students write them, in .oss text: what the front end lowers must
 * give the verdicts worked out by hand, with and without partial-order reduction.
 */
public class DataOssTest {
    static final String LOST_UPDATE = """
            scenario "lost update" {
              int count = 0
              process worker[i in 0..1] {
                count = count + 1
              }
              expect always count == 2
              expect possible count == 1
            }
            """;

    static final String FETCH_ADD = LOST_UPDATE.replace("count = count + 1", "atomic_inc(count)");

    static final String SPINLOCKS_OPPOSITE = """
            scenario "two hand-made spinlocks" {
              int a = 0
              int b = 0
              process p {
                while (test_and_set(a) == 1) { }
                while (test_and_set(b) == 1) { }
                atomic { b = 0 }
                atomic { a = 0 }
              }
              process q {
                while (test_and_set(b) == 1) { }
                while (test_and_set(a) == 1) { }
                atomic { a = 0 }
                atomic { b = 0 }
              }
            }
            """;

    static final String SPINLOCK_COUNTER = """
            scenario "a hand-made spinlock" {
              int lock = 0
              int count = 0
              process worker[i in 0..1] {
                while (cmpxchg(lock, 0, 1) != 0) { }
                count = count + 1
                atomic { lock = 0 }
              }
              expect always count == 2
            }
            """;

    static final String PETERSON = """
            scenario "peterson" {
              kernel { memory_model MODEL }
              int flag[2]
              int turn = 0
              int inside = 0
              process p[i in 0..1] {
                flag[i] = 1
                turn = 1 - i
                FENCE
                while (flag[1 - i] == 1 && turn == 1 - i) { }
                inside = inside + 1
                assert inside == 1
                inside = inside - 1
                flag[i] = 0
              }
            }
            """;

    static String peterson(String model, boolean mb) {
        return PETERSON.replace("MODEL", model).replace("FENCE", mb ? "mb()" : "");
    }

    static final String CONSUMERS = """
            scenario "two consumers" {
              int count = 0
              mutex m
              condvar not_empty
              process producer {
                repeat 2 {
                  lock m
                  count = count + 1
                  signal not_empty
                  unlock m
                }
              }
              process consumer[i in 0..1] {
                lock m
                CHECK (count == 0) { cond_wait not_empty m }
                count = count - 1
                assert count >= 0
                unlock m
              }
              expect always count == 0
            }
            """;

    static final String SB = """
            scenario "store buffering" {
              kernel { memory_model MODEL }
              int x = 0
              int y = 0
              process P {
                int r0 = 0
                x = 1
                FENCE
                r0 = y
              }
              process Q {
                int r1 = 0
                y = 1
                FENCE
                r1 = x
              }
              expect possible P.r0 == 0 && Q.r1 == 0
            }
            """;

    static String sb(String model, boolean mb) {
        return SB.replace("MODEL", model).replace("FENCE", mb ? "mb()" : "");
    }

    /** The process's variable lives in the leader's slots; its threads read and write it there. */
    static final String THREADS = """
            scenario "threads share a process variable" {
              kernel { memory_model MODEL }
              process main {
                int c = 0
                t0 = thread { c = c + 1 }
                t1 = thread { c = c + 1 }
                join t0
                join t1
              }
              expect possible main.c == 1
              expect always main.c == 2
            }
            """;

    static final String WAKE_UP = """
            scenario "a wake-up" {
              int ready = 0
              mutex m
              condvar c
              process waiter {
                WAIT
              }
              process setter {
                lock m
                ready = 1
                signal c
                unlock m
              }
            }
            """;

    /** The condition read without the mutex: the signal can come between the check and the wait. */
    static final String LOST_WAKE_UP = WAKE_UP.replace("WAIT",
            "if (ready == 0) {\n      lock m\n      cond_wait c m\n      unlock m\n    }");

    static final String KEPT_WAKE_UP = WAKE_UP.replace("WAIT",
            "lock m\n    while (ready == 0) { cond_wait c m }\n    unlock m");

    static final List<String> TEXTS = List.of(LOST_WAKE_UP, KEPT_WAKE_UP,THREADS.replace("MODEL", "sc"), THREADS.replace("MODEL", "tso"),
            THREADS.replace("MODEL", "relaxed"), LOST_UPDATE, FETCH_ADD, SPINLOCKS_OPPOSITE, SPINLOCK_COUNTER,
            peterson("sc", false), peterson("tso", false), peterson("tso", true), CONSUMERS.replace("CHECK", "if"),
            CONSUMERS.replace("CHECK", "while"), sb("sc", false), sb("tso", false), sb("tso", true),
            sb("relaxed", false), sb("relaxed", true));

    static List<ExploreResult> explore(String text) {
        return both(ExploreVerdictTest.compile(text));
    }

    @Test
    void lostUpdate() {
        for (ExploreResult r : explore(LOST_UPDATE)) {
            assertEquals(List.of(Outcome.FAILS, Outcome.HOLDS), DataExploreTest.outcomes(r));
            assertTrue(has(r, Code.RACE_REACHABLE));
        }
        for (ExploreResult r : explore(FETCH_ADD)) {
            assertEquals(List.of(Outcome.HOLDS, Outcome.FAILS), DataExploreTest.outcomes(r));
            assertFalse(has(r, Code.RACE_REACHABLE), () -> r.findings().toString());
        }
    }

    @Test
    void threadsShareTheirProcesssVariable() {
        for (String model : List.of("sc", "tso", "relaxed")) {
            for (ExploreResult r : explore(THREADS.replace("MODEL", model))) {
                assertEquals(List.of(Outcome.HOLDS, Outcome.FAILS), DataExploreTest.outcomes(r), model);
                assertTrue(has(r, Code.RACE_REACHABLE), model);
            }
        }
        String joined = THREADS.replace("MODEL", "sc").replace("    join t0\n    join t1\n", "")
                .replace("t1 = thread { c = c + 1 }", "join t0\n    t1 = thread { c = c + 1 }\n    join t1");
        for (ExploreResult r : explore(joined)) {
            assertEquals(List.of(Outcome.FAILS, Outcome.HOLDS), DataExploreTest.outcomes(r), joined);
            assertFalse(has(r, Code.RACE_REACHABLE), () -> r.findings().toString());
        }
    }

    @Test
    void spinlocks() {
        for (ExploreResult r : explore(SPINLOCKS_OPPOSITE)) {
            assertTrue(has(r, Code.SPIN_FOREVER_REACHABLE), () -> r.findings().toString());
            assertEquals(2, DataExploreTest.first(r, Code.SPIN_FOREVER_REACHABLE).schedule().steps().size());
        }
        for (ExploreResult r : explore(SPINLOCK_COUNTER)) {
            assertFalse(has(r, Code.SPIN_FOREVER_REACHABLE), () -> r.findings().toString());
            assertFalse(has(r, Code.RACE_REACHABLE), () -> r.findings().toString());
            assertEquals(List.of(Outcome.HOLDS), DataExploreTest.outcomes(r));
        }
    }

    @Test
    void petersonUnderEachModel() {
        for (ExploreResult r : explore(peterson("sc", false))) {
            assertFalse(has(r, Code.ASSERTION_REACHABLE), () -> r.findings().toString());
            assertFalse(has(r, Code.SPIN_FOREVER_REACHABLE), () -> r.findings().toString());
        }
        for (ExploreResult r : explore(peterson("tso", false))) {
            assertTrue(DataExploreTest.first(r, Code.ASSERTION_REACHABLE).schedule().steps().stream()
                    .anyMatch(Schedule.Step::flush));
        }
        for (ExploreResult r : explore(peterson("tso", true))) {
            assertFalse(has(r, Code.ASSERTION_REACHABLE), () -> r.findings().toString());
        }
    }

    @Test
    void ifInsteadOfWhileAroundCondWaitBreaksUnderMesa() {
        for (ExploreResult r : explore(CONSUMERS.replace("CHECK", "if"))) {
            assertTrue(has(r, Code.ASSERTION_REACHABLE), () -> r.findings().toString());
        }
        for (ExploreResult r : explore(CONSUMERS.replace("CHECK", "while"))) {
            assertFalse(has(r, Code.ASSERTION_REACHABLE), () -> r.findings().toString());
            assertFalse(r.deadlockFound(), () -> r.findings().toString());
            assertEquals(List.of(Outcome.HOLDS), DataExploreTest.outcomes(r));
        }
    }

    @Test
    void aConditionCheckedWithoutTheMutexLosesTheWakeUp() {
        List<ExploreResult> lost = explore(LOST_WAKE_UP);
        for (ExploreResult r : lost) {
            assertTrue(r.deadlockFound(), () -> r.findings().toString());
        }
        // by hand: the waiter reads ready = 0; the setter locks, sets, signals nobody, unlocks;
        // the waiter locks and waits; the setter ends, leaving the waiter alone asleep: 8 steps
        assertEquals(8, DataExploreTest.first(lost.get(1), Code.DEADLOCK_REACHABLE).schedule().steps().size());
        for (ExploreResult r : explore(KEPT_WAKE_UP)) {
            assertFalse(r.deadlockFound(), () -> r.findings().toString());
        }
    }

    @Test
    void storeBufferingWrittenInText() {
        assertEquals(Outcome.FAILS, explore(sb("sc", false)).get(0).properties().get(0).outcome());
        assertEquals(Outcome.HOLDS, explore(sb("tso", false)).get(0).properties().get(0).outcome());
        assertEquals(Outcome.FAILS, explore(sb("tso", true)).get(0).properties().get(0).outcome());
        assertEquals(Outcome.HOLDS, explore(sb("relaxed", false)).get(0).properties().get(0).outcome());
        assertEquals(Outcome.FAILS, explore(sb("relaxed", true)).get(0).properties().get(0).outcome());
    }
}
