package oss.runtime.kernel.data;

import oss.ir.program.Op;
import oss.runtime.kernel.Task;

/**
 * The happens-before edges a statement that is not a data op makes (docs/language.md, "Data
 * races"): which synchronisation object it releases before it runs and which it acquires once it
 * is done (at once, or at the wake-up when it sleeps). Process creation and reaping are the
 * lifecycle's ({@link DataCalls#forked}, {@link DataCalls#reaped}). Data ops make their own edges
 * in {@link DataCalls}; here they answer {@link #DATA}. A new kind of op must say, or this fails
 * to compile.
 */
final class SyncEdges implements Op.Visitor<Long> {
    /** The answer for a data op. */
    static final long DATA = Long.MIN_VALUE;
    static final int MUTEX = 1;
    static final int SEMAPHORE = 2;
    static final int SPINLOCK = 3;
    static final int RWLOCK = 4;
    static final int SEQLOCK = 5;
    static final int COND = 6;
    static final int BARRIER = 7;
    static final int SEMSET = 8;
    static final int RESOURCES = 9;
    static final int PIPE = 10;
    /** A System V queue by msqid and a POSIX queue by descriptor: a send happens before the receive of its message. */
    static final int MSGQ = 11;
    static final int MQUEUE = 12;
    /**
     * A kill releases the target's signal object, which the target acquires as it enters a handler
     * (DataCalls.signalled): by pid, or by process name for {@code kill worker SIGUSR1}.
     */
    static final int SIGNAL = 13, SIGNAL_BY_NAME = 14;

    private Task t;
    private long release;
    private long acquire;

    /** The edges of {@code op} executed by {@code task} in its present state (null: any); false for a data op. */
    boolean of(Task task, Op op) {
        this.t = task;
        return op.accept(this) != DATA;
    }

    /** The object released before the op runs, or -1. */
    long release() {
        return release;
    }

    /** The object acquired once the op is done, or -1. */
    long acquire() {
        return acquire;
    }

    /** A sync object's key: kind and index, kept apart from every cell's key. */
    static long sync(int kind, int index) {
        return (long) kind << 52 | (index & 0xffffffffL);
    }

    /** The sync object an atomic operation on cell {@code key} releases and acquires. */
    static long cell(long key) {
        return 1L << 61 | key;
    }

    private Long edges(long release, long acquire) {
        this.release = release;
        this.acquire = acquire;
        return 0L;
    }

