package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;

/**
 * A handler interrupts a futex-based wait (mutex, rwlock, condition variable, barrier), runs, and
 * the wait goes on (Task.Blocker.RESUME): futex(2) FUTEX_WAIT returns to user space when a signal
 * comes, and glibc's lock loops call it again. Each time below is worked out by hand from
 * 4 CPUs, no switch cost, and the statements' own times; the comment says what the old rule
 * (the handler waits for the wait to end) would have given.
 */
class SignalFutexWaitTest {
    private static final long MS = 1_000_000L;

    private static RunResult run(String body) {
        return Scenario.onFourCpus(body);
    }

    private static TaskReport task(RunResult r, String name) {
        return Scenario.task(r, name);
    }

    @Test
    void aMutexWaiterRunsItsHandlerAndQueuesAgainAtTheTail() {
        RunResult r = run("""
                mutex m
                process holder { lock m
                  compute 10 ms
                  unlock m }
                process a {
                  signal SIGUSR1 { compute 2 ms }
                  compute 1 ms
                  lock m
                  compute 1 ms
                  unlock m }
                process b { compute 2 ms
                  lock m
                  compute 1 ms
                  unlock m }
                process sender { compute 3 ms
                  kill a SIGUSR1 }""");
        // m's queue: a (1 ms), b (2 ms). At 3 ms a leaves it, runs the handler 3-5 ms and locks
        // again: queue b, a. holder unlocks at 10 ms to b (10-11), b to a (11-12).
        // Old rule: a got m at 10 ms, handler 10-12, compute 12-13; b 13-14.
        assertEquals(12 * MS, task(r, "a").finishNs());
        assertEquals(11 * MS, task(r, "b").finishNs());
    }

    @Test
    void aFatalSignalEndsAMutexWaiterAtOnce() {
        RunResult r = run("""
                mutex m
                process holder { lock m
                  compute 10 ms
                  unlock m }
                process victim { compute 1 ms
                  lock m
                  unlock m }
                process killer { compute 2 ms
                  kill victim SIGTERM }""");
        // asleep on m from 1 ms; SIGTERM at 2 ms wakes it and its default action ends it (128 + 15)
        assertEquals(143, task(r, "victim").exitStatus());
        assertEquals(2 * MS, task(r, "victim").finishNs());
        assertEquals(10 * MS, task(r, "holder").finishNs());
    }

    @Test
    void aWriterWaitingOnAnRwlockRunsItsHandlerAndQueuesAgain() {
        RunResult r = run("""
                rwlock l
                process reader { read_lock l
                  compute 10 ms
                  read_unlock l }
                process w1 {
                  signal SIGUSR1 { compute 2 ms }
                  compute 1 ms
                  write_lock l
                  compute 1 ms
                  write_unlock l }
                process w2 { compute 2 ms
                  write_lock l
                  compute 1 ms
                  write_unlock l }
                process sender { compute 3 ms
                  kill w1 SIGUSR1 }""");
        // writers wait for the reader: w1 (1 ms), w2 (2 ms); w1 leaves at 3 ms, handler 3-5 ms,
        // queues behind w2. read_unlock at 10 ms: w2 (10-11), then w1 (11-12).
        // Old rule: w1 10-11, handler 11-13, w2 13-14.
        assertEquals(12 * MS, task(r, "w1").finishNs());
        assertEquals(11 * MS, task(r, "w2").finishNs());
    }

    @Test
    void aCondWaiterKeepsItsPlaceAndWaitsAgainAfterItsHandler() {
        RunResult r = run("""
                mutex m
                condvar c
                process w1 {
                  signal SIGUSR1 { compute 2 ms }
                  lock m
                  cond_wait c m
                  unlock m
                  compute 1 ms }
                process w2 { compute 1 ms
                  lock m
                  cond_wait c m
                  unlock m
                  compute 1 ms }
                process s { compute 3 ms
                  kill w1 SIGUSR1
                  compute 5 ms
                  signal c
                  compute 1 ms
                  signal c }""");
        // c's waiters: w1 (0 ms), w2 (1 ms). Handler 3-5 ms, no signal meanwhile: w1 waits again in
        // its place. signal at 8 ms wakes w1 (8-9), the one at 9 ms w2 (9-10).
        // A spurious return would end w1 at 6 ms; queueing again at the tail would wake w2 first
        // (w2 9 ms, w1 10 ms).
        assertEquals(9 * MS, task(r, "w1").finishNs());
        assertEquals(10 * MS, task(r, "w2").finishNs());
    }

