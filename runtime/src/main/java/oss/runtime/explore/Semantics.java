package oss.runtime.explore;

import static oss.runtime.explore.Instr.*;
import static oss.runtime.explore.Model.*;

import oss.ir.diag.Code;
import oss.ir.program.Op;
import oss.ir.program.Span;

/**
 * What one step of one task does to a state, for every visible
 * instruction. The rules follow the run's kernel, with one difference that
 * only widens what is explored: a lock is taken by whoever steps while it
 * is free, instead of being handed to the longest waiter. Every schedule the
 * kernel can take is therefore among the explored ones, and a step the
 * explorer takes never blocks when replayed (replayed tasks never queue).
 */
final class Semantics {
    /** Where misuse seen during a step goes. */
    interface Sink {
        void misuse(Code code, Span at, String message);

        void unsafe(Span at, String message);

        /**
         * A signal lost on this step (merged, or discarded as ignored): OSS2803, once per
         * {@code key} (the same loss reached from different statements is one finding).
         */
        void signalLost(Span at, String key, String message);
    }

    /** Thrown when a step would create more tasks than the explorer holds. */
    static final class TaskLimit extends RuntimeException {
        TaskLimit() {
            super(null, null, false, false);
        }
    }

    /** Local statements a task may run between two steps before its loop counts as one that never ends. */
    static final int SETTLE_BUDGET = 1_000_000;
    /** Instr lists the resting places first: any kind from here on is control that settle moves over. */
    private static final int FIRST_CONTROL = REP_INIT.ordinal();

    private final Model m;
    private final FlatCode[] codes;
    final DataSteps data;
    final PipeSteps pipes;
    final EpollSteps epoll;
    final AioSteps aio;

    Semantics(Model m) {
        this.m = m;
        this.codes = m.codes;
        this.data = new DataSteps(m);
        this.pipes = new PipeSteps(m, this);
        this.epoll = new EpollSteps(m, pipes, m.epollInstances, m.epollBase);
        this.aio = new AioSteps(m, pipes, m.aioOps.size(), m.aioBase);
        this.epoll.aio = aio;
        if (m.signals != null) {
            m.signals.bind(this);
        }
    }

    static boolean alive(int[] s, int b) {
        return s[b + PC] >= ALIVE;
    }

    int pc(int[] s, int t) {
        return s[m.base(t) + PC] - ALIVE;
    }

    FlatCode code(int[] s, int t) {
        return codes[s[m.base(t) + CODE]];
    }

    /**
     * Moves the task's pc over loop and jump instructions, and runs its local data work (private
     * assignments, asserts, branches, while loops), up to the next visible one. A failed assert,
     * a data fault or a loop that reaches no step within {@link #SETTLE_BUDGET} local statements
     * throws {@link DataSteps.PathCut}: that path ends there.
     */
    void settle(int[] s, int t) {
        int[] entry = null;
        int b = m.base(t);
        FlatCode c = codes[s[b + CODE]];
        int pc = s[b + PC] - ALIVE;
        int budget = SETTLE_BUDGET;
        while (true) {
            Instr k = c.kind[pc];
            if (k.ordinal() < FIRST_CONTROL) {
                break; // a resting place: the common case, one comparison
            }
            switch (k) {
                case REP_INIT -> {
                    s[b + CNT + (c.handler ? m.signals.counterOffset(s, b) : 0) + c.a[pc]] = c.b[pc];
                    pc++;
                }
                case REP_END -> {
                    int at = b + CNT + (c.handler ? m.signals.counterOffset(s, b) : 0) + c.a[pc];
                    if (--s[at] > 0) {
                        pc = c.target[pc];
                    } else {
                        s[at] = 0;
                        pc++;
                    }
                }
                case JUMP -> pc = c.target[pc];
                case ASSIGN -> {
                    data.assign(s, t, (Op.Assign) c.op[pc]);
                    pc++;
                }
                case IF_NOT -> pc = data.eval(s, t, ((Op.If) c.op[pc]).condition(), c.span[pc]) != 0 ? pc + 1 : c.target[pc];
                case ASSERT -> {
                    Op.Assert op = (Op.Assert) c.op[pc];
                    if (data.eval(s, t, op.condition(), op.span()) == 0) {
                        s[b + PC] = pc + ALIVE;
                        throw DataSteps.assertion(op);
                    }
                    pc++;
                }
                case LOOP_BACK -> {
                    if (budget == SETTLE_BUDGET - 1000) {
                        // local work reads only the task's own record: the same record at the same
                        // loop ends the same way, so a loop once found endless is known at once
                        // (checked after a thousand rounds, so a loop that ends soon pays nothing)
                        entry = java.util.Arrays.copyOfRange(s, b, b + m.record);
                        entry[PC] = pc;
                        if (endless.contains(new Entry(entry))) {
                            throw endlessLoop(c, pc);
                        }
                    }
                    if (--budget < 0) {
                        endless.add(new Entry(entry));
                        throw endlessLoop(c, pc);
                    }
                    pc = c.target[pc];
                }
                case SIGRETURN -> {
                    pc = m.signals.sigreturn(s, t);
                    c = codes[s[b + CODE]];
                }
                default -> throw new IllegalStateException(k + " is a resting place");
            }
        }
        if (m.deadSlots != null) {
            int[] dead = m.deadSlots[c.id][pc];
            if (dead != null) {
                for (int slot : dead) {
                    s[b + m.slotBase + slot] = 0; // nobody reads it again: keep states that differ only there one
                }
            }
        }
        s[b + PC] = pc + ALIVE;
    }

