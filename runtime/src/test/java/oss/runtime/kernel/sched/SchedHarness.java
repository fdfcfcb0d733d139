package oss.runtime.kernel.sched;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oss.ir.program.SchedPolicy;

/**
 * A one-CPU stand-in for the engine that drives a {@link Scheduler} by the
 * engine's protocol and records the Gantt chart, so the policies can be
 * checked against textbook answers without the real kernel.
 *
 * <p>At one instant, in this order: a burst that ends; arrivals and wake-ups
 * (job order), each checked against the running task with shouldPreempt;
 * the periodic call; the end of the running task's slice; a pick if the
 * CPU is free. A burst that ends exactly at its slice end is not a preemption.
 */
final class SchedHarness {

    record Segment(String name, long start, long end) {
        @Override
        public String toString() {
            return name + " " + start + "-" + end;
        }
    }

    /** A task: CPU bursts separated by sleeps, {@code phases} = cpu, sleep, cpu, ... */
    static final class Job {
        final String name;
        final long arrival;
        final long[] phases;
        int nice;
        SchedPolicy policy = SchedPolicy.NORMAL;
        int rtPriority;
        int tickets = 100;

        SchedEntity se;
        int phase;
        long remaining;
        long wakeAt = -1;
        long finish = -1;

        Job(String name, long arrival, long... phases) {
            if (phases.length % 2 == 0) {
                throw new IllegalArgumentException("phases must start and end with a CPU burst");
            }
            this.name = name;
            this.arrival = arrival;
            this.phases = phases;
        }

        Job nice(int n) {
            nice = n;
            return this;
        }

        Job rt(SchedPolicy p, int prio) {
            policy = p;
            rtPriority = prio;
            return this;
        }

        Job tickets(int t) {
            tickets = t;
            return this;
        }

        long total() {
            long sum = 0;
            for (long p : phases) {
                sum += p;
            }
            return sum;
        }
    }

    static Job job(String name, long arrival, long... phases) {
        return new Job(name, arrival, phases);
    }

    private final Scheduler sched;
    private final List<Job> jobs;
    private final Map<String, Job> byName = new LinkedHashMap<>();
    private final List<Segment> gantt = new ArrayList<>();
    private final List<String> picks = new ArrayList<>();
    private final Set<Job> started = new HashSet<>();

    private long now;
    private long seq;
    private Job curr;
    private long lastAccount;
    private long segStart;
    private long sliceEnd = Long.MAX_VALUE;
    private long nextPeriodic;

    SchedHarness(Scheduler sched, Job... jobs) {
        this.sched = sched;
        this.jobs = List.of(jobs);
        int pid = 2;
        for (Job j : jobs) {
            final Job job = j;
            j.se = new SchedEntity(pid++, j.name, j.nice, j.policy, j.rtPriority, j.tickets, () -> job.remaining);
            j.remaining = j.phases[0];
            byName.put(j.name, j);
        }
        nextPeriodic = sched.nextPeriodic(0);
    }

    /** Runs until every job has exited; returns this. */
    SchedHarness run() {
        int steps = 0;
        while (!allDone()) {
            long t = nextEventTime();
            if (t == Long.MAX_VALUE) {
                throw new AssertionError("stuck at " + now + " with jobs unfinished");
            }
            if (++steps > 10_000_000) {
                throw new AssertionError("no progress by " + now);
            }
            step(t);
        }
        return this;
    }

    /** Processes every event at or before {@code t}, then stops (the running task is not accounted at t). */
    SchedHarness runUntil(long t) {
        while (!allDone()) {
            long next = nextEventTime();
            if (next > t) {
                break;
            }
            step(next);
        }
        now = Math.max(now, t);
        return this;
    }

    List<Segment> gantt() {
        List<Segment> out = new ArrayList<>(gantt);
        if (curr != null && now > segStart) {
            out.add(new Segment(curr.name, segStart, now));
        }
        return out;
    }

    /** Names in order of every dispatch (a task kept on the CPU with a fresh slice is not a new pick). */
    List<String> picks() {
        return picks;
    }

    long finish(String name) {
        return job(name).finish;
    }

    /** Time runnable but not running: turnaround minus CPU and sleep time. */
    long waiting(String name) {
        Job j = job(name);
        if (j.finish < 0) {
            throw new AssertionError(name + " has not finished");
        }
        return j.finish - j.arrival - j.total();
    }

    SchedEntity entity(String name) {
        return job(name).se;
    }

    String running() {
        return curr == null ? null : curr.name;
    }

