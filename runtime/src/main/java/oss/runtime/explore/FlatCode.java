package oss.runtime.explore;

import static oss.runtime.explore.Instr.*;

import java.util.ArrayList;
import java.util.List;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Span;

/**
 * One body turned into flat code for the explorer: one instruction per
 * visible operation plus loop and jump instructions, and the local data work
 * (private assignments, assertions, branches, while loops) that
 * {@link Semantics#settle} runs on the way to the next step. Invisible
 * statements (compute, sleep, io, memory) leave nothing behind, and a repeat
 * with nothing left in it disappears, so a task's program counter always
 * rests on a visible instruction or on {@link Instr#END}.
 */
final class FlatCode {
    final int id;
    /** The declared process this code belongs to (a child is named after its process, as in a run). */
    int root;
    /** Where the task exits when it runs off the end: the process's or the fork's span. */
    final Span endSpan;
    Instr[] kind = new Instr[16];
    /** First operand: the object index, the loop depth, or the child code. */
    int[] a = new int[16];
    /** Second operand: the mutex of a cond_wait, the repeat count, the fork's slot, exit status. */
    int[] b = new int[16];
    /** Jump target: else-branch of trylock, loop start, retry point of seq_read. */
    int[] target = new int[16];
    int[][] branches = new int[16][];
    Op[] op = new Op[16];
    Span[] span = new Span[16];
    int size;
    /** Deepest repeat nesting, so the task record knows how many loop counters it needs. */
    int depth;
    /**
     * A signal handler's body: it ends in {@link Instr#SIGRETURN}, and its loop counters sit after
     * the main code's, one set per nested frame ({@link SignalSteps#counterOffset}).
     */
    boolean handler;

    FlatCode(int id, Span endSpan) {
        this.id = id;
        this.root = id;
        this.endSpan = endSpan;
    }

    int emit(Instr k, int a0, int b0, Op source, Span at) {
        if (size == kind.length) {
            int n = size * 2;
            kind = java.util.Arrays.copyOf(kind, n);
            a = java.util.Arrays.copyOf(a, n);
            b = java.util.Arrays.copyOf(b, n);
            target = java.util.Arrays.copyOf(target, n);
            branches = java.util.Arrays.copyOf(branches, n);
            op = java.util.Arrays.copyOf(op, n);
            span = java.util.Arrays.copyOf(span, n);
        }
        kind[size] = k;
        a[size] = a0;
        b[size] = b0;
        op[size] = source;
        span[size] = at;
        return size++;
    }

    /** Compiles bodies; child bodies (fork, thread, ...) become codes of their own. */
    static final class Compiler {
        final List<FlatCode> codes = new ArrayList<>();
        /** The first statement the explorer cannot follow, in words, or null. */
        String unexplored;
        /** Paths some mkfifo makes: an open of any other path is a regular file's (FileSteps). */
        final java.util.Set<String> fifoPaths = new java.util.TreeSet<>();
        /**
         * The scenario's `device` lines' paths: an open of one reads a pipe whose writer is the device
         * itself (PipeSteps; its deliveries are steps of their own, Semantics).
         */
        final java.util.Set<String> devicePaths = new java.util.TreeSet<>();
        /** The pipe object of each device opened, by path. */
        final java.util.Map<String, Integer> deviceIds = new java.util.TreeMap<>();
        /** The epoll_create statements, in order: instance i is the i-th (one instance per statement). */
        final List<Op.IoModel> epolls = new ArrayList<>();
        /** The aio_read statements, in order: request record i is the i-th's (AioSteps). */
        final List<Op.IoModel> aios = new ArrayList<>();
        /** The regular files the program opens, in order of first appearance: FileSteps' objects. */
        final List<String> filePaths = new ArrayList<>();
        /** Each open's code, instruction and path, until every mkfifo is known (resolveOpens). */
        private final List<Object[]> opens = new ArrayList<>();

        /** Each unlink, link and stat's code, instruction and paths, resolved with the opens. */
        private final List<Object[]> pathCalls = new ArrayList<>();

