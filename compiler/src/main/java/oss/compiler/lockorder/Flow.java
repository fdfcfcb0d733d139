package oss.compiler.lockorder;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.program.Op;
import oss.ir.program.Span;

/**
 * The lockset walk over the bodies of one program: may- and must-held locks
 * flow through the statements of each task; an acquisition adds edges to the
 * {@link LockGraph}; misuse that one task can see on its own is reported on
 * the way (held at exit, self-deadlock, sleeping under a spinlock, unlock of
 * a spinlock or rwlock that is not held).
 *
 * <p>Branches ({@code choose}, the two sides of {@code trylock}) join; a
 * {@code repeat} body is walked for its first pass, then for every later
 * pass from the join of what the passes before it leave (a fixed point),
 * so a lock carried around the loop is seen by the next pass. Only the final
 * walks report, so nothing is reported twice for one pass. A child (fork,
 * vfork, thread, clone) is another task that starts holding nothing;
 * {@code exec} keeps the task and what it holds, and nothing after it runs.
 */
final class Flow {
    private final Locks locks;
    private final LockGraph graph;
    private final Reports reports;
    private final List<Task> tasks = new ArrayList<>();
    /**
     * What a loop leaves, by loop and entry state, for the walks that do not
     * report (they depend on nothing else): nested loops whose bodies change
     * the lockset would otherwise be walked again for every pass outside them.
     */
    private final Map<Object, Map<Held, Optional<Held>>> quiet = new IdentityHashMap<>();

    /** The plain accesses to variables others can see, with the locks held at each, for Eraser's check. */
    private final Lockset lockset;
    /** Per enclosing {@code while} loop, the states at its {@code break}s in the walk now being done. */
    private final java.util.Deque<List<Held>> exits = new java.util.ArrayDeque<>();

    Flow(Locks locks, LockGraph graph, Reports reports) {
        this(locks, graph, reports, new Lockset());
    }

    Flow(Locks locks, LockGraph graph, Reports reports, Lockset lockset) {
        this.lockset = lockset;
        this.locks = locks;
        this.graph = graph;
        this.reports = reports;
    }

    int taskCount() {
        return tasks.size();
    }

    /** How many tasks there can be at once. */
    long capacity() {
        long sum = 0;
        for (Task t : tasks) {
            sum += t.capacity;
        }
        return sum;
    }

    /** Walks one task's body from an empty lockset; {@code end} is where its body ends, for messages. */
    void task(String name, int capacity, List<Op> body, Span end) {
        task(name, capacity, -1, body, end);
    }

    /** {@code group}: the thread group the task shares memory with, -1 for a group of its own. */
    private void task(String name, int capacity, int group, List<Op> body, Span end) {
        task(name, capacity, group, -1, body, end);
    }

    /** {@code root}: the declared process the task descends from, -1 for a declared process itself. */
    private void task(String name, int capacity, int group, int root, List<Op> body, Span end) {
        int id = tasks.size();
        Task t = new Task(id, name, capacity, group < 0 ? id : group, root < 0 ? id : root);
        tasks.add(t);
        Held out = walk(t, body, Held.empty(locks), true, 1);
        if (out != null) {
            atExit(t, out, end, "when its body ends");
        }
    }

    /** The state after {@code ops} from {@code in} (not changed); null when no path gets past them. */
    private Held walk(Task t, List<Op> ops, Held in, boolean report, int mult) {
        if (in == null) {
            return null;
        }
        Step step = new Step(t, in.copy(), report, mult);
        for (Op op : ops) {
            oss.ir.Deadline.check();
            step.s = op.accept(step);
            if (step.s == null) {
                return null;
            }
        }
        return step.s;
    }

    /**
     * One statement of one walk: each method may change and return {@code s}, or return another
     * state, or null when no path gets past the statement. A visitor, so a new op cannot be left
     * out of the lock-order analysis.
     */
    private final class Step implements Op.Visitor<Held> {
        private final Task t;
        private final boolean report;
        private final int mult;
        private Held s;

        Step(Task t, Held s, boolean report, int mult) {
            this.t = t;
            this.s = s;
            this.report = report;
            this.mult = mult;
        }

        private Held blocks(Op op, String what) {
            blocking(t, s, op, what, report);
            return s;
        }

        private Held walk(List<Op> body, Held in) {
            return Flow.this.walk(t, body, in, report, mult);
        }

        private Held child(Op op, String kind, List<Op> body) {
            Flow.this.child(t, op, kind, body, report, mult);
            return s;
        }