    private Job job(String name) {
        Job j = byName.get(name);
        if (j == null) {
            throw new IllegalArgumentException("no job " + name);
        }
        return j;
    }

    private boolean allDone() {
        for (Job j : jobs) {
            if (j.finish < 0) {
                return false;
            }
        }
        return true;
    }

    private long nextEventTime() {
        long t = Long.MAX_VALUE;
        for (Job j : jobs) {
            if (!started(j)) {
                t = Math.min(t, j.arrival);
            }
            if (j.wakeAt >= 0) {
                t = Math.min(t, j.wakeAt);
            }
        }
        if (curr != null) {
            t = Math.min(t, lastAccount + curr.remaining);
            t = Math.min(t, sliceEnd);
        }
        if (!allDone()) {
            t = Math.min(t, nextPeriodic);
        }
        return t;
    }

    private boolean started(Job j) {
        return started.contains(j);
    }

    private void step(long t) {
        if (t < now) {
            throw new AssertionError("time went back from " + now + " to " + t);
        }
        now = t;
        // 1. the running burst ends
        if (curr != null && lastAccount + curr.remaining == now) {
            account();
            Job done = curr;
            stopRunning();
            if (done.phase + 1 < done.phases.length) {
                done.phase++;
                done.wakeAt = now + done.phases[done.phase];
            } else {
                done.finish = now;
                sched.detach(done.se, now);
            }
        }
        // 2. arrivals and wake-ups
        for (Job j : jobs) {
            if (!started(j) && j.arrival == now) {
                started.add(j);
                sched.attach(j.se, now);
                becomeRunnable(j, Wake.NEW);
            } else if (j.wakeAt == now) {
                j.wakeAt = -1;
                j.phase++;
                j.remaining = j.phases[j.phase];
                becomeRunnable(j, Wake.WAKEUP);
            }
        }
        // 3. periodic work, then a fresh slice for whoever runs
        if (now == nextPeriodic) {
            sched.periodic(now);
            nextPeriodic = sched.nextPeriodic(now);
            if (curr != null) {
                account();
                startSlice();
            }
        }
        // 4. the slice ends
        if (curr != null && now == sliceEnd) {
            account();
            if (sched.shouldYield(curr.se, now) && sched.queued() > 0) {
                Job prev = curr;
                stopRunning();
                enqueue(prev, Wake.PREEMPTED);
                dispatch();
            } else {
                startSlice();
            }
        }
        // 5. a free CPU picks
        if (curr == null) {
            dispatch();
        }
    }

    private void becomeRunnable(Job j, Wake why) {
        enqueue(j, why);
        if (curr != null) {
            account();
            if (sched.shouldPreempt(j.se, curr.se, now)) {
                Job prev = curr;
                stopRunning();
                enqueue(prev, Wake.PREEMPTED);
                dispatch();
            }
        }
    }

    private void enqueue(Job j, Wake why) {
        j.se.queueSeq = ++seq;
        sched.enqueue(j.se, why, now);
        if (!j.se.queued) {
            throw new AssertionError(sched.name() + " did not mark " + j.name + " queued");
        }
    }

    private void dispatch() {
        SchedEntity se = sched.pickNext(0, now);
        if (se == null) {
            return;
        }
        if (se.queued) {
            throw new AssertionError(sched.name() + " left " + se + " marked queued after picking it");
        }
        curr = jobOf(se);
        picks.add(curr.name);
        lastAccount = now;
        segStart = now;
        startSlice();
    }

    private void startSlice() {
        long slice = sched.timeSlice(curr.se, now);
        if (slice <= 0) {
            throw new AssertionError(sched.name() + " gave " + curr.name + " a slice of " + slice);
        }
        sliceEnd = slice > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + slice;
    }

    private void account() {
        long ran = now - lastAccount;
        curr.remaining -= ran;
        lastAccount = now;
        sched.account(curr.se, ran, now);
    }

    private void stopRunning() {
        if (now > segStart) {
            Segment last = gantt.isEmpty() ? null : gantt.get(gantt.size() - 1);
            if (last != null && last.name().equals(curr.name) && last.end() == segStart) {
                gantt.set(gantt.size() - 1, new Segment(curr.name, last.start(), now));
            } else {
                gantt.add(new Segment(curr.name, segStart, now));
            }
        }
        curr = null;
        sliceEnd = Long.MAX_VALUE;
    }

    private Job jobOf(SchedEntity se) {
        for (Job j : jobs) {
            if (j.se == se) {
                return j;
            }
        }
        throw new AssertionError("unknown entity " + se);
    }
}
