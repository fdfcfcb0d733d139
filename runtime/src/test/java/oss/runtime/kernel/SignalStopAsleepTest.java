package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.runtime.observe.RunResult;

/**
 * SIGSTOP to a task in an interruptible sleep stops it at once (signal_wake_up, then
 * do_signal_stop before its call is restarted): ps shows T while the wait goes on; SIGCONT puts it
 * back to S if the wait is not over, and into the run queue if it is. Times are worked out by
 * hand (4 CPUs, no switch cost); the ps letters are ps(1)'s PROCESS STATE CODES.
 */
class SignalStopAsleepTest {
    private static final long MS = 1_000_000L;

    private static RunResult run(String body) {
        return Scenario.onFourCpus(body);
    }

    /** The STAT column of {@code name}'s line in snapshot {@code i}'s ps. */
    private static String stat(RunResult r, int i, String name) {
        String ps = r.snapshots().get(i).views().get("ps");
        for (String line : ps.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4 && f[3].equals(name)) {
                return f[2];
            }
        }
        throw new AssertionError(name + " not in\n" + ps);
    }

    @Test
    void aSleeperStopsAtOnceAndItsSleepGoesOnAfterSigcont() {
        RunResult r = run("""
                process sleeper { sleep 10 ms
                  compute 1 ms }
                process shell { compute 1 ms
                  kill sleeper SIGSTOP
                  snapshot "stopped"
                  compute 2 ms
                  kill sleeper SIGCONT
                  snapshot "continued" }""");
        assertEquals("T", stat(r, 0, "sleeper"), "stopped at 1 ms though asleep (it used to show S until 10 ms)");
        assertEquals("S", stat(r, 1, "sleeper"), "SIGCONT at 3 ms: its sleep is not over, so back to S");
        // the sleep ends at 10 ms as armed (nanosleep's restart keeps the end time), then 10-11 ms
        assertEquals(11 * MS, Scenario.task(r, "sleeper").finishNs());
    }

    @Test
    void aWaitThatEndsWhileStoppedLeavesItStoppedUntilSigcont() {
        RunResult r = run("""
                process sleeper { sleep 2 ms
                  compute 1 ms }
                process shell { compute 1 ms
                  kill sleeper SIGSTOP
                  compute 4 ms
                  snapshot "after the sleep's end"
                  kill sleeper SIGCONT }""");
        assertEquals("T", stat(r, 0, "sleeper"), "its sleep ended at 2 ms, but it is stopped until SIGCONT at 5 ms");
        assertEquals(6 * MS, Scenario.task(r, "sleeper").finishNs(), "SIGCONT at 5 ms, then 5-6 ms");
    }

    @Test
    void aMutexHandedToAStoppedWaiterStaysWithItUntilSigcont() {
        RunResult r = run("""
                mutex m
                process holder { lock m
                  compute 3 ms
                  unlock m }
                process waiter { compute 1 ms
                  lock m
                  compute 1 ms
                  unlock m }
                process other { compute 4 ms
                  lock m
                  unlock m }
                process shell { compute 2 ms
                  kill waiter SIGSTOP
                  snapshot "stopped"
                  compute 6 ms
                  snapshot "handed"
                  kill waiter SIGCONT }""");
        // waiter sleeps on m from 1 ms and is stopped at 2 ms; holder hands m over at 3 ms; other
        // queues at 4 ms; SIGCONT at 8 ms: waiter 8-9 ms, unlock to other, which ends at 9 ms.
        assertEquals("T", stat(r, 0, "waiter"));
        assertEquals("T", stat(r, 1, "waiter"));
        assertEquals("S", stat(r, 1, "other"), "asleep on m, which the stopped waiter holds");
        assertEquals(9 * MS, Scenario.task(r, "waiter").finishNs());
        assertEquals(9 * MS, Scenario.task(r, "other").finishNs());
    }

    @Test
    void semopFailsWithEintrAfterAStopAndSigcont() {
        RunResult r = run("""
                semset sems = [0]
                process p { semop sems[0] -1
                  compute 1 ms }
                process shell { compute 1 ms
                  kill p SIGSTOP
                  compute 1 ms
                  kill p SIGCONT }""");
        // signal(7): semop is one of the calls that fail with EINTR after SIGCONT with no handler,
        // so p goes on at 2 ms (2-3 ms) though nobody ever raised sems[0]
        assertEquals(3 * MS, Scenario.task(r, "p").finishNs());
    }

    @Test
    void anIoSleepIsNotStoppedUntilItEnds() {
        RunResult r = run("""
                process reader { io 5 ms
                  compute 1 ms }
                process shell { compute 1 ms
                  kill reader SIGSTOP
                  snapshot "during io"
                  compute 6 ms
                  snapshot "after io"
                  kill reader SIGCONT }""");
        assertEquals("D", stat(r, 0, "reader"), "uninterruptible: SIGSTOP waits for the I/O (ends at 5 ms)");
        assertEquals("T", stat(r, 1, "reader"), "stopped as it woke at 5 ms");
        assertEquals(8 * MS, Scenario.task(r, "reader").finishNs(), "SIGCONT at 7 ms, then 7-8 ms");
    }

    @Test
    void sigkillEndsAStoppedSleeperAtOnce() {
        RunResult r = run("""
                process sleeper { sleep 10 ms }
                process shell { compute 1 ms
                  kill sleeper SIGSTOP
                  compute 1 ms
                  kill sleeper SIGKILL }""");
        assertEquals(128 + 9, Scenario.task(r, "sleeper").exitStatus());
        assertEquals(2 * MS, Scenario.task(r, "sleeper").finishNs(), "SIGKILL at 2 ms, not at the sleep's end");
    }

    @Test
    void aSignalThatCameWhileStoppedIsHandledAtTheSigcont() {
        RunResult r = run("""
                process p {
                  signal SIGUSR1 { compute 1 ms }
                  pause
                  compute 1 ms }
                process shell { compute 1 ms
                  kill p SIGSTOP
                  kill p SIGUSR1
                  compute 2 ms
                  kill p SIGCONT }""");
        // stopped in pause at 1 ms; SIGUSR1 stays pending while it is stopped; SIGCONT at 3 ms wakes
        // it to take SIGUSR1: handler 3-4 ms, pause returns (EINTR), compute 4-5 ms
        assertEquals(5 * MS, Scenario.task(r, "p").finishNs());
    }
}