        @Override
        public Held visitLock(Op.Lock op) {
            int id = locks.mutex(op.mutex());
            if (id >= 0) {
                blocking(t, s, op, "lock " + locks.name(id), report);
                exclusive(t, s, id, "lock", op.span(), report);
            }
            return s;
        }

        @Override
        public Held visitUnlock(Op.Unlock op) {
            int id = locks.mutex(op.mutex());
            if (id >= 0) {
                // an unlock of a mutex not held is StaticFlow's OSS1301
                s.releaseExclusive(id);
            }
            return s;
        }

        @Override
        public Held visitTryLock(Op.TryLock op) {
            int id = locks.mutex(op.mutex());
            if (id < 0) {
                return Held.merge(walk(op.onSuccess(), s), walk(op.onFailure(), s));
            }
            // a trylock never waits, so it orders nothing; it fails on a mutex its task holds
            Held success = null;
            if (!s.mustW.get(id)) {
                success = s.copy();
                success.acquire(id, op.span());
            }
            return Held.merge(walk(op.onSuccess(), success), walk(op.onFailure(), s));
        }

        @Override
        public Held visitSpinLock(Op.SpinLock op) {
            int id = locks.spin(op.lock());
            if (id >= 0) {
                exclusive(t, s, id, "spin_lock", op.span(), report);
            }
            return s;
        }

        @Override
        public Held visitSpinUnlock(Op.SpinUnlock op) {
            int id = locks.spin(op.lock());
            if (id >= 0) {
                s.releaseExclusive(id);
            }
            return s;
        }

        @Override
        public Held visitWriteLock(Op.WriteLock op) {
            int id = locks.rw(op.rwlock());
            if (id >= 0) {
                blocking(t, s, op, "write_lock " + locks.name(id), report);
                exclusive(t, s, id, "write_lock", op.span(), report);
            }
            return s;
        }

        @Override
        public Held visitWriteUnlock(Op.WriteUnlock op) {
            int id = locks.rw(op.rwlock());
            if (id >= 0) {
                s.releaseExclusive(id);
            }
            return s;
        }

        @Override
        public Held visitReadLock(Op.ReadLock op) {
            int id = locks.rw(op.rwlock());
            if (id >= 0) {
                blocking(t, s, op, "read_lock " + locks.name(id), report);
                if (report && s.mustW.get(id)) {
                    selfDeadlock(t, s, id, "read_lock", op.span(), " for writing");
                }
                edges(t, s, id, op.span(), true, report);
                s.acquireRead(id, op.span());
            }
            return s;
        }

        @Override
        public Held visitReadUnlock(Op.ReadUnlock op) {
            int id = locks.rw(op.rwlock());
            if (id >= 0) {
                s.releaseRead(id);
            }
            return s;
        }

        @Override
        public Held visitSeqWrite(Op.SeqWrite op) {
            int id = locks.seq(op.seqlock());
            if (id < 0) {
                return walk(op.body(), s);
            }
            blocking(t, s, op, "seq_write " + locks.name(id), report);
            exclusive(t, s, id, "seq_write", op.span(), report);
            Held after = walk(op.body(), s);
            if (after != null) {
                after.releaseExclusive(id);
            }
            return after;
        }

        @Override
        public Held visitSeqRead(Op.SeqRead op) {
            // a reader takes no lock; its body runs once, and again after each retry
            return loop(t, op, Long.MAX_VALUE, op.body(), s, report, mult);
        }

        @Override
        public Held visitCondWait(Op.CondWait op) {
            int id = locks.mutex(op.mutex());
            blocking(t, s, op, "cond_wait", report);
            if (id >= 0) {
                // released while asleep, taken again on wake-up while everything else is still held
                s.releaseExclusive(id);
                edges(t, s, id, op.span(), false, report);
                s.reacquire(id, op.span());
            }
            return s;
        }

        @Override
        public Held visitRepeat(Op.Repeat op) {
            return loop(t, op, op.count(), op.body(), s, report, mult);
        }

        @Override
        public Held visitChoose(Op.Choose op) {
            if (op.branches().isEmpty()) {
                return s;
            }
            Held joined = null;
            boolean any = false;
            for (List<Op> branch : op.branches()) {
                Held out = walk(branch, s);
                joined = any ? Held.merge(joined, out) : out;
                any = true;
            }
            return joined;
        }

        @Override
        public Held visitAssign(Op.Assign op) {
            return s;
        }

        @Override
        public Held visitLoad(Op.Load op) {
            if (report) {
                lockset.access(t, op.source(), false, s, op.span(), s.children == 0);
            }
            return s;
        }

