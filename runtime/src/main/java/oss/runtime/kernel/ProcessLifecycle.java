package oss.runtime.kernel;

import java.util.ArrayList;
import java.util.List;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.SchedPolicy;
import oss.ir.program.Span;
import oss.runtime.hw.Event;
import oss.runtime.kernel.locking.Mutex;
import oss.runtime.kernel.mm.KernelOutOfMemory;
import oss.runtime.kernel.mm.MemoryManager;
import oss.runtime.kernel.sched.SchedEntity;
import oss.runtime.kernel.sched.Wake;
import oss.runtime.observe.TaskState;

/**
 * The life of a process, as Linux's kernel/fork.c, kernel/exit.c and fs/exec.c tell it: fork
 * (copy_process), vfork, clone and threads; exec with de_thread; exit and exit_group; wait and
 * reaping; and reparenting orphans to init. The core {@link Kernel} owns the CPUs and the queues;
 * this class decides what a task's birth and death do to them.
 */
final class ProcessLifecycle {
    private final Kernel k;

    /** The fork statements that have failed for want of a pid, each reported once. */
    private Span lastNoPid;
    private final java.util.Set<Span> noPidAt = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    final List<Span> forkedAt = new ArrayList<>();
    final List<String> finishOrder = new ArrayList<>();

    ProcessLifecycle(Kernel k) {
        this.k = k;
    }

    /**
     * Boot: init (pid 1), which sleeps reaping orphans, then every declared process as init's
     * child in declaration order, each arriving at its {@code arrives} time. With the memory model
     * each gets the address space a shell's fork and exec would give it; a machine too small for
     * that makes the process end as it arrives, saying why.
     */
    void boot(Program program) {
        k.tasks.add(null);
        forkedAt.add(Span.NONE);
        Task init = newTask(0, "init", false, 0, SchedPolicy.NORMAL, 0, ProcessDef.DEFAULT_TICKETS, List.of(), 0);
        init.state = TaskState.SLEEPING;
        init.blockedOn = "children to exit (init reaps orphans)";
        String noInit = null;
        if (k.mm != null) {
            try {
                k.mm.createInit(init.pid);
            } catch (KernelOutOfMemory e) {
                noInit = e.object(); // a machine too small to hold even init: no process can be created
            }
        }
        for (ProcessDef p : program.processes()) {
            Task t = newTask(1, p.name(), false, p.nice(), p.policy(), p.rtPriority(), p.tickets(), p.body(), p.slots());
            t.exitedAt = p.span();
            if (k.mm != null && noInit != null) {
                t.cannotStart = noInit + " (the machine's memory does not even hold init's)";
            } else if (k.mm != null) {
                try {
                    k.mm.createProcess(t.pid, p.frames(), p.name());
                } catch (KernelOutOfMemory e) {
                    t.cannotStart = e.object(); // its shell's fork failed: it ends as it arrives
                }
            }
            k.events.schedule(Math.max(0, p.arrivesNs()), Event.Kind.ARRIVAL, t.pid, 0);
        }
    }

    // ---- the system calls

    boolean fork(Task t, Op.Fork f) {
        copyProcess(t, f);
        t.next();
        return true;
    }

    /** vfork: the parent sleeps until the child execs or exits (they share one address space and stack). */
    boolean vfork(Task t, Op.VFork v) {
        Task child = spawn(t, v.slot(), v.body(), v.span(), true);
        t.next();
        if (child == null) {
            return true;
        }
        child.vforkChild = true;
        k.block(t, Task.Blocker.VFORK, child.pid, v.span(), "its vfork child " + child + " to exec or exit");
        return false;
    }

    boolean thread(Task t, Op.Thread th) {
        Task thread = spawn(t, th.slot(), th.body(), th.span(), true, true);
        if (thread != null) {
            thread.tgid = t.tgid; // CLONE_THREAD: same thread group, ended by the group's exit
            thread.dataHome = t.dataHome; // its process's variables live in the group leader's slots
            k.tasks.get(t.tgid).threadsCreated++;
        }
        t.next();
        return true;
    }

    boolean clone(Task t, Op.Clone c) {
        spawn(t, c.slot(), c.body(), c.span(), c.vm(), c.files());
        t.next();
        return true;
    }

