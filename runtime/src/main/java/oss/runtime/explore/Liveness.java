package oss.runtime.explore;

import static oss.runtime.explore.Instr.*;

import java.util.BitSet;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.SharedData;
import oss.ir.program.Val;
import oss.ir.program.Vals;

/**
 * Which slots a task may still read from each resting place on (live variable analysis over
 * the flat code). A slot nobody will read again is zeroed when the task comes to rest, so two
 * states that differ only in a dead temporary (the value a finished loop round loaded) are one
 * state: the future of a state depends on its live values only, so no verdict changes.
 *
 * <p>Always live: slots its threads read as the process's variables (GROUP cells live in the
 * leader's slots, which the leader's own code may never read again), and at the end of a body
 * the slots an expectation reads. A fork's child starts with a copy of its parent's slots, so
 * what the child reads is live in the parent at the fork.
 */
final class Liveness {
    private final Model m;
    private final BitSet always = new BitSet();
    private final BitSet atEnd = new BitSet();

    Liveness(Model m) {
        this.m = m;
    }

    /** Per code and resting pc, the slots to zero there (null where none is dead). */
    int[][][] deadSlots() {
        GroupSlots group = new GroupSlots();
        for (FlatCode c : m.codes) {
            for (int pc = 0; pc < c.size; pc++) {
                if (c.kind[pc] == IF_NOT) {
                    group.read(((Op.If) c.op[pc]).condition()); // its branches are instructions of their own
                } else if (Model.isData(c.kind[pc])) {
                    c.op[pc].accept(group);
                }
            }
        }
        for (SharedData.Property p : m.data.properties()) {
            Vals.reads(p.condition(), cell -> {
                if (cell.scope() != Cell.Scope.SHARED && cell.process() >= 0) {
                    atEnd.set(cell.base(), cell.base() + cell.length());
                }
            });
        }
        FlatCode[] codes = m.codes;
        BitSet[][] liveIn = new BitSet[codes.length][];
        int[][][] dead = new int[codes.length][][];
        // a child's code always has a larger id than the code that creates it
        for (int id = codes.length - 1; id >= 0; id--) {
            FlatCode c = codes[id];
            BitSet[] use = new BitSet[c.size];
            BitSet[] def = new BitSet[c.size];
            BitSet[] in = new BitSet[c.size];
            for (int pc = 0; pc < c.size; pc++) {
                use[pc] = new BitSet();
                def[pc] = new BitSet();
                in[pc] = new BitSet();
                useDef(c, pc, use[pc], def[pc], liveIn);
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int pc = c.size - 1; pc >= 0; pc--) {
                    BitSet out = new BitSet();
                    for (int next : Futures.successors(c, pc)) {
                        if (next < c.size) {
                            out.or(in[next]);
                        }
                    }
                    out.andNot(def[pc]);
                    out.or(use[pc]);
                    if (!out.equals(in[pc])) {
                        in[pc] = out;
                        changed = true;
                    }
                }
            }
            liveIn[id] = in;
            dead[id] = new int[c.size][];
            for (int pc = 0; pc < c.size; pc++) {
                BitSet live = (BitSet) in[pc].clone();
                live.or(always);
                int deadCount = m.slots - live.get(0, m.slots).cardinality();
                if (deadCount > 0) {
                    int[] slots = new int[deadCount];
                    int k = 0;
                    for (int slot = live.nextClearBit(0); slot < m.slots; slot = live.nextClearBit(slot + 1)) {
                        slots[k++] = slot;
                    }
                    dead[id][pc] = slots;
                }
            }
        }
        return dead;
    }

    private void useDef(FlatCode c, int pc, BitSet use, BitSet def, BitSet[][] liveIn) {
        Reads reads = new Reads(use);
        switch (c.kind[pc]) {
            case LOAD -> {
                Op.Load op = (Op.Load) c.op[pc];
                reads.read(op.source().index());
                def.set(op.slot());
            }
            case RMW -> {
                Op.Rmw op = (Op.Rmw) c.op[pc];
                op.accept(reads);
                if (op.slot() >= 0) {
                    def.set(op.slot());
                }
            }
            case ASSIGN -> {
                Op.Assign op = (Op.Assign) c.op[pc];
                reads.read(op.value());
                reads.read(op.target().index());
                if (op.target().index() instanceof Val.Const k && op.target().scope() == Cell.Scope.PRIVATE) {
                    def.set(op.target().base() + k.value());
                }
            }
            case STORE, ATOMIC, AWAIT, ASSERT -> c.op[pc].accept(reads);
            case IF_NOT -> reads.read(((Op.If) c.op[pc]).condition());
            case WAIT_CHILD -> {
                if (c.a[pc] >= 0) {
                    use.set(c.a[pc]);
                }
            }
            case FORK, THREAD, VFORK -> {
                use.or(liveIn[c.a[pc]][0]); // the child reads its copy of the slots
                if (c.b[pc] >= 0) {
                    def.set(c.b[pc]);
                }
            }
            case END, EXIT -> use.or(atEnd);
            case FD_PIPE -> def.set(c.b[pc]);
            // an open that waits sets its slot at its first step and stays: never dead there
            case FD_OPEN -> {
                if (c.b[pc] >= 0) {
                    use.set(c.b[pc]);
                }
            }
            case FD_CLOSE -> use.set(c.a[pc]);
            case FD_LSEEK -> {
                use.set(c.a[pc]);
                oss.ir.program.FdOp.Lseek l = (oss.ir.program.FdOp.Lseek) ((Op.Fd) c.op[pc]).call();
                if (l.result() != null) {
                    def.set(l.result().base());
                }
            }
            case FD_PATH -> {
                oss.ir.program.FdOp.PathCall pc2 = (oss.ir.program.FdOp.PathCall) ((Op.Fd) c.op[pc]).call();
                if (pc2.result() != null) {
                    def.set(pc2.result().base());
                }
            }
            case FD_FSYNC -> {
                oss.ir.program.FdOp.Fsync f = (oss.ir.program.FdOp.Fsync) ((Op.Fd) c.op[pc]).call();
                if (c.b[pc] != oss.ir.program.FdOp.STD) {
                    use.set(c.a[pc]);
                }
                if (f.result() != null) {
                    def.set(f.result().base());
                }
            }
            case FD_FSTAT -> {
                oss.ir.program.FdOp.Fstat f = (oss.ir.program.FdOp.Fstat) ((Op.Fd) c.op[pc]).call();
                if (c.b[pc] != oss.ir.program.FdOp.STD) {
                    use.set(c.a[pc]);
                }
                if (f.result() != null) {
                    def.set(f.result().base());
                }
            }
            case FD_DUP2 -> {
                oss.ir.program.FdOp.Dup2 d = (oss.ir.program.FdOp.Dup2) ((Op.Fd) c.op[pc]).call();
                if (d.fromEnd() != oss.ir.program.FdOp.STD && d.fromSlot() >= 0) {
                    use.set(d.fromSlot());
                }
                if (d.end() != oss.ir.program.FdOp.STD && d.slot() >= 0) {
                    use.set(d.slot()); // what it held is closed: a use
                }
                if (d.newSlot() >= 0) {
                    def.set(d.newSlot());
                }
            }
            case EPOLL -> {
                oss.ir.program.IoOp call = ((Op.IoModel) c.op[pc]).call();
                if (call instanceof oss.ir.program.IoOp.EpollCreate cr && cr.slot() >= 0) {
                    def.set(cr.slot());
                } else if (call instanceof oss.ir.program.IoOp.EpollCtl ctl) {
                    use.set(ctl.epSlot());
                    if (ctl.end() != oss.ir.program.FdOp.STD && ctl.slot() >= 0) {
                        use.set(ctl.slot());
                    }
                    if (ctl.result() != null) {
                        def.set(ctl.result().base());
                    }
                } else if (call instanceof oss.ir.program.IoOp.AioRead rd) {
                    if (rd.end() != oss.ir.program.FdOp.STD && rd.slot() >= 0) {
                        use.set(rd.slot());
                    }
                    def.set(rd.requestSlot());
                    if (rd.result() != null) {
                        def.set(rd.result().base());
                    }
                } else if (call instanceof oss.ir.program.IoOp.AioSuspend su) {
                    use.set(su.requestSlot());
                    if (su.result() != null) {
                        def.set(su.result().base());
                    }
                } else if (call instanceof oss.ir.program.IoOp.AioReturn ret) {
                    use.set(ret.requestSlot());
                    if (ret.result() != null) {
                        def.set(ret.result().base());
                    }
                } else if (call instanceof oss.ir.program.IoOp.Fcntl f) {
                    if (f.end() != oss.ir.program.FdOp.STD && f.slot() >= 0) {
                        use.set(f.slot());
                    }
                    if (f.result() != null) {
                        def.set(f.result().base());
                    }
                } else if (call instanceof oss.ir.program.IoOp.Select sel) {
                    for (int k = 0; k < sel.slots().size(); k++) {
                        if (sel.ends().get(k) != oss.ir.program.FdOp.STD && sel.slots().get(k) >= 0) {
                            use.set(sel.slots().get(k));
                        }
                    }
                    if (sel.result() != null) {
                        def.set(sel.result().base());
                    }
                } else if (call instanceof oss.ir.program.IoOp.EpollWait w) {
                    use.set(w.epSlot());
                    if (w.result() != null) {
                        def.set(w.result().base());
                    }
                }
            }
            case FD_DUP -> {
                use.set(c.a[pc]);
                int to = ((oss.ir.program.FdOp.Dup) ((Op.Fd) c.op[pc]).call()).newSlot();
                if (to >= 0) {
                    def.set(to);
                }
            }
            case FD_READ -> {
                use.set(c.a[pc]);
                oss.ir.program.FdOp.Read r = (oss.ir.program.FdOp.Read) ((Op.Fd) c.op[pc]).call();
                // not a def: a read that returns nothing leaves into's temporary as it was
                if (r.result() != null) {
                    def.set(r.result().base());
                }
                if (r.got() != null) {
                    def.set(r.got().base());
                }
            }
            case FD_WRITE -> {
                use.set(c.a[pc]);
                oss.ir.program.FdOp.Write w = (oss.ir.program.FdOp.Write) ((Op.Fd) c.op[pc]).call();
                if (w.value() != null) {
                    reads.read(w.value());
                }
            }
            case MSG -> {
                c.op[pc].accept(reads);
                QueueSteps.definedBy((Op.Ipc) c.op[pc], def);
            }
            case LOCK, UNLOCK, TRYLOCK, P, V, CLAIM, REQUEST, RELEASE, WAIT_ANY, EXEC, SPIN_LOCK, SPIN_UNLOCK, READ_LOCK,
                    READ_UNLOCK, WRITE_LOCK, WRITE_UNLOCK, SEQW_BEGIN, SEQW_END, SEQR_BEGIN, SEQR_END, COND_WAIT, SIGNAL,
                    BROADCAST, BARRIER, SEMOP, CHOOSE, FENCE, REP_INIT, REP_END, JUMP, LOOP_BACK, SIG, SIGRETURN -> {
            }
        }
    }

    /** Every private slot a data op reads (a whole local array when its index is not a constant). */
    private static final class Reads extends DataRefs {
        private final BitSet out;

        Reads(BitSet out) {
            this.out = out;
        }

        @Override
        void read(Val v) {
            Vals.reads(v, cell -> {
                if (cell.scope() == Cell.Scope.PRIVATE) {
                    if (cell.index() instanceof Val.Const k) {
                        out.set(cell.base() + k.value());
                    } else {
                        out.set(cell.base(), cell.base() + cell.length());
                    }
                }
            });
        }

        @Override
        void write(Cell cell, Op op) {
            read(cell.index());
            if (op instanceof Op.Store && cell.scope() == Cell.Scope.PRIVATE) {
                read(new Val.Read(cell)); // an atomic block's private store need not cover the slot: keep it
            }
        }
    }

    /** Collects the slots used as GROUP cells: the leader keeps them for its threads. */
    private final class GroupSlots extends DataRefs {
        @Override
        void read(Val v) {
            Vals.reads(v, c -> {
                if (c.scope() == Cell.Scope.GROUP) {
                    always.set(c.base(), c.base() + c.length());
                }
            });
        }

        @Override
        void write(Cell cell, Op op) {
            read(new Val.Read(cell));
        }
    }
}