        @Override
        public Held visitStore(Op.Store op) {
            if (report) {
                lockset.access(t, op.target(), true, s, op.span(), s.children == 0);
            }
            handWrite(op, op.target());
            return s;
        }

        @Override
        public Held visitRmw(Op.Rmw op) {
            // atomic: it needs no lock, and orders nothing here; but it may take or release a spinlock made by hand
            if (!HandLock.mayTake(op)) {
                handWrite(op, op.target());
            }
            return s;
        }

        /**
         * A write of a cell that may be a spinlock made by hand: its holder's release ({@code l = 0},
         * {@code xchg(l, 0)}) lets it go; any other write shows it is no lock.
         */
        private void handWrite(Op op, oss.ir.program.Cell target) {
            if (!HandLock.lockCell(target)) {
                return;
            }
            int hand = lockset.hand(target);
            if (report && !(HandLock.releases(op) && s.mustHand.get(hand))) {
                lockset.notAHandLock(hand);
            }
            s.mustHand.clear(hand);
        }

        @Override
        public Held visitAtomic(Op.Atomic op) {
            // one step that takes no lock and cannot wait; its accesses need no lock, so none is recorded
            return s;
        }

        @Override
        public Held visitIf(Op.If op) {
            return Held.merge(walk(op.then(), s), walk(op.otherwise(), s));
        }

        @Override
        public Held visitLoop(Op.Loop op) {
            return whileLoop(op.body(), s);
        }

        @Override
        public Held visitBreak(Op.Break op) {
            if (!exits.isEmpty()) {
                exits.peek().add(s.copy());
            }
            return null;
        }

        @Override
        public Held visitAssert(Op.Assert op) {
            return s;
        }

        @Override
        public Held visitAwait(Op.Await op) {
            // a busy wait: it spins rather than sleeps, so it is no sleep under a spinlock
            return s;
        }

        @Override
        public Held visitFence(Op.Fence op) {
            return s;
        }

        @Override
        public Held visitFork(Op.Fork op) {
            return child(op, "child", op.body()).startedOne();
        }

        @Override
        public Held visitVFork(Op.VFork op) {
            child(op, "vfork child", op.body());
            return blocks(op, "vfork").startedOne();
        }

        @Override
        public Held visitThread(Op.Thread op) {
            return child(op, "thread", op.body()).startedOne();
        }

        @Override
        public Held visitClone(Op.Clone op) {
            return child(op, "clone", op.body()).startedOne();
        }

        @Override
        public Held visitExec(Op.Exec op) {
            Held after = walk(op.body(), s);
            if (after != null && report) {
                atExit(t, after, op.span(), "when the program it execs ends");
            }
            return null;
        }

        @Override
        public Held visitExit(Op.Exit op) {
            if (report) {
                atExit(t, s, op.span(), "at this exit");
            }
            return null;
        }

        @Override
        public Held visitSleep(Op.Sleep op) {
            return blocks(op, "sleep");
        }

        @Override
        public Held visitFd(Op.Fd op) {
            return oss.ir.program.Calls.mayBlock(op) ? blocks(op, oss.ir.program.Calls.name(op)) : s;
        }

        @Override
        public Held visitIpc(Op.Ipc op) {
            return oss.ir.program.Calls.mayBlock(op) ? blocks(op, oss.ir.program.Calls.name(op)) : s;
        }

        /** A handler runs when a signal arrives, not here: its locks are the handler's flow (issue 14: signals). */
        @Override
        public Held visitSig(Op.Sig op) {
            return oss.ir.program.Calls.mayBlock(op) ? blocks(op, oss.ir.program.Calls.name(op)) : s;
        }

        @Override
        public Held visitIoModel(Op.IoModel op) {
            return oss.ir.program.Calls.mayBlock(op) ? blocks(op, oss.ir.program.Calls.name(op)) : s;
        }

        @Override
        public Held visitIo(Op.Io op) {
            return blocks(op, "io");
        }

        @Override
        public Held visitSemWait(Op.SemWait op) {
            Held after = blocks(op, "wait");
            after.mustSem.set(op.sem());
            return after;
        }

        @Override
        public Held visitBarrierWait(Op.BarrierWait op) {
            return blocks(op, "barrier");
        }

        @Override
        public Held visitSemOp(Op.SemOp op) {
            boolean mayBlock = false;
            for (int d : op.delta()) {
                mayBlock |= d <= 0;
            }
            return mayBlock ? blocks(op, "semop") : s;
        }

        @Override
        public Held visitRequest(Op.Request op) {
            return blocks(op, "request");
        }