    boolean exec(Task t, Op.Exec x) {
        releaseVforkParent(t);
        Task runner = deThread(t, x);
        if (k.mm != null) {
            try {
                k.mm.exec(runner.pid, x.program());
            } catch (KernelOutOfMemory e) {
                // past exec's point of no return the old image is gone: the task can only be killed
                k.findings.add(Code.OUT_OF_MEMORY, x.span(), runner + ": exec found no frame for " + e.object()
                        + " of the new image (every frame holds a kernel object or a page that cannot be"
                        + " evicted); the process is killed (SIGKILL)");
                runner.signal = "SIGKILL";
                runner.signalAt = x.span();
                runner.exitedAt = x.span();
                if (runner == t) {
                    doExit(t, 128 + 9);
                } else {
                    stopWherever(runner); // the leader, now the group's only task: a zombie for its parent
                    finishExit(runner, 128 + 9);
                }
                return false;
            }
        }
        runner.replaceBody(x.body());
        if (runner.sig != null) {
            runner.sig.exec();
        }
        runner.dataHome = runner.pid; // a new program: its variables are its own
        runner.comm = x.program().substring(x.program().lastIndexOf('/') + 1);
        return runner == t;
    }

    boolean exit(Task t, Op.Exit e) {
        t.exitedAt = e.span();
        doExit(t, e.status());
        return false;
    }

    boolean join(Task t, Op.Join j) {
        return waitChild(t, new Op.WaitChild(j.slot(), j.span()));
    }

    // ---- how

    /**
     * A task that shares (thread, vfork, clone with vm) or copies (clone
     * without vm) the caller's address space; a child of the caller either way.
     */
    /** A child or thread of {@code parent}; null when the kernel has no memory for it (the call fails with ENOMEM). */
    private Task spawn(Task parent, int slot, List<Op> body, Span span, boolean shareVm) {
        return spawn(parent, slot, body, span, shareVm, false);
    }

    /** {@code shareFiles}: one descriptor table for both (threads, CLONE_FILES); a copy otherwise. */
    private Task spawn(Task parent, int slot, List<Op> body, Span span, boolean shareVm, boolean shareFiles) {
        if (!pidLeft(parent, slot, span) || !kernelObjectsForChild(parent, slot, span, shareVm)) {
            return null;
        }
        SchedEntity p = parent.se;
        Task child = newTask(parent.pid, parent.process, true, p.nice, p.policy, p.rtPriority, p.tickets, body,
                parent.slots.length);
        System.arraycopy(parent.slots, 0, child.slots, 0, parent.slots.length);
        child.sig = parent.sig == null ? null : parent.sig.forChild();
        k.fds.forked(parent, child, shareFiles);
        forkedAt.set(child.pid, span);
        child.exitedAt = span;
        if (k.data != null) {
            k.data.forked(parent, child);
        }
        if (slot >= 0) {
            parent.slots[slot] = child.pid;
        }
        if (k.mm != null && !shareVm) {
            k.memory.forked(parent.pid, child.pid);
        }
        child.arrivalNs = k.now();
        k.sched.attach(child);
        k.sched.makeRunnable(child, Wake.NEW);
        return child;
    }

    void releaseVforkParent(Task child) {
        if (!child.vforkChild) {
            return;
        }
        child.vforkChild = false;
        Task parent = k.tasks.get(child.ppid);
        if (parent.blocker == Task.Blocker.VFORK && parent.blockerIndex == child.pid) {
            k.wake(parent);
        }
    }

    /**
     * The memory side of a new task, made before the task itself under the
     * pid it will get: its address space (a copy, or the parent's shared) and
     * its task_struct. When the kernel finds no frame for them, fork (or
     * clone) fails with ENOMEM: no child, the parent goes on, and its
     * variable holds no child, so a `wait` of it returns ECHILD.
     */
    private boolean kernelObjectsForChild(Task parent, int slot, Span span, boolean shareVm) {
        if (k.mm == null) {
            return true;
        }
        int childPid = k.tasks.size();
        try {
            if (shareVm) {
                k.mm.shareAddressSpace(parent.pid, childPid);
            } else {
                k.mm.fork(parent.pid, childPid);
            }
            return true;
        } catch (KernelOutOfMemory e) {
            k.findings.add(Code.SYSCALL_ENOMEM, span, parent + ": fork fails with ENOMEM: the kernel found no frame for "
                    + e.object() + " (every frame holds a kernel object or a page that cannot be evicted); no child"
                    + " is created and the parent goes on");
            if (slot >= 0) {
                parent.slots[slot] = 0;
            }
            return false;
        }
    }