        /** One file under every spelling of its name: the working directory is / (chdir stops the explorer). */
        private int file(String path) {
            String name = java.util.Arrays.stream(path.split("/")).filter(x -> !x.isEmpty() && !x.equals("."))
                    .collect(java.util.stream.Collectors.joining("/", "/", ""));
            if (!filePaths.contains(name)) {
                filePaths.add(name);
            }
            return filePaths.indexOf(name);
        }

        /** A name FileSteps can follow: not a FIFO's, a device's, nor one with ".." or a trailing "/". */
        private boolean plainName(String path) {
            return !fifoPaths.contains(path) && !path.startsWith("/dev/") && !path.contains("..")
                    && !(path.endsWith("/") && path.length() > 1);
        }

        /**
         * Gives each open its object once every body is compiled, since a mkfifo may come in a
         * process compiled after the open: a FIFO's pipe number, or -(file + 1) for a regular file.
         */
        private void resolveOpens() {
            for (Object[] o : pathCalls) {
                FlatCode code = (FlatCode) o[0];
                int pc = (Integer) o[1];
                oss.ir.program.FdOp.PathCall call = (oss.ir.program.FdOp.PathCall) o[2];
                if (!plainName(call.path()) || call.target() != null && !plainName(call.target())) {
                    Span at = code.span[pc];
                    if (unexplored == null) {
                        unexplored = "the " + call.kind().word() + " at " + at.line() + ":" + at.column() + " (the explorer"
                                + " follows the names of regular files only, without \"..\"; `oss run` does)";
                    }
                    continue;
                }
                code.a[pc] = file(call.path());
                code.b[pc] = call.target() == null ? -1 : file(call.target());
            }
            for (Object[] o : opens) {
                FlatCode code = (FlatCode) o[0];
                int pc = (Integer) o[1];
                String path = (String) o[2];
                if (fifoPaths.contains(path)) {
                    code.a[pc] = fifoObject(path);
                } else if (devicePaths.contains(path)) {
                    code.a[pc] = deviceIds.computeIfAbsent(path, k -> {
                        pipeNames.add("device \"" + path + "\"");
                        return pipeNames.size() - 1;
                    });
                } else if (path.startsWith("/dev/")) {
                    // issue 15, the I/O models: a device's deliveries come with time, which the explorer has not
                    Span at = code.span[pc];
                    if (unexplored == null) {
                        unexplored = "the open of \"" + path + "\" at " + at.line() + ":" + at.column() + " (no mkfifo"
                                + " makes it and no `device` line declares it; `oss run` opens it)";
                    }
                } else if (path.contains("..") || path.endsWith("/") && path.length() > 1) {
                    Span at = code.span[pc];
                    if (unexplored == null) {
                        unexplored = "the open of \"" + path + "\" at " + at.line() + ":" + at.column() + " (the explorer"
                                + " does not follow \"..\" or a trailing \"/\" through the tree of names; `oss run` does)";
                    }
                } else {
                    code.a[pc] = -file(path) - 1;
                }
            }
        }
        /** Some call names stdin, stdout or stderr, or is a dup2: each task record holds descriptors 0, 1 and 2. */
        boolean std;
        /** Every {@code signal}/{@code sigaction} statement, in order: an instruction's b operand indexes it. */
        final List<oss.ir.program.SigOp.Action> actions = new ArrayList<>();
        /** Some statement is a signal call: the task records get signal fields (SignalSteps). */
        boolean signals;
        /** The explorer's pipes and FIFOs, in order of first appearance: one per pipe statement, one per FIFO name. */
        final List<String> pipeNames = new ArrayList<>();
        private final java.util.Map<Object, Integer> pipeIds = new java.util.IdentityHashMap<>();
        private final java.util.Map<String, Integer> fifoIds = new java.util.HashMap<>();

        int pipeObject(Object statement, String name) {
            return pipeIds.computeIfAbsent(statement, k -> {
                pipeNames.add(name);
                return pipeNames.size() - 1;
            });
        }

        int fifoObject(String path) {
            return fifoIds.computeIfAbsent(path, k -> {
                pipeNames.add("FIFO \"" + path + "\"");
                return pipeNames.size() - 1;
            });
        }

