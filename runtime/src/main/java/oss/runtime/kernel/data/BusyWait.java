package oss.runtime.kernel.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oss.ir.program.Op;
import oss.runtime.kernel.Task;

/**
 * Busy-waiting loops, simulated at a bounded cost. A loop round costs 1 ns per data step, as a
 * real spin costs CPU; but a {@code while (flag == 0) { }} left alone for a 100 ms slice would be
 * 50 million rounds. A round that stored nothing, made no system call, left every slot of the
 * task as it found them and read no cell that changed meanwhile will be followed by the same
 * round again, and again: the task is parked instead, spinning on its CPU (its CPU time counted as
 * spin time, as a spinlock's), until a store reaches one of the cells the round read, or until it
 * loses its CPU, and then it goes round again. An empty loop, or one that reads nothing, spins
 * until the run ends (OSS2503 at the end of the run).
 *
 * <p>While a schedule is replayed nothing is parked: every round's loads are steps of the schedule.
 */
final class BusyWait {

    /** What a round began with. */
    private record Round(long effects, long[] slots, long commits, int readsFrom, int epoch) {}

    /** The cells a task read (in its innermost rounds), for the check and for the wake-up. */
    private static final class Reads {
        long[] keys = new long[8];
        int n;
        /** Bumped when the list is cut short: a round that began before cannot be checked. */
        int epoch;
    }

    /** Reads kept per task before the list starts over (a loop that reads a whole array per round). */
    private static final int MAX_READS = 4096;

    private final DataHost k;
    private final MemoryOrder mem;
    /** By pid. */
    private Reads[] reads = new Reads[16];
    /** Parked tasks and the cells any of whose change wakes them, in the order they parked. */
    private final Map<Task, long[]> parked = new java.util.LinkedHashMap<>();
    private final Map<Task, String> reasons = new java.util.HashMap<>();
    /** Parked, or woken but not yet running again. */
    private final Set<Integer> spinning = new LinkedHashSet<>();

    BusyWait(DataHost k, MemoryOrder mem) {
        this.k = k;
        this.mem = mem;
    }

    /** {@code t} read cell {@code key}. */
    void read(Task t, long key) {
        Reads r = readsOf(t);
        if (r.n == MAX_READS) {
            r.n = 0;
            r.epoch++;
        }
        if (r.n == r.keys.length) {
            r.keys = Arrays.copyOf(r.keys, r.n * 2);
        }
        r.keys[r.n++] = key;
    }

    /**
     * {@code t}'s loop {@code loop} begins a new round. False when the round before changed
     * nothing, so {@code t} is parked spinning (it has left the statement stream).
     */
    boolean roundEnded(Task t, Op.Loop loop) {
        Reads r = readsOf(t);
        if (t.roundMark() instanceof Round old && !k.replaying() && unchanged(t, old, r)) {
            if (!mem.bufferEmpty(t)) {
                mem.drain(t); // a spinning CPU's store buffer drains on its own: go round once more
            } else {
                long[] keys = Arrays.copyOfRange(r.keys, old.readsFrom(), r.n);
                park(t, loop, keys, keys.length == 0 ? "its rounds change nothing and read no variable"
                        : "its rounds change nothing until another task stores to what they read");
                return false;
            }
        }
        t.setRoundMark(new Round(t.effects, t.slots.clone(), mem.commits, r.n, r.epoch));
        return true;
    }

    private Reads readsOf(Task t) {
        if (t.pid >= reads.length) {
            reads = Arrays.copyOf(reads, Math.max(t.pid + 1, reads.length * 2));
        }
        Reads r = reads[t.pid];
        if (r == null) {
            r = new Reads();
            reads[t.pid] = r;
        }
        return r;
    }

    private boolean unchanged(Task t, Round old, Reads r) {
        if (old.effects() != t.effects || old.epoch() != r.epoch || !Arrays.equals(old.slots(), t.slots)) {
            return false;
        }
        for (int i = old.readsFrom(); i < r.n; i++) {
            if (mem.changedAt(r.keys[i]) > old.commits()) {
                return false;
            }
        }
        return true;
    }

    /** Parks {@code t} spinning in {@code loop} until one of {@code keys} changes (none: for good); {@code why} for OSS2503. */
    void park(Task t, Op.Loop loop, long[] keys, String why) {
        reasons.put(t, why);
        t.blocker = Task.Blocker.DATA_SPIN;
        t.blockerIndex = -1;
        t.blockedAt = loop.span();
        t.blockedSince = k.now();
        t.blockedOn = keys.length == 0 ? "nothing: its loop reads no variable another task could change"
                : "another task to change what its loop reads (it spins at " + loop.span() + ")";
        parked.put(t, keys);
        spinning.add(t.pid);
        k.spin(t);
    }

    /** A store reached {@code key}: the tasks spinning on it go round again. */
    void committed(long key) {
        if (parked.isEmpty()) {
            return;
        }
        List<Task> woken = new ArrayList<>();
        for (Map.Entry<Task, long[]> e : parked.entrySet()) {
            for (long read : e.getValue()) {
                if (read == key) {
                    woken.add(e.getKey());
                    break;
                }
            }
        }
        for (Task t : woken) {
            parked.remove(t);
            clear(t);
            k.kick(t);
        }
    }

    /** {@code t} runs again (woken, or dispatched after a preemption): it goes round once more. */
    void resumed(Task t) {
        if (spinning.remove(t.pid)) {
            parked.remove(t);
            clear(t);
            k.stopSpinning(t);
        }
    }

    /** {@code t} exited or was killed. */
    void gone(Task t) {
        parked.remove(t);
        if (spinning.remove(t.pid)) {
            k.stopSpinning(t);
        }
        if (t.pid < reads.length) {
            reads[t.pid] = null;
        }
    }

    /** The tasks still parked, for OSS2503 when the run ends. */
    List<Task> parked() {
        return List.copyOf(parked.keySet());
    }

    /** Whether a parked task waits for a store to some cell (else nothing can end its spin). */
    boolean waitsOnCells(Task t) {
        long[] keys = parked.get(t);
        return keys != null && keys.length > 0;
    }

    /** Why a parked task spins, for OSS2503. */
    String why(Task t) {
        return reasons.getOrDefault(t, "");
    }

    private static void clear(Task t) {
        if (t.blocker == Task.Blocker.DATA_SPIN) {
            t.blocker = Task.Blocker.NONE;
            t.blockedAt = null;
            t.blockedOn = null;
        }
    }
}