    /**
     * Whether a new task can get a pid. Linux's fork fails with EAGAIN when pid_max (32,768 by default)
     * pids are in use; oss never reuses a pid, so at most {@link Kernel#PID_MAX} tasks are created in one
     * run. That bounds a fork bomb's memory long before the JVM's: the call fails, the parent goes
     * on, and its variable holds no child.
     */
    private boolean pidLeft(Task parent, int slot, Span span) {
        if (k.tasks.size() < Kernel.PID_MAX) {
            return true;
        }
        if (slot >= 0) {
            parent.slots[slot] = 0;
        }
        if (span == lastNoPid || !noPidAt.add(span)) {
            return false; // said once per statement; a bomb's loop fails here millions of times
        }
        lastNoPid = span;
        k.findings.add(Code.NO_PID_LEFT, span, parent + ": fork fails with EAGAIN: all " + Kernel.PID_MAX + " pids (pid_max)"
                + " have been used in this run; no child is created and the parent goes on. A fork inside a"
                + " loop that never ends, or nested loops of forks (a fork bomb), look like this");
        return false;
    }

    private void copyProcess(Task parent, Op.Fork f) {
        if (!pidLeft(parent, f.slot(), f.span()) || !kernelObjectsForChild(parent, f.slot(), f.span(), false)) {
            return;
        }
        SchedEntity p = parent.se;
        Task child = newTask(parent.pid, parent.process, true, p.nice, p.policy, p.rtPriority, p.tickets, f.body(),
                parent.slots.length);
        System.arraycopy(parent.slots, 0, child.slots, 0, parent.slots.length);
        child.sig = parent.sig == null ? null : parent.sig.forChild();
        k.fds.forked(parent, child, false);
        forkedAt.set(child.pid, f.span());
        child.exitedAt = f.span();
        if (k.data != null) {
            k.data.forked(parent, child);
        }
        if (f.slot() >= 0) {
            parent.slots[f.slot()] = child.pid;
        }
        long shared = 0;
        if (k.mm != null) {
            k.memory.forked(parent.pid, child.pid);
            shared = k.mm.addressSpace(child.pid).resident.size();
        }
        k.facts.record(f.span(), parent, k.now(), "fork", "fork() returned " + child.pid + " to " + parent + "; the child"
                + " starts runnable", k.mm == null ? List.of()
                        : List.of(shared + " private page(s) now shared copy-on-write; shared-memory and file"
                                + " pages are not copied: the child faults them in from the page cache"));
        child.arrivalNs = k.now();
        k.sched.attach(child);
        k.sched.makeRunnable(child, Wake.NEW);
    }

    boolean waitChild(Task t, Op.WaitChild w) {
        int pid = w.slot() >= 0 ? (int) t.slots[w.slot()] : 0;
        if (pid <= 0 || !t.children.contains(pid)) {
            k.findings.add(Code.WAIT_NO_CHILD, w.span(), t + " waits for a child that is not (or no longer) its own;"
                    + " wait returns at once with ECHILD");
            t.next();
            return true;
        }
        Task child = k.tasks.get(pid);
        if (child.state == TaskState.ZOMBIE) {
            reap(t, child);
            t.next();
            return true;
        }
        k.block(t, Task.Blocker.CHILD, pid, w.span(), "child " + child + " to exit");
        return false;
    }

    boolean waitAny(Task t, Op.WaitAny w) {
        if (t.children.isEmpty()) {
            k.findings.add(Code.WAIT_NO_CHILD, w.span(), t + " calls wait with no children; wait returns at once with ECHILD");
            t.next();
            return true;
        }
        for (int pid : t.children) {
            Task child = k.tasks.get(pid);
            if (child.state == TaskState.ZOMBIE) {
                reap(t, child);
                t.next();
                return true;
            }
        }
        k.block(t, Task.Blocker.ANY_CHILD, -1, w.span(), "any child to exit");
        return false;
    }

    private void reap(Task parent, Task child) {
        if (k.data != null) {
            k.data.reaped(parent, child);
        }
        child.state = TaskState.DEAD;
        parent.children.remove(Integer.valueOf(child.pid));
    }