        /**
         * The codes of every process, process i in code i, then the codes of their children. Each
         * process gets its code before any body is compiled: a child compiled as soon as its fork is
         * met would take the number of a later process, which would then run the child's code.
         */
        List<FlatCode> processes(List<ProcessDef> processes) {
            for (ProcessDef p : processes) {
                codes.add(new FlatCode(codes.size(), p.span()));
            }
            for (int i = 0; i < processes.size(); i++) {
                FlatCode c = codes.get(i);
                new Body(c, 0).ops(processes.get(i).body());
                c.emit(END, 0, 0, null, c.endSpan);
            }
            resolveOpens();
            return codes;
        }

        /**
         * Emits the instructions of one op list into one code at one repeat depth. Every kind of op
         * says here whether it is a resting place: local work (compute, sleep, io, memory,
         * snapshots) leaves nothing, since it runs as part of the step that follows it.
         */
        private final class Body implements Op.Visitor<Void> {
            private final FlatCode c;
            private final int depth;
            /** The enclosing while loops' breaks, innermost last, patched to the loop's end. */
            private final List<List<Integer>> loops;

            Body(FlatCode c, int depth) {
                this(c, depth, new ArrayList<>());
            }

            Body(FlatCode c, int depth, List<List<Integer>> loops) {
                this.c = c;
                this.depth = depth;
                this.loops = loops;
            }

            void ops(List<Op> ops) {
                for (Op op : ops) {
                    op.accept(this);
                }
            }

            private Void emit(Instr kind, int a0, Op op) {
                c.emit(kind, a0, 0, op, op.span());
                return null;
            }

            private Void child(Instr kind, int slot, List<Op> body, Op op) {
                int at = c.emit(kind, 0, slot, op, op.span());
                FlatCode child = new FlatCode(codes.size(), op.span());
                child.root = c.root;
                codes.add(child);
                new Body(child, 0).ops(body); // a break never leaves a child's body
                child.emit(END, 0, 0, null, op.span());
                c.a[at] = child.id;
                return null;
            }

            @Override
            public Void visitCompute(Op.Compute op) {
                return null;
            }

            @Override
            public Void visitSleep(Op.Sleep op) {
                return null;
            }

            @Override
            public Void visitIo(Op.Io op) {
                return null;
            }

            @Override
            public Void visitRepeat(Op.Repeat op) {
                if (op.count() <= 0) {
                    return null;
                }
                int init = c.emit(REP_INIT, depth, (int) Math.min(Integer.MAX_VALUE, op.count()), op, op.span());
                int start = c.size;
                new Body(c, depth + 1, loops).ops(op.body());
                if (c.size == start) {
                    // nothing to interleave and no data to compute: the loop leaves nothing behind
                    c.size = init;
                    return null;
                }
                c.depth = Math.max(c.depth, depth + 1);
                int end = c.emit(REP_END, depth, 0, op, op.span());
                c.target[end] = start;
                return null;
            }

            @Override
            public Void visitLock(Op.Lock op) {
                return emit(LOCK, op.mutex(), op);
            }

            @Override
            public Void visitUnlock(Op.Unlock op) {
                return emit(UNLOCK, op.mutex(), op);
            }

            @Override
            public Void visitTryLock(Op.TryLock op) {
                int at = c.emit(TRYLOCK, op.mutex(), 0, op, op.span());
                ops(op.onSuccess());
                int jump = c.emit(JUMP, 0, 0, op, op.span());
                c.target[at] = c.size;
                ops(op.onFailure());
                c.target[jump] = c.size;
                return null;
            }

            @Override
            public Void visitSemWait(Op.SemWait op) {
                return emit(P, op.sem(), op);
            }

            @Override
            public Void visitSemPost(Op.SemPost op) {
                return emit(V, op.sem(), op);
            }

            @Override
            public Void visitClaim(Op.Claim op) {
                return emit(CLAIM, 0, op);
            }

            @Override
            public Void visitRequest(Op.Request op) {
                return emit(REQUEST, 0, op);
            }

            @Override
            public Void visitRelease(Op.Release op) {
                return emit(RELEASE, 0, op);
            }

            @Override
            public Void visitFork(Op.Fork op) {
                return child(FORK, op.slot(), op.body(), op);
            }

            @Override
            public Void visitWaitChild(Op.WaitChild op) {
                return emit(WAIT_CHILD, op.slot(), op);
            }

            @Override
            public Void visitWaitAny(Op.WaitAny op) {
                return emit(WAIT_ANY, 0, op);
            }

