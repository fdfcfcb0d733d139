package oss.lsp.services;

import java.util.List;
import java.util.Optional;
import oss.compiler.ast.Amount;
import oss.compiler.ast.Name;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Stmt;
import oss.compiler.format.CallText;

/**
 * What the quick fixes and the outline know of a kind of statement: the declared names it refers
 * to, each with the kind of declaration it must be ({@code lock m} wants a mutex); the keyword that
 * binds a name ({@code c = fork}, {@code x = mmap}) and that name; whether its bare number is a time;
 * and the mutex a plain {@code lock} takes. One method per kind of statement, so a new kind does not
 * compile until it says what it is here.
 *
 * @param binder the statement's keyword when it binds a name (even when it is left out: {@code fork}), else null
 */
record StmtShape(List<Needed> needs, String binder, Optional<Name> bound, boolean timed, Optional<Ref> locks) {
    /** A reference and the kind of declaration the statement needs it to be. */
    record Needed(Ref ref, String kind) {}

    private static final StmtShape PLAIN = new StmtShape(List.of(), null, Optional.empty(), false, Optional.empty());
    private static final StmtShape TIMED = new StmtShape(List.of(), null, Optional.empty(), true, Optional.empty());
    private static final Of OF = new Of();

    static StmtShape of(Stmt s) {
        return s.accept(OF);
    }

    private static StmtShape needs(String kind, Ref ref) {
        return new StmtShape(List.of(new Needed(ref, kind)), null, Optional.empty(), false, Optional.empty());
    }

    private static StmtShape resources(List<Amount> amounts) {
        return new StmtShape(amounts.stream().map(a -> new Needed(a.resource(), "resource")).toList(), null,
                Optional.empty(), false, Optional.empty());
    }

    private static StmtShape binds(String binder, Optional<Name> name) {
        return new StmtShape(List.of(), binder, name, false, Optional.empty());
    }

    private static final class Of implements Stmt.Visitor<StmtShape> {
        @Override
        public StmtShape visitCompute(Stmt.Compute s) {
            return TIMED;
        }

        @Override
        public StmtShape visitSleep(Stmt.Sleep s) {
            return TIMED;
        }

        @Override
        public StmtShape visitIo(Stmt.Io s) {
            return TIMED;
        }