    /**
     * The running {@code t} exits. A process's main task exiting is
     * exit_group(): every thread of the group ends with it, wherever it is
     * (C's exit() and returning from main do this); a thread ending its body
     * ends only itself.
     */
    void doExit(Task t, int status) {
        k.sched.leaveCpu(k.cpus[t.cpu], t, status >= 128 ? "killed (exit status " + status + ")" : "exited");
        if (t.tgid == t.pid && t.threadsCreated > 0) {
            for (int pid = 2; pid < k.tasks.size(); pid++) {
                Task thread = k.tasks.get(pid);
                if (thread != t && thread.tgid == t.pid && thread.alive()) {
                    stopWherever(thread);
                    thread.exitedAt = t.exitedAt;
                    finishExit(thread, status);
                    if (thread.state == TaskState.ZOMBIE) {
                        reap(k.tasks.get(thread.ppid), thread); // threads of an exiting group are never waited for
                    }
                }
            }
        }
        finishExit(t, status);
    }

    /**
     * exec's de_thread(): every other thread of the process ends first (Linux
     * sends them SIGKILL and waits), so the new program starts with one
     * thread. A thread that is not the group leader takes over the leader's
     * PID, so the process keeps its PID, its parent and its children; oss
     * shows that by running the new program in the leader's task and ending
     * the exec'ing thread's. Returns the task that runs the new program.
     */
    private Task deThread(Task t, Op.Exec x) {
        Task leader = k.tasks.get(t.tgid);
        boolean threads = false;
        for (int pid = 2; leader.threadsCreated > 0 && pid < k.tasks.size(); pid++) {
            Task other = k.tasks.get(pid);
            if (other != t && other.tgid == t.tgid && other.alive()) {
                threads = true;
                if (other != leader) {
                    endThread(other, x.span(), "killed: " + t + " called exec (de_thread)");
                }
            }
        }
        if (!threads || leader == t) {
            return t;
        }
        if (leader.cpu >= 0) {
            k.stopSpinning(leader);
            k.sched.preempt(k.cpus[leader.cpu], t + " called exec: the process goes on here with the new program (de_thread)");
        } else if (leader.state == TaskState.SLEEPING || leader.state == TaskState.DISK_SLEEP) {
            stopWherever(leader);
            k.wake(leader);
        }
        k.facts.record(x.span(), t, k.now(), "exec", t + " calls exec in a process with other threads: they end, and the"
                + " new program goes on as " + leader + ", whose PID the exec'ing thread takes over (de_thread)",
                List.of());
        k.sched.leaveCpu(k.cpus[t.cpu], t, "exec: the new program goes on as " + leader + " (de_thread)");
        t.exitedAt = x.span();
        finishExit(t, 0);
        if (t.state == TaskState.ZOMBIE) {
            reap(k.tasks.get(t.ppid), t); // a thread is never waited for
        }
        return leader;
    }

    /** Ends a thread that is not running here: zap_other_threads' SIGKILL. */
    private void endThread(Task thread, Span at, String why) {
        if (thread.cpu >= 0) {
            k.sched.leaveCpu(k.cpus[thread.cpu], thread, why);
        }
        stopWherever(thread);
        thread.exitedAt = at;
        thread.signal = "SIGKILL";
        thread.signalAt = at;
        finishExit(thread, 128 + 9);
        if (thread.state == TaskState.ZOMBIE) {
            reap(k.tasks.get(thread.ppid), thread);
        }
    }

    /** Takes a task that is not running out of whatever queue it waits in, so it can be ended. */
    void stopWherever(Task t) {
        if (t.cpu >= 0) {
            k.sched.leaveCpu(k.cpus[t.cpu], t, "ended with its thread group (exit_group)");
        }
        k.stopSpinning(t);
        switch (t.blocker) {
            case MUTEX -> k.mutexes[t.blockerIndex].waiters.remove(t.pid);
            case SEMAPHORE -> k.semaphores[t.blockerIndex].waiters.remove(t.pid);
            case RESOURCE -> k.resourceCalls.forget(t.pid);
            case SEMSET -> k.semsets.forget(t);
            case MSGSND, MSGRCV, MQ_SEND, MQ_RECEIVE -> k.msgs.forget(t);
            default -> k.locking.forget(t);
        }
        t.blocker = Task.Blocker.NONE;
        t.blockedAt = null;
        t.blockedOn = null;
    }