    @Test
    void aSignalSentToACondWhileItsWaiterRunsAHandlerIsTheWaitersOnReturn() {
        RunResult r = run("""
                mutex m
                condvar c
                process w1 {
                  signal SIGUSR1 { compute 2 ms }
                  lock m
                  cond_wait c m
                  unlock m
                  compute 1 ms }
                process w2 { compute 1 ms
                  lock m
                  cond_wait c m
                  unlock m
                  compute 1 ms }
                process s { compute 3 ms
                  kill w1 SIGUSR1
                  compute 1 ms
                  signal c
                  compute 3 ms
                  signal c }""");
        // handler 3-5 ms; the signal at 4 ms goes to the longest waiter, w1, which takes it when
        // the handler returns at 5 ms: m is free, it goes on 5-6 ms. w2 is woken at 7 ms (7-8).
        // Old rule: w1 woken at 4 ms, handler 4-6, compute 6-7; w2 7-8.
        assertEquals(6 * MS, task(r, "w1").finishNs());
        assertEquals(8 * MS, task(r, "w2").finishNs());
    }

    @Test
    void aBarrierArrivalStaysCountedWhileItsHandlerRuns() {
        RunResult r = run("""
                barrier b 2
                process p {
                  signal SIGUSR1 { compute 4 ms }
                  barrier b
                  compute 1 ms }
                process q { compute 3 ms
                  barrier b
                  compute 1 ms }
                process s { compute 1 ms
                  kill p SIGUSR1 }""");
        // p arrives at 0 ms (1 of 2); handler 1-5 ms. q arrives at 3 ms, the second: it goes on
        // 3-4 ms, and p, released while in the handler, goes past the barrier at 5 ms (5-6).
        // Counting p again on return would hold q until 5 ms (both end at 6 ms); the old rule
        // ran the handler from 3 ms: p 3-7, 7-8.
        assertEquals(6 * MS, task(r, "p").finishNs());
        assertEquals(4 * MS, task(r, "q").finishNs());
    }

    @Test
    void aBarrierArrivalBackFromItsHandlerWaitsForTheOthers() {
        RunResult r = run("""
                barrier b 2
                process p {
                  signal SIGUSR1 { compute 1 ms }
                  barrier b
                  compute 1 ms }
                process q { compute 4 ms
                  barrier b
                  compute 1 ms }
                process s { compute 1 ms
                  kill p SIGUSR1 }""");
        // p arrives at 0 ms; handler 1-2 ms; back at the barrier, still 1 of 2, it sleeps. q
        // arrives at 4 ms: both go on, 4-5 ms. Old rule: p woken at 4 ms, handler 4-5, 5-6.
        assertEquals(5 * MS, task(r, "p").finishNs());
        assertEquals(5 * MS, task(r, "q").finishNs());
    }

    @Test
    void aCondWaiterInterruptedWhileRetakingTheMutexRetakesItAfterTheHandler() {
        RunResult r = run("""
                mutex m
                condvar c
                process w {
                  signal SIGUSR1 { compute 2 ms }
                  lock m
                  cond_wait c m
                  unlock m
                  compute 1 ms }
                process s { compute 1 ms
                  lock m
                  signal c
                  compute 5 ms
                  unlock m }
                process k { compute 3 ms
                  kill w SIGUSR1 }""");
        // signalled at 1 ms, w sleeps on m, held by s until 6 ms. Handler 3-5 ms; back in
        // cond_wait it queues for m again, gets it at 6 ms and goes on 6-7 ms, with no finding
        // (returning as if it held m would unlock a mutex it does not hold). Old rule: 6-8 handler, 8-9.
        assertEquals(7 * MS, task(r, "w").finishNs());
        assertEquals(java.util.List.of(), r.findings(), () -> r.findings().toString());
    }

    @Test
    void aHandlerRunsAtOnceInAnAwaitWhichThenChecksAgain() {
        RunResult r = run("""
                int flag = 0
                process p {
                  signal SIGUSR1 { compute 2 ms }
                  await flag == 1
                  compute 1 ms }
                process q { compute 5 ms
                  flag = 1 }
                process s { compute 1 ms
                  kill p SIGUSR1 }""");
        // await is running code in Linux: the handler runs at 1 ms (1-3 ms), then the condition
        // is still false and p waits again; q's store at 5 ms wakes it, its await's check is a
        // data step of 1 ns (as in DataRunTest), then 1 ms of compute: 6 ms + 1 ns.
        // Old rule: the handler waited for the store, 5-7 ms, and p ended after 8 ms.
        assertEquals(6 * MS + 1, task(r, "p").finishNs());
    }

    @Test
    void aHandlerRunsAtOnceInASpinningDataLoop() {
        RunResult r = run("""
                int flag = 0
                process p {
                  signal SIGUSR1 { compute 2 ms }
                  while (flag == 0) { }
                  compute 1 ms }
                process q { compute 5 ms
                  flag = 1 }
                process s { compute 1 ms
                  kill p SIGUSR1 }""");
        // the loop is parked spinning on its CPU, running code: the kill sends p back through the
        // scheduler at 1 ms, which takes it out of the park and runs the handler (1-3 ms); the loop
        // goes round again and parks; q's store at 5 ms sends it round once more, its load of flag
        // is a data step of 1 ns, and 1 ms of compute ends it at 6 ms + 1 ns. Had the handler
        // waited for the spin to end: 5-7 ms, then 8 ms + 1 ns.
        assertEquals(6 * MS + 1, task(r, "p").finishNs());
    }
}