        @Override
        public StmtShape visitRepeat(Stmt.Repeat s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitFor(Stmt.For s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitLock(Stmt.Lock s) {
            return new StmtShape(List.of(new Needed(s.mutex(), "mutex")), null, Optional.empty(), false, Optional.of(s.mutex()));
        }

        @Override
        public StmtShape visitUnlock(Stmt.Unlock s) {
            return needs("mutex", s.mutex());
        }

        @Override
        public StmtShape visitTryLock(Stmt.TryLock s) {
            return needs("mutex", s.mutex());
        }

        @Override
        public StmtShape visitWaitAny(Stmt.WaitAny s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitWait(Stmt.Wait s) {
            return needs("semaphore", s.target());
        }

        @Override
        public StmtShape visitPost(Stmt.Post s) {
            return needs("semaphore", s.semaphore());
        }

        @Override
        public StmtShape visitCall(Stmt.Call s) {
            return needs("semaphore", s.argument());
        }

        @Override
        public StmtShape visitClaim(Stmt.Claim s) {
            return resources(s.amounts());
        }

        @Override
        public StmtShape visitRequest(Stmt.Request s) {
            return resources(s.amounts());
        }

        @Override
        public StmtShape visitRelease(Stmt.Release s) {
            return resources(s.amounts());
        }

        @Override
        public StmtShape visitFork(Stmt.Fork s) {
            return binds("fork", s.variable());
        }

        @Override
        public StmtShape visitExit(Stmt.Exit s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitMmap(Stmt.Mmap s) {
            return binds("mmap", Optional.of(s.variable()));
        }

        @Override
        public StmtShape visitMalloc(Stmt.Malloc s) {
            return binds("malloc", Optional.of(s.variable()));
        }

        @Override
        public StmtShape visitMunmap(Stmt.Munmap s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitMsync(Stmt.Msync s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitFree(Stmt.Free s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitBrk(Stmt.Brk s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitMemAccess(Stmt.MemAccess s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitLibraryAccess(Stmt.LibraryAccess s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitAddressAccess(Stmt.AddressAccess s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitPageRefs(Stmt.PageRefs s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitTouch(Stmt.Touch s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitSnapshot(Stmt.Snapshot s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitVFork(Stmt.VFork s) {
            return binds("vfork", s.variable());
        }

        @Override
        public StmtShape visitExec(Stmt.Exec s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitThread(Stmt.Thread s) {
            return binds("thread", s.variable());
        }

        @Override
        public StmtShape visitJoin(Stmt.Join s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitClone(Stmt.Clone s) {
            return binds("clone", s.variable());
        }

        @Override
        public StmtShape visitSpinLock(Stmt.SpinLock s) {
            return needs("spinlock", s.lock());
        }

        @Override
        public StmtShape visitSpinUnlock(Stmt.SpinUnlock s) {
            return needs("spinlock", s.lock());
        }

        @Override
        public StmtShape visitReadLock(Stmt.ReadLock s) {
            return needs("rwlock", s.rwlock());
        }

        @Override
        public StmtShape visitReadUnlock(Stmt.ReadUnlock s) {
            return needs("rwlock", s.rwlock());
        }

        @Override
        public StmtShape visitWriteLock(Stmt.WriteLock s) {
            return needs("rwlock", s.rwlock());
        }

        @Override
        public StmtShape visitWriteUnlock(Stmt.WriteUnlock s) {
            return needs("rwlock", s.rwlock());
        }

        @Override
        public StmtShape visitSeqWrite(Stmt.SeqWrite s) {
            return needs("seqlock", s.seqlock());
        }

        @Override
        public StmtShape visitSeqRead(Stmt.SeqRead s) {
            return needs("seqlock", s.seqlock());
        }

        @Override
        public StmtShape visitCondWait(Stmt.CondWait s) {
            return new StmtShape(List.of(new Needed(s.cond(), "condvar"), new Needed(s.mutex(), "mutex")), null, Optional.empty(), false,
                    Optional.empty());
        }

        @Override
        public StmtShape visitSignal(Stmt.Signal s) {
            return needs("condvar", s.cond());
        }

        @Override
        public StmtShape visitBroadcast(Stmt.Broadcast s) {
            return needs("condvar", s.cond());
        }

        @Override
        public StmtShape visitBarrierWait(Stmt.BarrierWait s) {
            return needs("barrier", s.barrier());
        }

        @Override
        public StmtShape visitSemOp(Stmt.SemOp s) {
            return new StmtShape(s.items().stream().map(i -> new Needed(i.element(), "semset")).toList(), null, Optional.empty(), false,
                    Optional.empty());
        }

        @Override
        public StmtShape visitChoose(Stmt.Choose s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitVar(Stmt.Var s) {
            // a local is a name of the process, listed in the outline as fork and mmap results are
            return binds("int", Optional.of(s.name()));
        }

        @Override
        public StmtShape visitAssign(Stmt.Assign s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitIf(Stmt.If s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitWhile(Stmt.While s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitBreak(Stmt.Break s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitAssert(Stmt.Assert s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitAwait(Stmt.Await s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitAtomic(Stmt.Atomic s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitAtomicOp(Stmt.AtomicOp s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitFence(Stmt.Fence s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitFd(Stmt.Fd s) {
            return s.variable().isPresent() ? binds(word(CallText.of(s.call())), s.variable()) : PLAIN;
        }

        @Override
        public StmtShape visitIpc(Stmt.Ipc s) {
            return s.variable().isPresent() ? binds(word(CallText.of(s.call())), s.variable()) : PLAIN;
        }

        @Override
        public StmtShape visitSig(Stmt.Sig s) {
            return PLAIN;
        }

        @Override
        public StmtShape visitIoModel(Stmt.IoModel s) {
            return s.variable().isPresent() ? binds(word(CallText.of(s.call())), s.variable()) : PLAIN;
        }

        private static String word(String call) {
            int space = call.indexOf(' ');
            return space < 0 ? call : call.substring(0, space);
        }
    }
}