    /** Everything exit does once the task holds no CPU and sits in no queue but the scheduler's. */
    void finishExit(Task t, int status) {
        if (k.data != null) {
            k.data.exited(t);
        }
        k.endWait(t);
        k.sched.classOf(t).detach(t.se, k.now());
        t.state = TaskState.ZOMBIE;
        t.finishNs = k.now();
        t.exitStatus = status;
        t.inCompute = false;
        if (!t.forked) {
            finishOrder.add(t.process);
        }
        for (Mutex m : k.mutexes) {
            if (m.owner == t.pid) {
                k.findings.add(new Diagnostic(Code.EXIT_HOLDING_LOCK, Code.EXIT_HOLDING_LOCK.severity(),
                        t + " exits still holding " + m.name + "; nobody can unlock it now, so its waiters sleep forever",
                        t.exitedAt, List.of(new Related(m.lockedAt, "locked here")), ""));
            }
        }
        k.locking.exited(t);
        k.resourceCalls.exited(t);
        k.fds.exited(t);
        releaseVforkParent(t);
        if (k.mm != null) {
            MemoryManager.TaskCounters c = k.mm.exit(t.pid);
            reportLeaks(t, c);
        }
        Task init = k.tasks.get(1);
        for (int pid : t.children) {
            Task orphan = k.tasks.get(pid);
            orphan.ppid = 1;
            if (orphan.state == TaskState.ZOMBIE) {
                orphan.state = TaskState.DEAD;
            } else {
                init.children.add(pid);
            }
        }
        t.children.clear();
        Task parent = k.tasks.get(t.ppid);
        if (parent.pid == 1) {
            reap(parent, t);
        } else if (parent.blocker == Task.Blocker.ANY_CHILD
                || (parent.blocker == Task.Blocker.CHILD && parent.blockerIndex == t.pid)) {
            reap(parent, t);
            parent.next();
            k.wake(parent);
        } else if (oss.runtime.kernel.signal.SignalCalls.autoReap(parent)) {
            reap(parent, t); // SIGCHLD ignored: the child is never a zombie
        }
        if (parent.pid != 1 && t.tgid == t.pid) {
            k.sendSignal(parent, oss.ir.program.Signal.SIGCHLD, t.exitedAt);
        }
    }

    private void reportLeaks(Task t, MemoryManager.TaskCounters c) {
        if (c == null || c.leaks.isEmpty()) {
            return;
        }
        java.util.Map<Span, long[]> bySite = new java.util.LinkedHashMap<>();
        for (var b : c.leaks) {
            long[] sum = bySite.computeIfAbsent(k.memory.siteOf(t.pid, b.address(), t.exitedAt), k -> new long[2]);
            sum[0]++;
            sum[1] += b.size();
        }
        for (var e : bySite.entrySet()) {
            k.findings.add(Code.LEAK, e.getKey(), t + " exited with " + e.getValue()[1] + " bytes in " + e.getValue()[0]
                    + " block(s) allocated here and never freed (definitely lost)");
        }
    }

    Task newTask(int ppid, String process, boolean forked, int nice, SchedPolicy policy, int rtPriority,
            int tickets, List<Op> body, int slots) {
        int pid = k.tasks.size();
        Task[] self = new Task[1];
        SchedEntity se = new SchedEntity(pid, process, nice, policy, rtPriority, tickets, () -> self[0].remainingBurst());
        self[0] = new Task(pid, ppid, process, forked, se, body, new long[Math.max(0, slots)]);
        k.tasks.add(self[0]);
        forkedAt.add(Span.NONE);
        if (ppid > 0) {
            k.tasks.get(ppid).children.add(pid);
        }
        return self[0];
    }

    /**
     * Issue 14, contract: until kernel.signal delivers signals (handlers, masks, ignoring), a
     * signal the kernel sends does its default action: terminate or dump core; the rest are
     * ignored here. False when the target ended.
     */
    boolean defaultAction(Task target, oss.ir.program.Signal sig, Span at) {
        var action = sig.defaultAction();
        if (action != oss.ir.program.Signal.Action.TERM && action != oss.ir.program.Signal.Action.CORE) {
            return true;
        }
        target.signal = sig.name();
        target.signalAt = at;
        target.exitedAt = at;
        target.opProgress = 0;
        doExit(target, 128 + sig.number());
        return false;
    }
}