    /** Task records (pc set to the loop's back edge) from which local work was found to loop for ever. */
    private final java.util.Set<Entry> endless = new java.util.HashSet<>();

    private record Entry(int[] record) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && java.util.Arrays.equals(record, e.record);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(record);
        }
    }

    private static DataSteps.PathCut endlessLoop(FlatCode c, int pc) {
        return new DataSteps.PathCut(Code.ENDLESS_LOOP, c.span[pc], "this loop runs on without a step another task"
                + " could see (" + SETTLE_BUDGET + " local statements): it never ends");
    }

    void advance(int[] s, int t) {
        s[m.base(t) + PC]++;
        settle(s, t);
    }

    /**
     * How many different steps the task can take now: 0 when blocked or not alive. Under tso and
     * relaxed the steps of its instruction come first, then one flush step per buffered store
     * that may be committed now.
     */
    int choices(int[] s, int t) {
        return ownChoices(s, t) + (m.devices && t == deliveryHost(s) ? pipes.pendingDeliveries(s) : 0);
    }

    /** The task's steps without the devices' deliveries it hosts. */
    private int ownChoices(int[] s, int t) {
        if (!m.buffered) {
            return stepChoices(s, t);
        }
        return alive(s, m.base(t)) ? stepChoices(s, t) + data.flushChoices(s, t) : 0;
    }

    /**
     * The task whose extra steps are the devices' deliveries: the first one alive (none when every
     * task has ended: an arrival after the last exit changes nothing, as in the run). A delivery is
     * no task's step; it is filed under one so that the search, which steps tasks, takes it, and
     * the schedule names it by its device (Explorer.step).
     */
    int deliveryHost(int[] s) {
        for (int t = 0; t < s[0]; t++) {
            if (alive(s, m.base(t))) {
                return t;
            }
        }
        return -1;
    }

    /** The device whose delivery branch {@code branch} of task {@code t} is, or -1 for the task's own step. */
    int deliveryOf(int[] s, int t, int branch) {
        if (!m.devices || t != deliveryHost(s)) {
            return -1;
        }
        int own = ownChoices(s, t);
        return branch < own ? -1 : pipes.pendingDevice(s, branch - own);
    }

    /** How many ways the task can take its next instruction now (flushes not counted). */
    int stepChoices(int[] s, int t) {
        int b = m.base(t);
        if (m.buffered && s[b + m.bufCount] > 0 && alive(s, b)
                && Model.fullBarrier(codes[s[b + CODE]], s[b + PC] - ALIVE)) {
            return 0; // a full barrier waits until the store buffer is empty
        }
        return instrChoices(s, t);
    }

    private int instrChoices(int[] s, int t) {
        return m.signals != null ? m.signals.choices(s, t) : plainChoices(s, t);
    }

    /** How many ways the task's instruction can be taken now, its signals aside. */
    int plainChoices(int[] s, int t) {
        int b = m.base(t);
        if (!alive(s, b) || s[b + PHASE] == PH_VFORK) {
            return 0;
        }
        FlatCode c = codes[s[b + CODE]];
        int pc = s[b + PC] - ALIVE;
        int a = c.a[pc];
        return switch (c.kind[pc]) {
            case LOCK -> s[m.mutexBase + a] == 0 ? 1 : 0;
            case SPIN_LOCK -> s[m.spinBase + a] == 0 ? 1 : 0;
            case P -> s[m.semBase + a] > 0 ? 1 : 0;
            case READ_LOCK -> s[m.rwWriterBase + a] == 0 && !(m.writerPreferring[a] && writerWaiting(s, a)) ? 1 : 0;
            case WRITE_LOCK -> {
                boolean free = s[m.rwWriterBase + a] == 0 && s[m.rwReadersBase + a] == 0;
                yield free || m.writerPreferring[a] && s[b + PHASE] == 0 ? 1 : 0;
            }
            case SEQW_BEGIN -> s[m.seqWriterBase + a] == 0 ? 1 : 0;
            case SEQR_BEGIN -> (s[m.seqValBase + a] & 1) == 0 ? 1 : 0;
            case COND_WAIT -> {
                int ph = s[b + PHASE];
                yield ph == PH_WAITING || ph == PH_WOKEN && s[m.mutexBase + c.b[pc]] != 0 ? 0 : 1;
            }
            case BARRIER -> s[b + PHASE] == PH_WAITING ? 0 : 1; // arriving, or leaving once released
            case SEMOP -> semopApplies(s, a, (Op.SemOp) c.op[pc]) ? 1 : 0;
            case MSG -> m.queues.choices(s, t, c, pc);
            case EPOLL -> epoll.enabled(s, t, c, pc) ? 1 : 0;
            case REQUEST -> refused(s, t, (Op.Request) c.op[pc]) || grantable(s, t, ((Op.Request) c.op[pc]).amounts()) ? 1 : 0;
            case WAIT_CHILD -> {
                int child = childIn(s, t, c.a[pc]);
                yield child < 0 || s[m.base(child) + PC] == ZOMBIE ? 1 : 0;
            }
            case WAIT_ANY -> waitAnyReturns(s, t) ? 1 : 0;
            case CHOOSE -> c.branches[pc].length;
            case LOAD -> data.loadChoices(s, t, (Op.Load) c.op[pc]);
            case STORE -> data.storeFits(s, t) ? 1 : 0;
            case AWAIT -> data.awaitHolds(s, t, (Op.Await) c.op[pc]) ? 1 : 0;
            case RMW, ATOMIC, FENCE -> 1;
            case FD_PIPE, FD_MKFIFO, FD_OPEN, FD_READ, FD_WRITE, FD_CLOSE, FD_LSEEK, FD_DUP, FD_DUP2, FD_PATH, FD_FSTAT, FD_FSYNC ->
                    m.files.owns(s, t, c, pc) || pipes.enabled(s, t, c, pc) ? 1 : 0; // a file call never waits
            case UNLOCK, TRYLOCK, V, CLAIM, RELEASE, FORK, EXIT, VFORK, EXEC, THREAD, SPIN_UNLOCK, READ_UNLOCK,
                    WRITE_UNLOCK, SEQW_END, SEQR_END, SIGNAL, BROADCAST, END, SIG -> 1;
            case REP_INIT, REP_END, JUMP, ASSIGN, ASSERT, IF_NOT, LOOP_BACK, SIGRETURN -> throw notARestingPlace(c.kind[pc]);
        };
    }

    /** wait() returns at once: a zombie child to reap, or no child at all (ECHILD). */
    private boolean waitAnyReturns(int[] s, int t) {
        int self = t + 1;
        boolean any = false;
        for (int u = 0; u < s[0]; u++) {
            int ub = m.base(u);
            if (s[ub + PARENT] == self && s[ub + PC] != DEAD) {
                if (s[ub + PC] == ZOMBIE) {
                    return true;
                }
                any = true;
            }
        }
        return !any;
    }

    private static IllegalStateException notARestingPlace(Instr kind) {
        return new IllegalStateException("a task's program counter rests on " + kind + ", which settle() moves over");
    }

    /** The task index a wait on {@code slot} refers to, or -1 when it is not a live or zombie child (ECHILD). */
    private int childIn(int[] s, int t, int slot) {
        int pid = slot >= 0 ? s[m.base(t) + m.slotBase + slot] : 0;
        int child = pid - 2;
        if (child < 0 || child >= s[0]) {
            return -1;
        }
        int cb = m.base(child);
        return s[cb + PARENT] == t + 1 && s[cb + PC] != DEAD ? child : -1;
    }

    boolean writerWaiting(int[] s, int rw) {
        for (int u = 0; u < s[0]; u++) {
            int ub = m.base(u);
            if (alive(s, ub) && s[ub + PHASE] == PH_WAITING) {
                FlatCode c = codes[s[ub + CODE]];
                int pc = s[ub + PC] - ALIVE;
                if (c.kind[pc] == WRITE_LOCK && c.a[pc] == rw) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean semopApplies(int[] s, int set, Op.SemOp op) {
        int base = m.semsetOffset[set];
        for (int i = 0; i < op.index().length; i++) {
            int v = s[base + op.index()[i]];
            int d = op.delta()[i];
            if (d == 0 ? v != 0 : v + d < 0) {
                return false;
            }
        }
        return true;
    }

    int available(int[] s, int r) {
        int free = m.total[r];
        for (int u = 0; u < s[0]; u++) {
            free -= s[m.base(u) + m.allocBase + r];
        }
        return free;
    }

    /** A request the kernel refuses outright (above the claim, or without one under avoidance): it returns at once. */
    private boolean refused(int[] s, int t, Op.Request r) {
        int b = m.base(t);
        boolean claimed = hasClaim(s, b);
        if (!claimed) {
            return m.avoid;
        }
        for (int i = 0; i < r.amounts().length; i++) {
            if (s[b + m.allocBase + i] + r.amounts()[i] > s[b + m.claimBase + i] - 1) {
                return true;
            }
        }
        return false;
    }

    private boolean hasClaim(int[] s, int b) {
        for (int i = 0; i < m.resources; i++) {
            if (s[b + m.claimBase + i] != 0) {
                return true;
            }
        }
        return false;
    }

    private boolean grantable(int[] s, int t, int[] amounts) {
        for (int r = 0; r < amounts.length; r++) {
            if (amounts[r] > available(s, r)) {
                return false;
            }
        }
        if (!m.avoid) {
            return true;
        }
        int b = m.base(t);
        for (int r = 0; r < amounts.length; r++) {
            s[b + m.allocBase + r] += amounts[r];
        }
        boolean safe = safe(s);
        for (int r = 0; r < amounts.length; r++) {
            s[b + m.allocBase + r] -= amounts[r];
        }
        return safe;
    }

    /** The banker's safety test over every live task with a claim. */
    boolean safe(int[] s) {
        int n = s[0];
        int[] work = new int[m.resources];
        for (int r = 0; r < m.resources; r++) {
            work[r] = available(s, r);
        }
        boolean[] done = new boolean[n];
        int left = 0;
        for (int u = 0; u < n; u++) {
            int ub = m.base(u);
            done[u] = !alive(s, ub) || !hasClaim(s, ub);
            left += done[u] ? 0 : 1;
        }
        boolean progress = true;
        while (left > 0 && progress) {
            progress = false;
            for (int u = 0; u < n; u++) {
                if (done[u]) {
                    continue;
                }
                int ub = m.base(u);
                boolean fits = true;
                for (int r = 0; r < m.resources && fits; r++) {
                    fits = s[ub + m.claimBase + r] - 1 - s[ub + m.allocBase + r] <= work[r];
                }
                if (fits) {
                    for (int r = 0; r < m.resources; r++) {
                        work[r] += s[ub + m.allocBase + r];
                    }
                    done[u] = true;
                    left--;
                    progress = true;
                }
            }
        }
        return left == 0;
    }

    /**
     * Task {@code t} takes step {@code branch} (0 unless it chooses, or reads an older value, or
     * flushes: see {@link #choices}); the state is changed in place.
     */
    void apply(int[] s, int t, int branch, Sink sink) {
        int device = deliveryOf(s, t, branch);
        if (device >= 0) {
            pipes.deliver(s, device);
            return;
        }
        if (m.buffered) {
            int steps = stepChoices(s, t);
            if (branch >= steps) {
                data.flush(s, t, data.flushEntry(s, t, branch - steps));
                if (m.relaxed) {
                    data.normalize(s);
                }
                return;
            }
        }
        if (m.signals != null) {
            m.signals.sink = sink;
            if (!m.signals.step(s, t, branch)) {
                applyStep(s, t, branch, sink);
            }
            m.signals.woken(s);
        } else {
            applyStep(s, t, branch, sink);
        }
        if (m.relaxed) {
            data.normalize(s);
        }
    }

    private void applyStep(int[] s, int t, int branch, Sink sink) {
        int b = m.base(t);
        int self = t + 1;
        FlatCode c = codes[s[b + CODE]];
        int pc = s[b + PC] - ALIVE;
        int a = c.a[pc];
        Span at = c.span[pc];
        if (m.relaxed && Model.fullBarrier(c, pc)) {
            data.seeAll(s, t);
        }
        // true: the task moves on to the next instruction; false: the case has placed the program
        // counter itself, or the task stays where it is (it waits, or it has exited)
        boolean next = switch (c.kind[pc]) {
            case LOCK -> {
                s[m.mutexBase + a] = self;
                yield true;
            }
            case UNLOCK -> {
                unlock(s, m.mutexBase + a, self, sink, at, t, 0, a);
                yield true;
            }
            case TRYLOCK -> {
                if (s[m.mutexBase + a] == 0) {
                    s[m.mutexBase + a] = self;
                    yield true;
                }
                s[b + PC] = c.target[pc] + ALIVE;
                settle(s, t);
                yield false;
            }
            case P -> {
                s[m.semBase + a]--;
                yield true;
            }
            case V -> {
                s[m.semBase + a]++;
                yield true;
            }
            case SPIN_LOCK -> {
                s[m.spinBase + a] = self;
                yield true;
            }
            case SPIN_UNLOCK -> {
                unlock(s, m.spinBase + a, self, sink, at, t, 1, a);
                yield true;
            }
            case READ_LOCK -> {
                s[m.rwReadersBase + a] |= 1 << t;
                yield true;
            }
            case READ_UNLOCK -> {
                int bit = 1 << t;
                if ((s[m.rwReadersBase + a] & bit) == 0) {
                    sink.misuse(Code.UNLOCK_BY_NON_OWNER, at, m.taskName(s, t) + " read-unlocks "
                            + m.program.sync().rwlocks().get(a).name() + " without holding it for reading");
                }
                s[m.rwReadersBase + a] &= ~bit;
                yield true;
            }
            case WRITE_LOCK -> {
                if (s[m.rwWriterBase + a] == 0 && s[m.rwReadersBase + a] == 0) {
                    s[m.rwWriterBase + a] = self;
                    s[b + PHASE] = 0;
                    yield true;
                }
                s[b + PHASE] = PH_WAITING; // a writer announces itself and waits
                yield false;
            }
            case WRITE_UNLOCK -> {
                unlock(s, m.rwWriterBase + a, self, sink, at, t, 2, a);
                yield true;
            }
            case SEQW_BEGIN -> {
                s[m.seqWriterBase + a] = self;
                s[m.seqValBase + a]++;
                yield true;
            }
            case SEQW_END -> {
                s[m.seqValBase + a]++;
                s[m.seqWriterBase + a] = 0;
                yield true;
            }
            case SEQR_BEGIN -> {
                s[b + AUX] = s[m.seqValBase + a];
                yield true;
            }
            case SEQR_END -> {
                boolean changed = s[m.seqValBase + a] != s[b + AUX];
                s[b + AUX] = 0;
                if (changed) {
                    s[b + PC] = c.target[pc] + ALIVE;
                }
                yield !changed;
            }
            case COND_WAIT -> condWait(s, t, c, pc, sink);
            case SIGNAL, BROADCAST -> {
                wake(s, a, c.kind[pc] == BROADCAST);
                yield true;
            }
            case BARRIER -> barrier(s, t, a);
            case SEMOP -> {
                Op.SemOp op = (Op.SemOp) c.op[pc];
                int base = m.semsetOffset[a];
                for (int i = 0; i < op.index().length; i++) {
                    s[base + op.index()[i]] += op.delta()[i];
                }
                yield true;
            }
            case MSG -> {
                m.queues.apply(s, t, c, pc, data);
                yield true;
            }
            case EPOLL -> {
                epoll.apply(s, t, c, pc);
                yield true;
            }
            case CHOOSE -> {
                s[b + PC] = c.branches[pc][branch] + ALIVE;
                settle(s, t);
                yield false;
            }
            case CLAIM -> {
                int[] max = ((Op.Claim) c.op[pc]).max();
                for (int r = 0; r < max.length; r++) {
                    s[b + m.claimBase + r] = max[r] + 1;
                }
                yield true;
            }
            case REQUEST -> {
                request(s, t, (Op.Request) c.op[pc], sink);
                yield true;
            }
            case RELEASE -> {
                int[] amounts = ((Op.Release) c.op[pc]).amounts();
                boolean more = false;
                for (int r = 0; r < amounts.length; r++) {
                    int held = s[b + m.allocBase + r];
                    more |= amounts[r] > held;
                    s[b + m.allocBase + r] = held - Math.min(held, amounts[r]);
                }
                if (more) {
                    sink.misuse(Code.RELEASE_NOT_HELD_RUN, at, m.taskName(s, t) + " releases more instances than it holds");
                }
                yield true;
            }
            case FORK, THREAD, VFORK -> {
                spawn(s, t, c, pc);
                yield true;
            }
            case WAIT_CHILD -> {
                int child = childIn(s, t, a);
                if (child >= 0) {
                    s[m.base(child) + PC] = DEAD;
                }
                yield true;
            }
            case WAIT_ANY -> {
                for (int u = 0; u < s[0]; u++) {
                    int ub = m.base(u);
                    if (s[ub + PARENT] == self && s[ub + PC] == ZOMBIE) {
                        s[ub + PC] = DEAD;
                        break;
                    }
                }
                yield true;
            }
            case EXEC -> {
                releaseVforkParent(s, t);
                if (m.signals != null) {
                    m.signals.exec(s, t);
                }
                advance(s, t); // before de_thread, which may hand this position to the group leader
                if (m.hasThreads) {
                    deThread(s, t);
                }
                yield false;
            }
            case EXIT, END -> {
                exit(s, t, true);
                yield false;
            }
            case LOAD -> {
                data.load(s, t, (Op.Load) c.op[pc], branch);
                yield true;
            }
            case STORE -> {
                data.store(s, t, c, pc);
                yield true;
            }
            case RMW, ATOMIC -> {
                data.atomic(s, t, c.op[pc]);
                yield true;
            }
            case AWAIT -> {
                data.await(s, t, (Op.Await) c.op[pc]);
                yield true;
            }
            case FENCE -> {
                data.fence(s, t, Op.FenceKind.values()[a]);
                yield true;
            }
            case FD_PIPE, FD_MKFIFO, FD_OPEN, FD_READ, FD_WRITE, FD_CLOSE, FD_LSEEK, FD_DUP, FD_DUP2, FD_PATH, FD_FSTAT, FD_FSYNC ->
                    m.files.owns(s, t, c, pc) ? m.files.apply(s, t, c, pc, pipes) : pipes.apply(s, t, c, pc);
            case SIG -> throw new IllegalStateException("a signal call is SignalSteps' step");
            case REP_INIT, REP_END, JUMP, ASSIGN, ASSERT, IF_NOT, LOOP_BACK, SIGRETURN -> throw notARestingPlace(c.kind[pc]);
        };
        if (next) {
            advance(s, t);
        }
    }

    private void unlock(int[] s, int at, int self, Sink sink, Span span, int t, int kind, int index) {
        if (s[at] != self) {
            String name = switch (kind) {
                case 0 -> m.program.mutexes().get(index).name();
                case 1 -> m.program.sync().spinlocks().get(index).name();
                default -> m.program.sync().rwlocks().get(index).name();
            };
            sink.misuse(Code.UNLOCK_BY_NON_OWNER, span, m.taskName(s, t) + " unlocks " + name + ", but "
                    + (s[at] == 0 ? "it is not locked" : "it is held by " + m.taskName(s, s[at] - 1))
                    + "; only the owner may unlock it");
            return;
        }
        s[at] = 0;
    }

    /** True when the task moves on: it was signalled and re-takes its mutex. */
    private boolean condWait(int[] s, int t, FlatCode c, int pc, Sink sink) {
        int b = m.base(t);
        int mutex = m.mutexBase + c.b[pc];
        if (s[b + PHASE] == PH_WOKEN) {
            s[mutex] = t + 1;
            s[b + PHASE] = 0;
            return true;
        }
        if (s[mutex] != t + 1) {
            sink.misuse(Code.UNLOCK_BY_NON_OWNER, c.span[pc], m.taskName(s, t) + " calls cond_wait without holding "
                    + m.program.mutexes().get(c.b[pc]).name() + "; cond_wait must be called with its mutex locked");
        } else {
            s[mutex] = 0;
        }
        int queued = 0;
        for (int u = 0; u < s[0]; u++) {
            if (waitsOn(s, u, COND_WAIT, c.a[pc])) {
                queued++;
            }
        }
        s[b + PHASE] = PH_WAITING;
        s[b + AUX] = queued + 1;
        return false;
    }

    /** Is task {@code u} asleep (phase waiting) at an instruction of kind {@code kind} on object {@code obj}? */
    boolean waitsOn(int[] s, int u, Instr kind, int obj) {
        return waitingAt(s, u, kind, obj) >= 0;
    }

    /**
     * Where task {@code u} waits at an instruction of kind {@code kind} on {@code obj}: the index
     * of its phase field (AUX follows at the same distance as in a record), or -1. A task running
     * a signal handler still waits in the cond_wait or barrier it was interrupted in (the C
     * library keeps its place): that wait's phase is in the handler's frame (SignalSteps).
     */
    private int waitingAt(int[] s, int u, Instr kind, int obj) {
        int ub = m.base(u);
        if (!alive(s, ub)) {
            return -1;
        }
        if (s[ub + PHASE] == PH_WAITING) {
            FlatCode c = codes[s[ub + CODE]];
            int pc = s[ub + PC] - ALIVE;
            if (c.kind[pc] == kind && c.a[pc] == obj) {
                return ub + PHASE;
            }
        }
        return m.signals == null ? -1 : m.signals.frameWaitingAt(s, u, kind, obj);
    }

    /** The AUX field that goes with the phase field at {@code phase} (a record's, or a frame's). */
    private int auxOf(int[] s, int phase) {
        return m.signals != null && m.signals.isFramePhase(phase) ? phase - SignalSteps.F_PHASE + SignalSteps.F_AUX
                : phase - PHASE + AUX;
    }

    private void wake(int[] s, int cond, boolean all) {
        for (int u = 0; u < s[0]; u++) {
            int ph = waitingAt(s, u, COND_WAIT, cond);
            if (ph >= 0) {
                int aux = auxOf(s, ph);
                if (all || s[aux] == 1) {
                    s[ph] = PH_WOKEN;
                    s[aux] = 0;
                } else {
                    s[aux]--;
                }
            }
        }
    }

    /**
     * A barrier arrival: the last one releases the others and goes on; an
     * earlier one waits. A released waiter leaves with a step of its own, as
     * a signalled cond_wait re-takes its mutex, so both engines count a
     * waiting barrier as two steps. True when the task moves on.
     */
    private boolean barrier(int[] s, int t, int bar) {
        int b = m.base(t);
        if (s[b + PHASE] == PH_WOKEN) {
            s[b + PHASE] = 0;
            return true;
        }
        int arrived = 1;
        for (int u = 0; u < s[0]; u++) {
            if (waitsOn(s, u, BARRIER, bar)) {
                arrived++;
            }
        }
        if (arrived < m.program.sync().barriers().get(bar).parties()) {
            s[m.base(t) + PHASE] = PH_WAITING;
            return false;
        }
        for (int u = 0; u < s[0]; u++) {
            int ph = waitingAt(s, u, BARRIER, bar);
            if (ph >= 0) {
                s[ph] = PH_WOKEN;
            }
        }
        return true;
    }

    private void request(int[] s, int t, Op.Request r, Sink sink) {
        int b = m.base(t);
        if (!refused(s, t, r)) {
            int[] amounts = r.amounts();
            for (int i = 0; i < amounts.length; i++) {
                s[b + m.allocBase + i] += amounts[i];
            }
            if (!m.avoid && !safe(s)) {
                sink.unsafe(r.span(), "granting " + m.taskName(s, t) + "'s request leaves an unsafe state:"
                        + " no order lets every process finish its claim");
            }
        }
    }

    private void spawn(int[] s, int t, FlatCode c, int pc) {
        int n = s[0];
        if (n >= m.maxTasks) {
            throw new TaskLimit();
        }
        int b = m.base(t);
        int cb = m.base(n);
        java.util.Arrays.fill(s, cb, cb + m.record, 0);
        s[0] = n + 1;
        s[cb + CODE] = c.a[pc];
        s[cb + PARENT] = t + 1;
        if (c.kind[pc] == THREAD) {
            s[cb + GROUP] = s[b + GROUP] == 0 ? t + 1 : s[b + GROUP];
        }
        System.arraycopy(s, b + m.slotBase, s, cb + m.slotBase, m.slots);
        pipes.spawned(s, t, n, c.kind[pc] == THREAD);
        m.files.spawned(s, t, n, c.kind[pc] == THREAD);
        if (m.signals != null) {
            m.signals.spawned(s, t, n);
        }
        for (int w = 0; w < m.seenWords; w++) {
            s[cb + m.seenBase + w] = -1; // the fork was a full barrier: the parent has seen everything
        }
        s[cb + PC] = ALIVE;
        settle(s, n);
        int slot = c.b[pc];
        if (slot >= 0) {
            s[b + m.slotBase + slot] = n + 2;
        }
        if (c.kind[pc] == VFORK) {
            s[b + PHASE] = PH_VFORK;
            s[b + AUX] = n + 1;
        }
    }

    private void releaseVforkParent(int[] s, int t) {
        for (int u = 0; u < s[0]; u++) {
            int ub = m.base(u);
            if (alive(s, ub) && s[ub + PHASE] == PH_VFORK && s[ub + AUX] == t + 1) {
                s[ub + PHASE] = 0;
                s[ub + AUX] = 0;
            }
        }
    }

    /**
     * exec's de_thread(), as a run does it: every other thread of the group
     * ends, and an exec'ing thread that is not the leader hands its place in
     * the new program (code, position, loop counters, locals) to the leader,
     * whose PID it takes over, and ends.
     */
    private void deThread(int[] s, int t) {
        int b = m.base(t);
        int leader = s[b + GROUP] == 0 ? t : s[b + GROUP] - 1;
        for (int u = 0; u < s[0]; u++) {
            int ub = m.base(u);
            if (u != t && u != leader && s[ub + GROUP] == leader + 1 && alive(s, ub)) {
                exit(s, u, false);
                s[ub + PC] = DEAD;
            }
        }
        int lb = m.base(leader);
        if (leader == t || !alive(s, lb)) {
            return;
        }
        data.drain(s, leader);
        s[lb + CODE] = s[b + CODE];
        s[lb + PC] = s[b + PC];
        s[lb + PHASE] = 0;
        s[lb + AUX] = 0;
        System.arraycopy(s, b + CNT, s, lb + CNT, m.depth);
        System.arraycopy(s, b + m.slotBase, s, lb + m.slotBase, m.slots);
        exit(s, t, false);
        s[b + PC] = DEAD;
    }

    /**
     * The task ends: its resources go back, spinlocks, rwlocks and seqlocks
     * it holds are released (mutexes stay locked, as in a run), children go
     * to init, and a group leader takes its threads with it (exit_group).
     */
    void exit(int[] s, int t, boolean group) {
        int b = m.base(t);
        int self = t + 1;
        if (m.buffered) {
            data.drain(s, t); // a thread killed with stores in its buffer: its CPU still drains them
        }
        for (int r = 0; r < m.resources; r++) {
            s[b + m.allocBase + r] = 0;
            s[b + m.claimBase + r] = 0;
        }
        for (int i = 0; i < m.spins; i++) {
            if (s[m.spinBase + i] == self) {
                s[m.spinBase + i] = 0;
            }
        }
        for (int i = 0; i < m.rws; i++) {
            if (s[m.rwWriterBase + i] == self) {
                s[m.rwWriterBase + i] = 0;
            }
            s[m.rwReadersBase + i] &= ~(1 << t);
        }
        for (int i = 0; i < m.seqs; i++) {
            if (s[m.seqWriterBase + i] == self) {
                s[m.seqWriterBase + i] = 0;
                s[m.seqValBase + i]++;
            }
        }
        releaseVforkParent(s, t);
        pipes.exited(s, t);
        m.files.exited(s, t);
        s[b + PHASE] = 0;
        s[b + AUX] = 0;
        for (int d = 0; d < m.depth; d++) {
            s[b + CNT + d] = 0;
        }
        s[b + PC] = s[b + PARENT] == 0 ? DEAD : ZOMBIE;
        if (m.signals != null) {
            m.signals.exited(s, t, s[b + PARENT] - 1, s[b + GROUP] == 0);
        }
        for (int u = 0; u < s[0]; u++) {
            int ub = m.base(u);
            if (s[ub + PARENT] == self) {
                s[ub + PARENT] = 0;
                if (s[ub + PC] == ZOMBIE) {
                    s[ub + PC] = DEAD;
                }
            }
        }
        if (group && m.hasThreads && s[b + GROUP] == 0) {
            for (int u = 0; u < s[0]; u++) {
                int ub = m.base(u);
                if (s[ub + GROUP] == self && alive(s, ub)) {
                    exit(s, u, false);
                    s[ub + PC] = DEAD; // threads of an exiting group are never waited for
                }
            }
        }
    }
}
