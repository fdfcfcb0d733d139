package oss.runtime.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The schedule to a stored state, rebuilt from the store's parent links: the store keeps no
 * steps, so each is found again by trying every step of every task from the parent until one
 * gives the child. With symmetry reduction the stored states are orbit representatives and the
 * steps between them renumber the tasks; {@link #symmetricPath} turns them back into a schedule of
 * the original processes.
 */
final class Paths {
    /** Names a step as a schedule does (and notes whose it was): {@code Explorer.step}. */
    interface Namer {
        Schedule.Step step(int[] s, int task, int branch);
    }

    private final Model m;
    private final Semantics sem;
    private final StateStore store;
    /** Null without symmetry reduction. */
    private final Symmetry sym;

    Paths(Model m, Semantics sem, StateStore store, Symmetry sym) {
        this.m = m;
        this.sem = sem;
        this.store = store;
        this.sym = sym;
    }

    /** The steps from the initial state to state {@code id}, found again by trying each step of each parent. */
    List<Schedule.Step> to(int id, Namer named) {
        List<Integer> chain = new ArrayList<>();
        for (int at = id; at >= 0; at = store.parent(at)) {
            chain.add(at);
        }
        java.util.Collections.reverse(chain);
        if (sym != null) {
            return symmetricPath(chain, named);
        }
        List<Schedule.Step> steps = new ArrayList<>();
        int cap = m.capacity();
        int[] cur = new int[cap];
        int[] next = new int[cap];
        Semantics.Sink quiet = Explorer.QUIET;
        for (int i = 0; i + 1 < chain.size(); i++) {
            store.unpack(chain.get(i), cur);
            int child = chain.get(i + 1);
            Schedule.Step found = null;
            for (int t = 0; t < cur[0] && found == null; t++) {
                int k = sem.choices(cur, t);
                for (int br = 0; br < k && found == null; br++) {
                    System.arraycopy(cur, 0, next, 0, cap);
                    try {
                        sem.apply(next, t, br, quiet);
                    } catch (DataSteps.PathCut | Semantics.TaskLimit e) {
                        continue; // that step ends its path: it is not the one that led on
                    }
                    if (store.isStored(child, next)) {
                        found = named.step(cur, t, br);
                    }
                }
            }
            if (found == null) {
                throw new IllegalStateException("no step leads from state " + chain.get(i) + " to " + child);
            }
            steps.add(found);
        }
        return steps;
    }

    /**
     * {@link #path} when states are stored as orbit representatives: a stored step leads to a state
     * whose representative is the next stored state, its tasks renumbered. Pass one finds each step
     * and follows the renumbering, so it knows which task of a real run took each step; pass two
     * replays those steps renamed once more, so that the schedule ends in the stored state itself,
     * whose task numbers the finding's message uses. The result is a real schedule of the program.
     */
    private List<Schedule.Step> symmetricPath(List<Integer> chain, Namer named) {
        int cap = m.capacity();
        int[] cur = new int[cap];
        int[] next = new int[cap];
        int k = chain.size() - 1;
        int[] realTask = new int[k];
        int[] branch = new int[k];
        int[] real = new int[m.processes]; // real[t]: the run's task that the stored state's task t is
        for (int t = 0; t < real.length; t++) {
            real[t] = t;
        }
        for (int i = 0; i < k; i++) {
            store.unpack(chain.get(i), cur);
            boolean found = false;
            for (int t = 0; t < cur[0] && !found; t++) {
                int choices = sem.choices(cur, t);
                for (int br = 0; br < choices && !found; br++) {
                    System.arraycopy(cur, 0, next, 0, cap);
                    try {
                        sem.apply(next, t, br, Explorer.QUIET);
                    } catch (DataSteps.PathCut | Semantics.TaskLimit e) {
                        continue;
                    }
                    int[] moved = sym.canonical(next);
                    if (store.isStored(chain.get(i + 1), next)) {
                        realTask[i] = real[t];
                        branch[i] = br;
                        int[] after = new int[real.length];
                        for (int u = 0; u < real.length; u++) {
                            after[moved[u]] = real[u];
                        }
                        real = after;
                        found = true;
                    }
                }
            }
            if (!found) {
                throw new IllegalStateException("no step leads from state " + chain.get(i) + " to " + chain.get(i + 1));
            }
        }
        int[] rename = new int[real.length];
        for (int t = 0; t < real.length; t++) {
            rename[real[t]] = t;
        }
        // any rotation that fixes the last state renames the schedule into another that ends there:
        // take the one whose tasks come first (all five philosophers in pid order, not from the second)
        store.unpack(chain.get(k), cur);
        int[] least = null;
        for (int[] g : sym.stabiliser(cur)) {
            int[] r = new int[rename.length];
            for (int t = 0; t < r.length; t++) {
                r[t] = g[rename[t]];
            }
            if (least == null || Arrays.compare(sequence(r, realTask), sequence(least, realTask)) < 0) {
                least = r;
            }
        }
        rename = least;
        List<Schedule.Step> steps = new ArrayList<>();
        store.unpack(chain.get(0), cur);
        for (int i = 0; i < k; i++) {
            int t = rename[realTask[i]];
            steps.add(named.step(cur, t, branch[i]));
            sem.apply(cur, t, branch[i], Explorer.QUIET);
        }
        if (!store.isStored(chain.get(k), cur)) {
            throw new IllegalStateException("the renamed schedule does not end in state " + chain.get(k));
        }
        return steps;
    }

    private static int[] sequence(int[] rename, int[] realTask) {
        int[] out = new int[realTask.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rename[realTask[i]];
        }
        return out;
    }
}