        @Override
        public Held visitWaitChild(Op.WaitChild op) {
            return blocks(op, "wait").reapedOne();
        }

        @Override
        public Held visitWaitAny(Op.WaitAny op) {
            return blocks(op, "wait").reapedOne();
        }

        @Override
        public Held visitJoin(Op.Join op) {
            return blocks(op, "join").reapedOne();
        }

        // ---- ops that neither take a lock nor sleep in a way the analysis follows

        @Override
        public Held visitCompute(Op.Compute op) {
            return s;
        }

        @Override
        public Held visitSemPost(Op.SemPost op) {
            if (report && !s.mustSem.get(op.sem())) {
                // posted by a task that did not take it first: a signal, not a lock
                lockset.notALock(op.sem());
            }
            s.mustSem.clear(op.sem());
            return s;
        }

        /**
         * A {@code while} loop: its body from the join of what the passes before leave (a fixed point), then
         * the join of the states at its {@code break}s; null when it has none (nothing after it runs).
         */
        private Held whileLoop(List<Op> body, Held in) {
            // a child started in a loop that may run many times is as many tasks
            int inner = (int) Math.min(LockOrder.MAX_CAPACITY, (long) mult * LockOrder.MAX_CAPACITY);
            Held entry = in;
            for (int guard = 0; guard < 64; guard++) {
                exits.push(new ArrayList<>());
                Held out;
                try {
                    out = Flow.this.walk(t, body, entry, false, inner);
                } finally {
                    exits.pop();
                }
                Held next = Held.merge(entry, out);
                if (next.equals(entry)) {
                    break;
                }
                entry = next;
            }
            List<Held> left = new ArrayList<>();
            exits.push(left);
            try {
                Flow.this.walk(t, body, entry, report, inner);
            } finally {
                exits.pop();
            }
            Held joined = null;
            for (Held h : left) {
                joined = joined == null ? h : Held.merge(joined, h);
            }
            oss.ir.program.Cell spin = HandLock.acquires(body);
            if (joined != null && spin != null) {
                joined.mustHand.set(lockset.hand(spin));
            }
            return joined;
        }

        @Override
        public Held visitClaim(Op.Claim op) {
            return s;
        }

        @Override
        public Held visitRelease(Op.Release op) {
            return s;
        }

        @Override
        public Held visitMmap(Op.Mmap op) {
            return s;
        }

        @Override
        public Held visitMunmap(Op.Munmap op) {
            return s;
        }

        @Override
        public Held visitMsync(Op.Msync op) {
            return s;
        }

        @Override
        public Held visitMalloc(Op.Malloc op) {
            return s;
        }

        @Override
        public Held visitFree(Op.Free op) {
            return s;
        }

        @Override
        public Held visitBrk(Op.Brk op) {
            return s;
        }

        @Override
        public Held visitMemAccess(Op.MemAccess op) {
            return s;
        }

        @Override
        public Held visitLibraryAccess(Op.LibraryAccess op) {
            return s;
        }

        @Override
        public Held visitPageRefs(Op.PageRefs op) {
            return s;
        }

        @Override
        public Held visitTouch(Op.Touch op) {
            return s;
        }

        @Override
        public Held visitSnapshot(Op.Snapshot op) {
            return s;
        }

        @Override
        public Held visitCondSignal(Op.CondSignal op) {
            return s;
        }

        @Override
        public Held visitCondBroadcast(Op.CondBroadcast op) {
            return s;
        }
    }

    /** mutex, spinlock, rwlock for writing, seqlock writer: waits, then holds it alone. */
    private void exclusive(Task t, Held s, int id, String verb, Span at, boolean report) {
        if (report && s.mustHold(id)) {
            selfDeadlock(t, s, id, verb, at, "");
        }
        edges(t, s, id, at, false, report);
        s.acquire(id, at);
    }

    private void edges(Task t, Held s, int to, Span at, boolean read, boolean report) {
        if (!report || s.isEmpty()) {
            return;
        }
        BitSet gates = (BitSet) s.mustW.clone();
        Site site = new Site(t, at, read, gates);
        for (int from : s.mayHeld()) {
            graph.add(from, to, site);
        }
    }

    /** The body of a repeat that runs {@code count} times. */
    private Held loop(Task t, Op op, long count, List<Op> body, Held in, boolean report, int mult) {
        if (count <= 0) {
            return in;
        }
        if (!report) {
            Map<Held, Optional<Held>> known = quiet.computeIfAbsent(op, k -> new HashMap<>());
            Optional<Held> out = known.get(in);
            if (out == null) {
                out = Optional.ofNullable(passes(t, count, body, in, false, mult));
                known.put(in.copy(), out);
            }
            return out.map(Held::copy).orElse(null);
        }
        return passes(t, count, body, in, true, mult);
    }