            @Override
            public Void visitExit(Op.Exit op) {
                c.emit(EXIT, 0, op.status(), op, op.span());
                return null;
            }

            @Override
            public Void visitMmap(Op.Mmap op) {
                return null;
            }

            @Override
            public Void visitMunmap(Op.Munmap op) {
                return null;
            }

            @Override
            public Void visitMsync(Op.Msync op) {
                return null;
            }

            @Override
            public Void visitMalloc(Op.Malloc op) {
                return null;
            }

            @Override
            public Void visitFree(Op.Free op) {
                return null;
            }

            @Override
            public Void visitBrk(Op.Brk op) {
                return null;
            }

            @Override
            public Void visitMemAccess(Op.MemAccess op) {
                return null;
            }

            @Override
            public Void visitLibraryAccess(Op.LibraryAccess op) {
                return null;
            }

            @Override
            public Void visitPageRefs(Op.PageRefs op) {
                return null;
            }

            @Override
            public Void visitTouch(Op.Touch op) {
                return null;
            }

            @Override
            public Void visitSnapshot(Op.Snapshot op) {
                return null;
            }

            @Override
            public Void visitVFork(Op.VFork op) {
                return child(VFORK, op.slot(), op.body(), op);
            }

            @Override
            public Void visitExec(Op.Exec op) {
                // the new program never returns: its body ends the task, whatever follows the exec
                emit(EXEC, 0, op);
                ops(op.body());
                c.emit(END, 0, 0, null, c.endSpan);
                return null;
            }

            @Override
            public Void visitThread(Op.Thread op) {
                return child(THREAD, op.slot(), op.body(), op);
            }

            @Override
            public Void visitJoin(Op.Join op) {
                return emit(WAIT_CHILD, op.slot(), op);
            }

            @Override
            public Void visitClone(Op.Clone op) {
                // without CLONE_THREAD the child leads a thread group of its own, as after fork
                return child(FORK, op.slot(), op.body(), op);
            }

            @Override
            public Void visitSpinLock(Op.SpinLock op) {
                return emit(SPIN_LOCK, op.lock(), op);
            }

            @Override
            public Void visitSpinUnlock(Op.SpinUnlock op) {
                return emit(SPIN_UNLOCK, op.lock(), op);
            }

            @Override
            public Void visitReadLock(Op.ReadLock op) {
                return emit(READ_LOCK, op.rwlock(), op);
            }

            @Override
            public Void visitReadUnlock(Op.ReadUnlock op) {
                return emit(READ_UNLOCK, op.rwlock(), op);
            }

            @Override
            public Void visitWriteLock(Op.WriteLock op) {
                return emit(WRITE_LOCK, op.rwlock(), op);
            }

            @Override
            public Void visitWriteUnlock(Op.WriteUnlock op) {
                return emit(WRITE_UNLOCK, op.rwlock(), op);
            }

            @Override
            public Void visitSeqWrite(Op.SeqWrite op) {
                emit(SEQW_BEGIN, op.seqlock(), op);
                ops(op.body());
                return emit(SEQW_END, op.seqlock(), op);
            }

            @Override
            public Void visitSeqRead(Op.SeqRead op) {
                int begin = c.emit(SEQR_BEGIN, op.seqlock(), 0, op, op.span());
                ops(op.body());
                int end = c.emit(SEQR_END, op.seqlock(), 0, op, op.span());
                c.target[end] = begin;
                return null;
            }

            @Override
            public Void visitCondWait(Op.CondWait op) {
                c.emit(COND_WAIT, op.cond(), op.mutex(), op, op.span());
                return null;
            }

            @Override
            public Void visitCondSignal(Op.CondSignal op) {
                return emit(SIGNAL, op.cond(), op);
            }

            @Override
            public Void visitCondBroadcast(Op.CondBroadcast op) {
                return emit(BROADCAST, op.cond(), op);
            }

            @Override
            public Void visitBarrierWait(Op.BarrierWait op) {
                return emit(BARRIER, op.barrier(), op);
            }

            @Override
            public Void visitSemOp(Op.SemOp op) {
                return emit(SEMOP, op.set(), op);
            }