    @Override
    public Long visitCompute(Op.Compute op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitSleep(Op.Sleep op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitIo(Op.Io op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitRepeat(Op.Repeat op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitLock(Op.Lock op) {
        return edges(-1, sync(MUTEX, op.mutex()));
    }

    @Override
    public Long visitUnlock(Op.Unlock op) {
        return edges(sync(MUTEX, op.mutex()), -1);
    }

    @Override
    public Long visitTryLock(Op.TryLock op) {
        return edges(-1, sync(MUTEX, op.mutex()));
    }

    @Override
    public Long visitSemWait(Op.SemWait op) {
        return edges(-1, sync(SEMAPHORE, op.sem()));
    }

    @Override
    public Long visitSemPost(Op.SemPost op) {
        return edges(sync(SEMAPHORE, op.sem()), -1);
    }

    @Override
    public Long visitClaim(Op.Claim op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitRequest(Op.Request op) {
        return edges(-1, sync(RESOURCES, 0));
    }

    @Override
    public Long visitRelease(Op.Release op) {
        return edges(sync(RESOURCES, 0), -1);
    }

    @Override
    public Long visitFork(Op.Fork op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitWaitChild(Op.WaitChild op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitWaitAny(Op.WaitAny op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitExit(Op.Exit op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitMmap(Op.Mmap op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitMunmap(Op.Munmap op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitMsync(Op.Msync op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitMalloc(Op.Malloc op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitFree(Op.Free op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitBrk(Op.Brk op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitMemAccess(Op.MemAccess op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitLibraryAccess(Op.LibraryAccess op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitPageRefs(Op.PageRefs op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitTouch(Op.Touch op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitSnapshot(Op.Snapshot op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitVFork(Op.VFork op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitClone(Op.Clone op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitExec(Op.Exec op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitThread(Op.Thread op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitJoin(Op.Join op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitSpinLock(Op.SpinLock op) {
        return edges(-1, sync(SPINLOCK, op.lock()));
    }

    @Override
    public Long visitSpinUnlock(Op.SpinUnlock op) {
        return edges(sync(SPINLOCK, op.lock()), -1);
    }

    @Override
    public Long visitReadLock(Op.ReadLock op) {
        return edges(-1, sync(RWLOCK, op.rwlock()));
    }

    @Override
    public Long visitReadUnlock(Op.ReadUnlock op) {
        return edges(sync(RWLOCK, op.rwlock()), -1);
    }

    @Override
    public Long visitWriteLock(Op.WriteLock op) {
        return edges(-1, sync(RWLOCK, op.rwlock()));
    }

    @Override
    public Long visitWriteUnlock(Op.WriteUnlock op) {
        return edges(sync(RWLOCK, op.rwlock()), -1);
    }

    @Override
    public Long visitSeqWrite(Op.SeqWrite op) {
        // the first half takes the writer slot, the second (its body done) lets it go
        return t != null && t.atBodyEnd() ? edges(sync(SEQLOCK, op.seqlock()), -1) : edges(-1, sync(SEQLOCK, op.seqlock()));
    }

    @Override
    public Long visitSeqRead(Op.SeqRead op) {
        return t != null && t.atBodyEnd() ? edges(-1, -1) : edges(-1, sync(SEQLOCK, op.seqlock()));
    }

    @Override
    public Long visitCondWait(Op.CondWait op) {
        // releasing the mutex and sleeping; after the wake-up (acquired from the signal), taking it back
        return t != null && t.condWaiting ? edges(-1, sync(MUTEX, op.mutex())) : edges(sync(MUTEX, op.mutex()), sync(COND, op.cond()));
    }

    @Override
    public Long visitCondSignal(Op.CondSignal op) {
        return edges(sync(COND, op.cond()), -1);
    }

    @Override
    public Long visitCondBroadcast(Op.CondBroadcast op) {
        return edges(sync(COND, op.cond()), -1);
    }

    @Override
    public Long visitBarrierWait(Op.BarrierWait op) {
        return edges(sync(BARRIER, op.barrier()), sync(BARRIER, op.barrier()));
    }

    @Override
    public Long visitSemOp(Op.SemOp op) {
        return edges(sync(SEMSET, op.set()), sync(SEMSET, op.set()));
    }

    @Override
    public Long visitChoose(Op.Choose op) {
        return edges(-1, -1);
    }

    @Override
    public Long visitAssign(Op.Assign op) {
        return DATA;
    }

    @Override
    public Long visitLoad(Op.Load op) {
        return DATA;
    }

    @Override
    public Long visitStore(Op.Store op) {
        return DATA;
    }

    @Override
    public Long visitRmw(Op.Rmw op) {
        return DATA;
    }

    @Override
    public Long visitAtomic(Op.Atomic op) {
        return DATA;
    }

    @Override
    public Long visitIf(Op.If op) {
        return DATA;
    }

    @Override
    public Long visitLoop(Op.Loop op) {
        return DATA;
    }

    @Override
    public Long visitBreak(Op.Break op) {
        return DATA;
    }

    @Override
    public Long visitAssert(Op.Assert op) {
        return DATA;
    }

    @Override
    public Long visitAwait(Op.Await op) {
        return DATA;
    }

    @Override
    public Long visitFence(Op.Fence op) {
        return DATA;
    }
    // issue 14, contract: each family says what its calls release and acquire (a pipe's write
    // before the read that returns its bytes, a msgsnd before its msgrcv, a kill before the handler)

    /** A write releases its pipe, a read acquires it: the write happens before the read that returns its bytes. */
    @Override
    public Long visitFd(Op.Fd op) {
        if (t == null) {
            return edges(-1, -1);
        }
        return op.call().accept(new oss.ir.program.FdOp.Visitor<Long>() {
            @Override
            public Long visitPipe(oss.ir.program.FdOp.Pipe c) {
                return edges(-1, -1);
            }

            @Override
            public Long visitMkfifo(oss.ir.program.FdOp.Mkfifo c) {
                return edges(-1, -1);
            }

            @Override
            public Long visitOpen(oss.ir.program.FdOp.Open c) {
                return edges(-1, -1);
            }

            @Override
            public Long visitRead(oss.ir.program.FdOp.Read c) {
                var p = oss.runtime.kernel.fs.FdCalls.pipeOf(t, c.slot(), c.end());
                return edges(-1, p == null ? -1 : sync(PIPE, p.id));
            }

            @Override
            public Long visitWrite(oss.ir.program.FdOp.Write c) {
                var p = oss.runtime.kernel.fs.FdCalls.sendPipeOf(t, c.slot(), c.end());
                return edges(p == null ? -1 : sync(PIPE, p.id), -1);
            }

            @Override
            public Long visitDup(oss.ir.program.FdOp.Dup c) {
                return edges(-1, -1);
            }

            @Override
            public Long visitLseek(oss.ir.program.FdOp.Lseek c) {
                return edges(-1, -1);
            }

            @Override
            public Long visitPathCall(oss.ir.program.FdOp.PathCall c) {
                return edges(-1, -1);
            }

            @Override
            public Long visitFstat(oss.ir.program.FdOp.Fstat c) {
                return edges(-1, -1);
            }

            @Override
            public Long visitFsync(oss.ir.program.FdOp.Fsync c) {
                return edges(-1, -1); // the disk orders nothing between tasks
            }

            @Override
            public Long visitDup2(oss.ir.program.FdOp.Dup2 c) {
                // closing a pipe end on the target is a close: a reader's end of file follows it
                var p = oss.runtime.kernel.fs.FdCalls.sendPipeOf(t, c.slot(), c.end());
                return edges(p == null ? -1 : sync(PIPE, p.id), -1);
            }

            @Override
            public Long visitClose(oss.ir.program.FdOp.Close c) {
                // the last close is what a reader's end of file follows
                var p = oss.runtime.kernel.fs.FdCalls.sendPipeOf(t, c.slot(), c.end());
                return edges(p == null ? -1 : sync(PIPE, p.id), -1);
            }
        });
    }

    @Override
    public Long visitIpc(Op.Ipc op) {
        oss.ir.program.IpcOp c = op.call();
        if (c instanceof oss.ir.program.IpcOp.MsgSnd s) {
            return edges(sync(MSGQ, queue(s.slot())), -1);
        }
        if (c instanceof oss.ir.program.IpcOp.MsgRcv r) {
            return edges(-1, sync(MSGQ, queue(r.slot())));
        }
        if (c instanceof oss.ir.program.IpcOp.MqSend s) {
            return edges(sync(MQUEUE, queue(s.slot())), -1);
        }
        if (c instanceof oss.ir.program.IpcOp.MqReceive r) {
            return edges(-1, sync(MQUEUE, queue(r.slot())));
        }
        return edges(-1, -1);
    }

    /** The queue a call's slot holds (any queue when asked without a task). */
    private int queue(int slot) {
        return t == null ? 0 : (int) t.slots[slot];
    }

    @Override
    public Long visitSig(Op.Sig op) {
        if (!(op.call() instanceof oss.ir.program.SigOp.Kill k) || t == null) {
            return edges(-1, -1); // raise: the handler runs in the same thread, after it anyway
        }
        oss.ir.program.SigOp.Target to = k.target();
        if (to.process() != null) {
            return edges(sync(SIGNAL_BY_NAME, to.process().hashCode()), -1);
        }
        long pid = to.slot() >= 0 ? t.slots[to.slot()] : to.parent() ? t.ppid : to.pid();
        return edges(sync(SIGNAL, (int) pid), -1);
    }

    /** The I/O models' calls order nothing between tasks that the run's data races care about. */
    @Override
    public Long visitIoModel(Op.IoModel op) {
        return edges(-1, -1);
    }
}