    private Held passes(Task t, long count, List<Op> body, Held in, boolean report, int mult) {
        // a child started in a loop that runs more than once is as many tasks
        int inner = count >= 2 ? (int) Math.min(LockOrder.MAX_CAPACITY, (long) mult * Math.min(count, LockOrder.MAX_CAPACITY))
                : mult;
        Held first = walk(t, body, in, report, inner);
        if (count == 1 || first == null || first.equals(in)) {
            // a pass that leaves the lockset as it found it: every later pass is the same
            return first;
        }
        // the later passes start from the join of what the passes before them leave
        Held entry = first;
        Held last = null;
        for (int guard = 0; guard < 64; guard++) {
            last = walk(t, body, entry, false, inner);
            Held next = Held.merge(entry, last);
            if (next.equals(entry)) {
                break;
            }
            entry = next;
        }
        return report ? walk(t, body, entry, true, inner) : last;
    }

    private void child(Task parent, Op op, String kind, List<Op> body, boolean report, int mult) {
        if (!report || !parent.started.add(op)) {
            return;
        }
        int capacity = (int) Math.min(LockOrder.MAX_CAPACITY, (long) parent.capacity * mult);
        // a thread (or a clone that shares the address space) sees its process's variables; a forked child a copy
        boolean shares = op instanceof Op.Thread || op instanceof Op.Clone c && c.vm();
        task(kind + " of " + parent.name + " at " + op.span(), capacity, shares ? parent.group : -1, parent.root, body,
                op.span());
    }

    // ---- reports ------------------------------------------------------------------------------------------

    private void blocking(Task t, Held s, Op op, String what, boolean report) {
        if (!report) {
            return;
        }
        List<Integer> spins = new ArrayList<>();
        boolean certain = true;
        for (int id : s.mayHeld()) {
            if (locks.isSpin(id) && s.mayW.get(id)) {
                spins.add(id);
                certain &= s.mustW.get(id);
            }
        }
        if (spins.isEmpty()) {
            return;
        }
        List<Related> related = new ArrayList<>();
        for (int id : spins) {
            for (Span at : s.takenAt(id)) {
                related.add(new Related(at, locks.name(id) + " taken here"));
            }
        }
        reports.add(new Diagnostic(Code.SLEEP_IN_SPINLOCK_STATIC, Code.SLEEP_IN_SPINLOCK_STATIC.severity(),
                "`" + what + "` can sleep while " + t.name + (certain ? " holds spinlock " : " may hold spinlock ")
                        + names(spins) + "; a spinlock holder must not sleep: other CPUs spin until it wakes up",
                op.span(), related, ""));
    }

    private void selfDeadlock(Task t, Held s, int id, String verb, Span at, String mode) {
        List<Related> related = new ArrayList<>();
        for (Span where : s.takenAt(id)) {
            related.add(new Related(where, locks.name(id) + " taken here"));
        }
        reports.add(new Diagnostic(Code.SELF_DEADLOCK, Code.SELF_DEADLOCK.severity(),
                "`" + verb + " " + locks.name(id) + "`: " + t.name + " already holds " + locks.name(id) + mode
                        + " here on every path, so it waits for itself forever",
                at, related, ""));
    }

    private void atExit(Task t, Held s, Span at, String when) {
        List<Integer> held = s.mayHeld();
        if (held.isEmpty()) {
            return;
        }
        boolean certain = true;
        List<String> names = new ArrayList<>();
        List<Related> related = new ArrayList<>();
        for (int id : held) {
            certain &= s.mustHold(id);
            boolean readOnly = !s.mayW.get(id);
            names.add(locks.name(id) + (readOnly ? " (for reading)" : ""));
            for (Span where : s.takenAt(id)) {
                related.add(new Related(where, locks.name(id) + " taken here"));
            }
        }
        reports.add(new Diagnostic(Code.HELD_AT_EXIT, Code.HELD_AT_EXIT.severity(),
                t.name + (certain ? " still holds " : " may still hold ") + String.join(", ", names) + " " + when
                        + "; nobody can take " + (held.size() == 1 ? "it" : "them") + " afterwards",
                at, related, ""));
    }

    private String names(List<Integer> ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            out.add(locks.name(id));
        }
        return String.join(", ", out);
    }
}