            @Override
            public Void visitChoose(Op.Choose op) {
                int at = c.emit(CHOOSE, 0, 0, op, op.span());
                int[] starts = new int[op.branches().size()];
                int[] jumps = new int[starts.length];
                for (int i = 0; i < starts.length; i++) {
                    starts[i] = c.size;
                    ops(op.branches().get(i));
                    jumps[i] = c.emit(JUMP, 0, 0, op, op.span());
                }
                for (int j : jumps) {
                    c.target[j] = c.size;
                }
                c.branches[at] = starts;
                return null;
            }

            @Override
            public Void visitAssign(Op.Assign op) {
                return emit(ASSIGN, 0, op);
            }

            @Override
            public Void visitLoad(Op.Load op) {
                return emit(LOAD, op.slot(), op);
            }

            @Override
            public Void visitStore(Op.Store op) {
                return emit(STORE, 0, op);
            }

            @Override
            public Void visitRmw(Op.Rmw op) {
                return emit(RMW, op.slot(), op);
            }

            @Override
            public Void visitAtomic(Op.Atomic op) {
                return emit(ATOMIC, 0, op);
            }

            @Override
            public Void visitIf(Op.If op) {
                int test = c.emit(IF_NOT, 0, 0, op, op.span());
                ops(op.then());
                if (op.otherwise().isEmpty()) {
                    c.target[test] = c.size;
                    return null;
                }
                int jump = c.emit(JUMP, 0, 0, op, op.span());
                c.target[test] = c.size;
                ops(op.otherwise());
                c.target[jump] = c.size;
                return null;
            }

            @Override
            public Void visitLoop(Op.Loop op) {
                int start = c.size;
                loops.add(new ArrayList<>());
                ops(op.body());
                int back = c.emit(LOOP_BACK, 0, 0, op, op.span());
                c.target[back] = start;
                for (int brk : loops.remove(loops.size() - 1)) {
                    c.target[brk] = c.size;
                }
                return null;
            }

            @Override
            public Void visitBreak(Op.Break op) {
                if (loops.isEmpty()) {
                    throw new IllegalStateException("break outside a loop at " + op.span());
                }
                loops.get(loops.size() - 1).add(c.emit(JUMP, 0, 0, op, op.span()));
                return null;
            }

            @Override
            public Void visitAssert(Op.Assert op) {
                return emit(ASSERT, 0, op);
            }

            @Override
            public Void visitAwait(Op.Await op) {
                return emit(AWAIT, 0, op);
            }

            @Override
            public Void visitFence(Op.Fence op) {
                return emit(FENCE, op.kind().ordinal(), op);
            }

            // issue 14, contract: each family's helper gives its calls instructions of their own

            /** What the explorer does not model (the terminal, the tree of names): the program is refused, naming the call. */
            private Void refuse(Op.Fd op, String what) {
                if (unexplored == null) {
                    unexplored = "the " + oss.ir.program.Calls.name(op) + " at " + op.span().line() + ":"
                            + op.span().column() + " (the explorer does not follow " + what + " yet; `oss run` does)";
                }
                return null;
            }

