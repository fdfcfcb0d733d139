package oss.runtime.explore;

import java.util.List;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.Val;

/**
 * Walks what a data op names: the values it reads, the cells it writes or loads, the private
 * slot it sets, through the bodies nested in it (atomic, if, loop). The explorer asks this of
 * data ops in several places (which slots and variables exist, which objects a step touches for
 * the reduction, which slots are read for liveness); each says what it does with a name by
 * overriding the hooks, and none can forget a kind of op or a nested body.
 */
abstract class DataRefs extends AtomicBodyVisitor<Void> {
    /** A value the op reads: its cells and their indexes ({@link oss.ir.program.Vals#reads}). */
    abstract void read(Val v);

    /** A cell the op writes (assign, store, read-modify-write); by default only its index is read. */
    void write(Cell cell, Op op) {
        read(cell.index());
    }

    /** A load's source cell: read, with its index. */
    void load(Cell cell) {
        read(new Val.Read(cell));
    }

    /** The private slot a load or a read-modify-write sets (-1: the old value is not kept). */
    void slot(int slot) {}

    /**
     * A message-queue call: it reads its queue's slot and its int payload, sets the slot of the
     * queue it opens, and writes its result and the value received (private cells, see
     * {@code IpcLowerer}). Shared memory's calls are local work, never here.
     */
    @Override
    public Void visitIpc(Op.Ipc op) {
        oss.ir.program.IpcOp c = op.call();
        if (c instanceof oss.ir.program.IpcOp.MsgGet g && g.slot() >= 0) {
            slot(g.slot());
        } else if (c instanceof oss.ir.program.IpcOp.MqOpen o && o.slot() >= 0) {
            slot(o.slot());
        } else if (c instanceof oss.ir.program.IpcOp.MsgSnd s) {
            queueSlot(s.slot());
            payload(s.value(), s.result(), op);
        } else if (c instanceof oss.ir.program.IpcOp.MqSend s) {
            queueSlot(s.slot());
            payload(s.value(), s.result(), op);
        } else if (c instanceof oss.ir.program.IpcOp.MsgRcv r) {
            queueSlot(r.slot());
            received(r.into(), r.result(), op);
        } else if (c instanceof oss.ir.program.IpcOp.MqReceive r) {
            queueSlot(r.slot());
            received(r.into(), r.result(), op);
        } else if (c instanceof oss.ir.program.IpcOp.MsgRmid r) {
            queueSlot(r.slot());
        }
        return null;
    }

    private void queueSlot(int slot) {
        read(new Val.Read(Cell.scalar(Cell.Scope.PRIVATE, slot, "queue")));
    }

    private void payload(Val value, Cell result, Op op) {
        if (value != null) {
            read(value);
        }
        if (result != null) {
            write(result, op);
        }
    }

    private void received(Cell into, Cell result, Op op) {
        if (into != null) {
            write(into, op);
        }
        if (result != null) {
            write(result, op);
        }
    }

    final void ops(List<Op> ops) {
        for (Op op : ops) {
            op.accept(this);
        }
    }

    @Override
    public final Void visitAssign(Op.Assign op) {
        read(op.value());
        write(op.target(), op);
        return null;
    }

    @Override
    public final Void visitLoad(Op.Load op) {
        load(op.source());
        slot(op.slot());
        return null;
    }

    @Override
    public final Void visitStore(Op.Store op) {
        read(op.value());
        write(op.target(), op);
        return null;
    }

    @Override
    public final Void visitRmw(Op.Rmw op) {
        read(op.operand());
        if (op.replacement() != null) {
            read(op.replacement());
        }
        write(op.target(), op);
        slot(op.slot());
        return null;
    }

    @Override
    public final Void visitAtomic(Op.Atomic op) {
        ops(op.body());
        return null;
    }

    @Override
    public final Void visitIf(Op.If op) {
        read(op.condition());
        ops(op.then());
        ops(op.otherwise());
        return null;
    }

    @Override
    public final Void visitLoop(Op.Loop op) {
        ops(op.body());
        return null;
    }

    @Override
    public final Void visitBreak(Op.Break op) {
        return null;
    }

    @Override
    public final Void visitAssert(Op.Assert op) {
        read(op.condition());
        return null;
    }

    @Override
    public final Void visitAwait(Op.Await op) {
        read(op.condition());
        return null;
    }

    @Override
    public final Void visitFence(Op.Fence op) {
        return null;
    }

    /** A pipe call reads an int payload's value and sets its private temporaries (result, value read, got). */
    @Override
    public final Void visitFd(Op.Fd op) {
        if (op.call() instanceof oss.ir.program.FdOp.Write w) {
            if (w.value() != null) {
                read(w.value());
            }
            if (w.result() != null) {
                slot(w.result().base());
            }
        } else if (op.call() instanceof oss.ir.program.FdOp.Read r) {
            for (Cell c : new Cell[] {r.into(), r.got(), r.result()}) {
                if (c != null) {
                    slot(c.base());
                }
            }
        }
        return null;
    }

    /** A call of the I/O models sets its result's private temporary, and aio_read the request's slot. */
    @Override
    public final Void visitIoModel(Op.IoModel op) {
        oss.ir.program.IoOp c = op.call();
        Cell result = c instanceof oss.ir.program.IoOp.Select s ? s.result()
                : c instanceof oss.ir.program.IoOp.EpollWait w ? w.result()
                : c instanceof oss.ir.program.IoOp.EpollCtl x ? x.result()
                : c instanceof oss.ir.program.IoOp.Fcntl f ? f.result()
                : c instanceof oss.ir.program.IoOp.AioSuspend a ? a.result()
                : c instanceof oss.ir.program.IoOp.AioReturn r ? r.result() : null;
        if (result != null) {
            slot(result.base());
        }
        return null;
    }
}
