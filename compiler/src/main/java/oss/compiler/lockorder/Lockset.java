package oss.compiler.lockorder;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.program.Cell;
import oss.ir.program.Span;
import oss.ir.program.Val;

/**
 * Eraser's lockset check on the text (OSS1308): every plain load and store of a variable others can
 * see, with the locks its task holds there on every path (a mutex, a spinlock, an rwlock taken for
 * writing, a seqlock's writer side; an rwlock taken for reading protects reads). A variable (an
 * element, when the index is a constant) that two tasks reach, one of them writing, with no lock
 * held at all of its plain accesses, is reported once, at its first unprotected access, with the
 * others as related places. Atomic operations and {@code atomic} blocks need no lock and are not
 * recorded. A semaphore of initial value 1 counts as a lock where its task has passed {@code P} on
 * every path, unless some task posts it without having taken it (then it signals, and excludes
 * nothing). A declared process's accesses while none of its children may run (before it starts
 * them, after it has reaped them) need no lock when only its family uses the location (Eraser's
 * "exclusive" state); other orders are not known here.
 */
final class Lockset {
    /** One plain access. {@code element} is -1 when the index is not a constant (any element). */
    record Access(Task task, String variable, String name, int element, boolean write, BitSet locks, Span span,
                  boolean alone, String cellKey) {}

    private final List<Access> accesses = new ArrayList<>();
    /** Where semaphores start in the lock numbering of {@link Access#locks()}: after every lock. */
    private final int semBase;
    /** The semaphores that may count as locks: initial value 1 and never posted by a task that did not take them. */
    private final BitSet binary = new BitSet();

    Lockset() {
        this(0, new int[0]);
    }

    /** {@code initial}: each semaphore's initial value; {@code semBase}: the number of locks. */
    Lockset(int semBase, int[] initial) {
        this.semBase = semBase;
        this.handBase = semBase + initial.length;
        for (int i = 0; i < initial.length; i++) {
            if (initial[i] == 1) {
                binary.set(semBase + i);
            }
        }
    }

    /** Where hand-built spinlocks start in the lock numbering: after the semaphores. */
    private final int handBase;
    /** Each shared cell a hand-built spinlock could be, by its key, numbered as {@link Held#mustHand} counts them. */
    private final Map<String, Integer> hands = new LinkedHashMap<>();
    /** The cells that turned out no spinlock: stored while not held, or by something else than a release. */
    private final BitSet handBad = new BitSet();

    private static String key(Cell c) {
        return HandLock.lockCell(c) ? c.base() + ":" + ((Val.Const) c.index()).value() : null;
    }

    /** The number of the hand-built spinlock {@code c} would be (a shared cell at a constant place). */
    int hand(Cell c) {
        return hands.computeIfAbsent(key(c), k -> hands.size());
    }

    /** Cell {@code hand} is written other than by taking and releasing it: it is no lock. */
    void notAHandLock(int hand) {
        handBad.set(hand);
    }

    /** Semaphore {@code sem} was posted by a task that had not taken it: it is no lock. */
    void notALock(int sem) {
        binary.clear(semBase + sem);
    }

    /** The locks of an access that count: every lock, and the semaphores still used as locks. */
    private BitSet effective(Access a) {
        BitSet out = (BitSet) a.locks().clone();
        BitSet sems = (BitSet) out.clone();
        sems.clear(0, semBase);
        sems.clear(handBase, Math.max(handBase, sems.length()));
        sems.andNot(binary);
        out.andNot(sems);
        handBad.stream().forEach(h -> out.clear(handBase + h));
        return out;
    }
    /** Related places shown for one finding: enough to see the pattern, not every pass of every task. */
    static final int MAX_RELATED = 8;

    /** Records a plain access of {@code cell} by {@code t} while {@code held}; private cells are nobody else's. */
    void access(Task t, Cell cell, boolean write, Held held, Span span, boolean alone) {
        if (!cell.visible()) {
            return;
        }
        String variable = (cell.scope() == Cell.Scope.SHARED ? "shared " : "group " + t.group + " ") + cell.base();
        int element = cell.length() == 1 ? 0 : cell.index() instanceof Val.Const k ? k.value() : -1;
        BitSet locks = (BitSet) held.mustW.clone();
        held.mustSem.stream().forEach(sem -> locks.set(semBase + sem));
        held.mustHand.stream().forEach(h -> locks.set(handBase + h));
        if (!write) {
            for (int id : held.mayHeld()) {
                if (held.mustRead(id)) {
                    locks.set(id);
                }
            }
        }
        String name = cell.length() == 1 || element < 0 ? cell.name() : cell.name() + "[" + element + "]";
        String cellKey = cell.scope() == Cell.Scope.SHARED && element >= 0 ? cell.base() + ":" + element : null;
        accesses.add(new Access(t, variable, name, element, write, locks, span, alone, cellKey));
    }

