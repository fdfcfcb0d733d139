package oss.runtime.explore;

import java.util.Arrays;

/**
 * Busy waiting that cannot end (OSS2409). A task spins in a state when, run alone from it within
 * {@link #ROUNDS} steps, it comes back to a position it has been in, having changed nothing but
 * its own private values (a store of the value already there, as a failed test_and_set, changes
 * nothing) and with an empty store buffer: its rounds cannot change anything others see, so only
 * another task can let it out. A state where every live task is blocked or spins, and one
 * spins, is a deadlock made of busy waiting.
 */
final class Spinning {
    /** Steps a spinning task is run alone for before it is taken to be doing real work. */
    static final int ROUNDS = 64;

    private final Model m;
    private final Semantics sem;
    private final Semantics.Sink quiet;
    private int[] scratch = new int[0];

    Spinning(Model m, Semantics sem, Semantics.Sink quiet) {
        this.m = m;
        this.sem = sem;
        this.quiet = quiet;
    }

    /**
     * The tasks that spin in {@code s}, or null when some live task can make progress (or none
     * spins). {@code choices[t]} is how many steps t can take.
     */
    boolean[] spinners(int[] s, int[] choices) {
        if (m.devices && sem.pipes.pendingDeliveries(s) > 0) {
            return null; // a device's delivery will come (it has a time): a polling loop waits for it
        }
        int n = s[0];
        boolean any = false;
        for (int t = 0; t < n; t++) {
            if (choices[t] == 0) {
                continue;
            }
            int b = m.base(t);
            // a task with buffered stores can still commit them: that is progress
            if (!m.inLoop[s[b + Model.CODE]][s[b + Model.PC] - Model.ALIVE] || sem.data.buffered(s, t) > 0) {
                return null;
            }
            any = true;
        }
        if (!any) {
            return null;
        }
        boolean[] out = new boolean[n];
        for (int t = 0; t < n; t++) {
            if (choices[t] > 0) {
                if (!returns(s, t)) {
                    return null;
                }
                out[t] = true;
            }
        }
        return out;
    }

    private boolean returns(int[] s, int t) {
        int used = m.base(s[0]);
        int b = m.base(t);
        int rec = m.record;
        if (scratch.length < s.length) {
            scratch = new int[s.length];
        }
        if (seen.length < (ROUNDS + 1) * rec) {
            seen = new int[(ROUNDS + 1) * rec];
        }
        System.arraycopy(s, 0, scratch, 0, s.length);
        System.arraycopy(s, b, seen, 0, rec);
        for (int round = 1; round <= ROUNDS; round++) {
            if (sem.stepChoices(scratch, t) == 0) {
                return false;
            }
            try {
                sem.apply(scratch, t, 0, quiet);
            } catch (DataSteps.PathCut | Semantics.TaskLimit e) {
                return false;
            }
            if (scratch[0] != s[0] || sem.data.buffered(scratch, t) > 0
                    || !Arrays.equals(scratch, 0, b, s, 0, b)
                    || !Arrays.equals(scratch, b + rec, used, s, b + rec, used)) {
                return false; // it changed something another task can see, or can still commit a store
            }
            for (int before = 0; before < round; before++) {
                if (Arrays.equals(scratch, b, b + rec, seen, before * rec, before * rec + rec)) {
                    return true;
                }
            }
            System.arraycopy(scratch, b, seen, round * rec, rec);
        }
        return false;
    }

    /** The task's record after each round of the current check. */
    private int[] seen = new int[0];
}