            /** A pipe or FIFO call is a step; the pipe statement and the FIFO's name pick the object. */
            @Override
            public Void visitFd(Op.Fd op) {
                op.call().accept(new oss.ir.program.FdOp.Visitor<Void>() {
                    @Override
                    public Void visitPipe(oss.ir.program.FdOp.Pipe call) {
                        if (call.socket()) {
                            // two queues, the second object right after the first
                            int before = pipeNames.size();
                            int first = pipeObject(call, "socket " + call.name() + "[0]");
                            if (pipeNames.size() > before) {
                                pipeNames.add("socket " + call.name() + "[1]");
                            }
                            c.emit(FD_PIPE, first, call.slot(), op, op.span());
                            return null;
                        }
                        c.emit(FD_PIPE, pipeObject(call, "pipe " + call.name()), call.slot(), op, op.span());
                        return null;
                    }

                    @Override
                    public Void visitMkfifo(oss.ir.program.FdOp.Mkfifo call) {
                        fifoPaths.add(call.path());
                        c.emit(FD_MKFIFO, fifoObject(call.path()), 0, op, op.span());
                        return null;
                    }

                    @Override
                    public Void visitOpen(oss.ir.program.FdOp.Open call) {
                        opens.add(new Object[] {c, c.emit(FD_OPEN, 0, call.slot(), op, op.span()), call.path()});
                        return null;
                    }

                    @Override
                    public Void visitRead(oss.ir.program.FdOp.Read call) {
                        std |= call.end() == oss.ir.program.FdOp.STD;
                        c.emit(FD_READ, call.slot(), call.end(), op, op.span());
                        return null;
                    }

                    @Override
                    public Void visitWrite(oss.ir.program.FdOp.Write call) {
                        std |= call.end() == oss.ir.program.FdOp.STD;
                        c.emit(FD_WRITE, call.slot(), call.end(), op, op.span());
                        return null;
                    }

                    @Override
                    public Void visitDup(oss.ir.program.FdOp.Dup call) {
                        std |= call.end() == oss.ir.program.FdOp.STD;
                        c.emit(FD_DUP, call.slot(), call.end(), op, op.span());
                        return null;
                    }

                    @Override
                    public Void visitPathCall(oss.ir.program.FdOp.PathCall call) {
                        boolean followed = switch (call.kind()) {
                            case UNLINK, LINK -> true;
                            case STAT -> call.field() == oss.ir.program.FdOp.StatField.SIZE
                                    || call.field() == oss.ir.program.FdOp.StatField.NLINK;
                            default -> false;
                        };
                        if (!followed) {
                            return refuse(op, call.kind() == oss.ir.program.FdOp.PathKind.STAT ? "inode numbers and"
                                    + " blocks" : "directories and symbolic links");
                        }
                        pathCalls.add(new Object[] {c, c.emit(FD_PATH, 0, 0, op, op.span()), call});
                        return null;
                    }

                    @Override
                    public Void visitFstat(oss.ir.program.FdOp.Fstat call) {
                        if (call.field() != oss.ir.program.FdOp.StatField.SIZE
                                && call.field() != oss.ir.program.FdOp.StatField.NLINK) {
                            return refuse(op, "inode numbers and blocks");
                        }
                        std |= call.end() == oss.ir.program.FdOp.STD;
                        c.emit(FD_FSTAT, call.slot(), call.end(), op, op.span());
                        return null;
                    }

                    @Override
                    public Void visitDup2(oss.ir.program.FdOp.Dup2 call) {
                        std = true; // the usual target is a standard stream: every task record gets them
                        c.emit(FD_DUP2, call.fromSlot(), call.fromEnd(), op, op.span());
                        return null;
                    }

                    @Override
                    public Void visitFsync(oss.ir.program.FdOp.Fsync call) {
                        // the disk is time, which the explorer has not: what others see is only 0 or -1
                        std |= call.end() == oss.ir.program.FdOp.STD;
                        c.emit(FD_FSYNC, call.slot(), call.end(), op, op.span());
                        return null;
                    }

                    @Override
                    public Void visitLseek(oss.ir.program.FdOp.Lseek call) {
                        std |= call.end() == oss.ir.program.FdOp.STD;
                        c.emit(FD_LSEEK, call.slot(), call.end(), op, op.span());
                        return null;
                    }

                    @Override
                    public Void visitClose(oss.ir.program.FdOp.Close call) {
                        std |= call.end() == oss.ir.program.FdOp.STD;
                        c.emit(FD_CLOSE, call.slot(), call.end(), op, op.span());
                        return null;
                    }
                });
                return null;
            }

            /** Shared memory is local work, as mmap is; a queue's call is a step (QueueSteps). */
            @Override
            public Void visitIpc(Op.Ipc op) {
                if (oss.ir.program.IpcOp.isShm(op.call())) {
                    oss.ir.program.IpcOp c = op.call();
                    boolean keeps = c instanceof oss.ir.program.IpcOp.ShmDt d && d.result() != null
                            || c instanceof oss.ir.program.IpcOp.ShmRmid r && r.result() != null
                            || c instanceof oss.ir.program.IpcOp.ShmUnlink u && u.result() != null;
                    if (keeps && unexplored == null) {
                        // whether it returns 0 or -1 depends on segments the explorer does not follow
                        unexplored = "the result of " + oss.ir.program.Calls.name(op) + " at " + op.span().line() + ":"
                                + op.span().column() + " (the explorer does not follow shared-memory segments, so it"
                                + " cannot say whether the call returns 0 or -1; `oss run` does)";
                    }
                    return null;
                }
                return emit(MSG, 0, op);
            }