    List<Diagnostic> findings() {
        Map<String, List<Access>> byVariable = new LinkedHashMap<>();
        for (Access a : accesses) {
            byVariable.computeIfAbsent(a.variable(), k -> new ArrayList<>()).add(a);
        }
        List<Diagnostic> out = new ArrayList<>();
        for (List<Access> all : byVariable.values()) {
            Set<Integer> elements = new java.util.TreeSet<>();
            for (Access a : all) {
                elements.add(a.element());
            }
            for (int e : elements) {
                List<Access> here = new ArrayList<>();
                for (Access a : all) {
                    if (e < 0 || a.element() < 0 || a.element() == e) {
                        here.add(a);
                    }
                }
                if (isHandLock(here)) {
                    // a spinlock's own variable: synchronisation, not data
                    continue;
                }
                Diagnostic d = check(exclusive(here).stream().map(a -> new Access(a.task(), a.variable(), a.name(),
                        a.element(), a.write(), effective(a), a.span(), a.alone(), a.cellKey())).toList());
                if (d != null) {
                    out.add(d);
                    if (e < 0) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** Whether the accesses are all to one cell that is a hand-built spinlock used only as one. */
    private boolean isHandLock(List<Access> here) {
        String k = here.get(0).cellKey();
        Integer id = k == null ? null : hands.get(k);
        if (id == null || handBad.get(id)) {
            return false;
        }
        return here.stream().allMatch(a -> k.equals(a.cellKey()));
    }

    /**
     * Without the accesses that no other task can overlap: a declared process's own, made while none of
     * its children may be running (before it starts them, after it has reaped them), when nobody but
     * it and its descendants touches the location. Eraser's "exclusive" state, decided on the text.
     */
    private static List<Access> exclusive(List<Access> here) {
        Set<Integer> roots = new HashSet<>();
        for (Access a : here) {
            roots.add(a.task().root);
        }
        if (roots.size() != 1) {
            return here;
        }
        return here.stream().filter(a -> !(a.alone() && a.task().id == a.task().root)).toList();
    }

    /** The finding for the accesses of one location, or null when a lock is common to them or no race is possible. */
    private Diagnostic check(List<Access> here) {
        Set<Integer> tasks = new HashSet<>();
        boolean many = false;
        boolean write = false;
        BitSet common = null;
        for (Access a : here) {
            tasks.add(a.task().id);
            many |= a.task().capacity > 1;
            write |= a.write();
            if (common == null) {
                common = (BitSet) a.locks().clone();
            } else {
                common.and(a.locks());
            }
        }
        if (!write || (tasks.size() < 2 && !many) || common == null || !common.isEmpty()) {
            return null;
        }
        Access first = null;
        for (Access a : here) {
            if (a.locks().isEmpty() && (first == null || Held.POSITION.compare(a.span(), first.span()) < 0)) {
                first = a;
            }
        }
        if (first == null) {
            first = here.get(0);
        }
        // one related place per statement: what the tasks do there
        Map<Span, List<String>> places = new LinkedHashMap<>();
        List<String> who = new ArrayList<>();
        for (Access a : here) {
            if (!who.contains(a.task().name)) {
                who.add(a.task().name);
            }
            List<String> what = places.computeIfAbsent(a.span(), k -> new ArrayList<>());
            String one = (a.write() ? "written" : "read") + " by " + a.task().name
                    + (a.locks().isEmpty() ? " with no lock held" : "");
            if (!what.contains(one)) {
                what.add(one);
            }
        }
        List<Related> related = new ArrayList<>();
        for (Map.Entry<Span, List<String>> p : places.entrySet()) {
            if (related.size() == MAX_RELATED) {
                break;
            }
            List<String> what = new ArrayList<>(p.getValue());
            if (p.getKey().equals(first.span())) {
                what.remove((first.write() ? "written" : "read") + " by " + first.task().name + " with no lock held");
                if (what.isEmpty()) {
                    continue;
                }
            }
            related.add(new Related(p.getKey(), String.join("; ", what)));
        }
        String name = first.name();
        return new Diagnostic(Code.NO_COMMON_LOCK, Code.NO_COMMON_LOCK.severity(), "`" + name + "` is used by "
                + String.join(", ", who) + (who.size() == 1 ? " (more than one of it)" : "") + ", written by at least one,"
                + " and no lock is held at every plain access to it: two of them may race. Take one mutex around every"
                + " access, or use an atomic operation", first.span(), related, "");
    }
}