            /**
             * A signal call is a step (SignalSteps); a handler's body is a code of its own, entered
             * when a signal is delivered, that ends in SIGRETURN.
             */
            @Override
            public Void visitSig(Op.Sig op) {
                signals = true;
                int at = c.emit(SIG, -1, -1, op, op.span());
                if (op.call() instanceof oss.ir.program.SigOp.Action a) {
                    c.b[at] = actions.size();
                    actions.add(a);
                    if (a.disposition() == oss.ir.program.SigOp.Disposition.HANDLER) {
                        FlatCode h = new FlatCode(codes.size(), a.handler().isEmpty() ? op.span() : a.handler().get(0).span());
                        h.root = c.root;
                        h.handler = true;
                        codes.add(h);
                        new Body(h, 0).ops(a.handler());
                        h.emit(SIGRETURN, 0, 0, op, op.span());
                        c.a[at] = h.id;
                    }
                }
                return null;
            }

            /**
             * epoll's calls are steps (EpollSteps), each epoll_create statement with an instance of its
             * own; select, poll, fcntl and aio, and an epoll_wait with a timeout (time the explorer has
             * not), refuse the program.
             */
            @Override
            public Void visitIoModel(Op.IoModel op) {
                oss.ir.program.IoOp call = op.call();
                if (call instanceof oss.ir.program.IoOp.EpollCreate) {
                    epolls.add(op);
                    return emit(EPOLL, epolls.size() - 1, op);
                }
                if (call instanceof oss.ir.program.IoOp.EpollCtl
                        || call instanceof oss.ir.program.IoOp.EpollWait w && w.timeoutNs() <= 0) {
                    return emit(EPOLL, -1, op);
                }
                // aio: a request per aio_read statement (AioSteps); its notification signal needs SignalSteps
                if (call instanceof oss.ir.program.IoOp.AioRead rd && (rd.signal() == null || signals)) {
                    aios.add(op);
                    return emit(EPOLL, aios.size() - 1, op);
                }
                if (call instanceof oss.ir.program.IoOp.AioSuspend || call instanceof oss.ir.program.IoOp.AioReturn) {
                    return emit(EPOLL, -1, op);
                }
                // fcntl O_ASYNC: a device's arrivals send SIGIO to its owner (SignalSteps, which must be there)
                if (call instanceof oss.ir.program.IoOp.Fcntl f && signals
                        && !(devicePaths.contains("/dev/tty") && f.end() == oss.ir.program.FdOp.STD)) {
                    std |= f.end() == oss.ir.program.FdOp.STD;
                    return emit(EPOLL, -1, op);
                }
                // select and poll: the same readiness, over a set; stdin on a declared "/dev/tty" is the
                // device's in the run, which the explorer's descriptors 0 to 2 are not
                if (call instanceof oss.ir.program.IoOp.Select sel && sel.timeoutNs() <= 0
                        && !(devicePaths.contains("/dev/tty") && sel.ends().contains(oss.ir.program.FdOp.STD))) {
                    std |= sel.ends().contains(oss.ir.program.FdOp.STD);
                    return emit(EPOLL, -1, op);
                }
                if (unexplored == null && call instanceof oss.ir.program.IoOp.Select sel && sel.timeoutNs() > 0) {
                    unexplored = "the " + (sel.poll() ? "poll" : "select") + " with a timeout at " + op.span().line()
                            + ":" + op.span().column() + " (the explorer has no clock to time it out; `oss run` does)";
                }
                if (unexplored == null && call instanceof oss.ir.program.IoOp.EpollWait) {
                    unexplored = "the epoll_wait with a timeout at " + op.span().line() + ":" + op.span().column()
                            + " (the explorer has no clock to time it out; `oss run` does)";
                }
                if (unexplored == null) {
                    unexplored = "the " + oss.ir.program.Calls.name(op) + " at " + op.span().line() + ":"
                            + op.span().column() + " (the explorer does not follow the I/O models yet; `oss run` does)";
                }
                return null;
            }
        }
    }
}
