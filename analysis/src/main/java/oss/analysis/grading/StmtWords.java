package oss.analysis.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.compiler.ast.Block;
import oss.compiler.ast.Expr;
import oss.compiler.ast.Stmt;
import oss.compiler.format.CallText;

/**
 * What one statement is in the language's own words ({@code forbid choose, trylock}) and which
 * blocks it holds: one visitor over every kind of {@link Stmt}, so a new statement cannot be
 * forgotten by {@code forbid}, {@code unchanged} or the walk below them.
 *
 * @param words  the keywords a {@code forbid} line may name for this statement (empty for an assignment)
 * @param blocks the blocks nested in it, in source order
 * @param exprs  the expressions it holds, where atomic operations such as {@code fetch_add} may hide
 */
record StmtWords(List<String> words, List<Block> blocks, List<Expr> exprs) {

    static StmtWords of(Stmt s) {
        return s.accept(VISITOR);
    }

    /** Every statement of {@code b}, nested ones after the one holding them, in source order. */
    static List<Stmt> flatten(Block b) {
        List<Stmt> out = new ArrayList<>();
        flatten(b, out, 0);
        return out;
    }

    private static void flatten(Block b, List<Stmt> out, int depth) {
        if (depth > 200) {
            return; // the parser bounds nesting far below this; a walk never recurses without end
        }
        for (Stmt s : b.statements()) {
            out.add(s);
            for (Block inner : of(s).blocks()) {
                flatten(inner, out, depth + 1);
            }
        }
    }

    /** The atomic operations written inside an expression: {@code x = fetch_add(c, 1)}. */
    static List<Expr.Atomic> atomics(Expr e) {
        List<Expr.Atomic> out = new ArrayList<>();
        e.accept(new AtomicFinder(out));
        return out;
    }

    private static StmtWords word(String w, Expr... exprs) {
        return new StmtWords(List.of(w), List.of(), List.of(exprs));
    }

    private static StmtWords nested(String w, Block... blocks) {
        return new StmtWords(List.of(w), List.of(blocks), List.of());
    }

    private static String firstWord(String call) {
        int space = call.indexOf(' ');
        return space < 0 ? call : call.substring(0, space);
    }

    private static <T> List<T> present(Optional<T> a) {
        return a.map(List::of).orElse(List.of());
    }

    private static final Stmt.Visitor<StmtWords> VISITOR = new Stmt.Visitor<>() {
        public StmtWords visitCompute(Stmt.Compute s) { return word("compute"); }
        public StmtWords visitSleep(Stmt.Sleep s) { return word("sleep"); }
        public StmtWords visitIo(Stmt.Io s) { return word("io"); }
        public StmtWords visitRepeat(Stmt.Repeat s) {
            return new StmtWords(List.of("repeat"), List.of(s.body()), List.of(s.count()));
        }
        public StmtWords visitFor(Stmt.For s) { return nested("for", s.body()); }
        public StmtWords visitLock(Stmt.Lock s) { return word("lock"); }
        public StmtWords visitUnlock(Stmt.Unlock s) { return word("unlock"); }
        public StmtWords visitTryLock(Stmt.TryLock s) {
            List<Block> blocks = new ArrayList<>(present(s.then()));
            blocks.addAll(present(s.otherwise()));
            return new StmtWords(List.of("trylock"), blocks, List.of());
        }
        public StmtWords visitWaitAny(Stmt.WaitAny s) { return word("wait"); }
        public StmtWords visitWait(Stmt.Wait s) { return word("wait"); }
        public StmtWords visitPost(Stmt.Post s) { return word("post"); }
        public StmtWords visitCall(Stmt.Call s) {
            // P(s) and V(s) are the textbook names of wait and post: forbidding one forbids both spellings
            String callee = s.callee().text();
            return new StmtWords(callee.equals("P") ? List.of("P", "wait") : callee.equals("V") ? List.of("V", "post")
                    : List.of(callee), List.of(), List.of());
        }
        public StmtWords visitClaim(Stmt.Claim s) { return word("claim"); }
        public StmtWords visitRequest(Stmt.Request s) { return word("request"); }
        public StmtWords visitRelease(Stmt.Release s) { return word("release"); }
        public StmtWords visitFork(Stmt.Fork s) { return nested("fork", s.body()); }
        public StmtWords visitExit(Stmt.Exit s) { return new StmtWords(List.of("exit"), List.of(), present(s.status())); }
        public StmtWords visitMmap(Stmt.Mmap s) { return word("mmap"); }
        public StmtWords visitMalloc(Stmt.Malloc s) { return word("malloc"); }
        public StmtWords visitMunmap(Stmt.Munmap s) { return word("munmap"); }
        public StmtWords visitMsync(Stmt.Msync s) { return word("msync"); }
        public StmtWords visitFree(Stmt.Free s) { return word("free"); }
        public StmtWords visitBrk(Stmt.Brk s) { return word("brk"); }
        public StmtWords visitMemAccess(Stmt.MemAccess s) { return word(s.write() ? "write" : "read"); }
        public StmtWords visitLibraryAccess(Stmt.LibraryAccess s) { return word(s.write() ? "write" : "read"); }
        public StmtWords visitAddressAccess(Stmt.AddressAccess s) { return word(s.write() ? "write" : "read"); }
        public StmtWords visitPageRefs(Stmt.PageRefs s) { return word("access"); }
        public StmtWords visitTouch(Stmt.Touch s) { return word("touch"); }
        public StmtWords visitSnapshot(Stmt.Snapshot s) { return word("snapshot"); }
        public StmtWords visitVFork(Stmt.VFork s) { return nested("vfork", s.body()); }
        public StmtWords visitExec(Stmt.Exec s) { return nested("exec", s.body()); }
        public StmtWords visitThread(Stmt.Thread s) { return nested("thread", s.body()); }
        public StmtWords visitJoin(Stmt.Join s) { return word("join"); }
        public StmtWords visitClone(Stmt.Clone s) { return nested("clone", s.body()); }
        public StmtWords visitSpinLock(Stmt.SpinLock s) { return word("spin_lock"); }
        public StmtWords visitSpinUnlock(Stmt.SpinUnlock s) { return word("spin_unlock"); }
        public StmtWords visitReadLock(Stmt.ReadLock s) { return word("read_lock"); }
        public StmtWords visitReadUnlock(Stmt.ReadUnlock s) { return word("read_unlock"); }
        public StmtWords visitWriteLock(Stmt.WriteLock s) { return word("write_lock"); }
        public StmtWords visitWriteUnlock(Stmt.WriteUnlock s) { return word("write_unlock"); }
        public StmtWords visitSeqWrite(Stmt.SeqWrite s) { return nested("seq_write", s.body()); }
        public StmtWords visitSeqRead(Stmt.SeqRead s) { return nested("seq_read", s.body()); }
        public StmtWords visitCondWait(Stmt.CondWait s) { return word("cond_wait"); }
        public StmtWords visitSignal(Stmt.Signal s) { return word("signal"); }
        public StmtWords visitBroadcast(Stmt.Broadcast s) { return word("broadcast"); }
        public StmtWords visitBarrierWait(Stmt.BarrierWait s) { return word("barrier"); }
        public StmtWords visitSemOp(Stmt.SemOp s) { return word("semop"); }
        public StmtWords visitChoose(Stmt.Choose s) {
            return new StmtWords(List.of("choose"), s.branches(), List.of());
        }
        public StmtWords visitVar(Stmt.Var s) {
            List<Expr> exprs = new ArrayList<>(present(s.value()));
            exprs.addAll(s.initial());
            return new StmtWords(List.of("int"), List.of(), exprs);
        }
        public StmtWords visitAssign(Stmt.Assign s) {
            return new StmtWords(List.of(), List.of(), present(s.value()));
        }
        public StmtWords visitIf(Stmt.If s) {
            List<Block> blocks = new ArrayList<>();
            List<Expr> exprs = new ArrayList<>();
            Optional<Stmt.If> at = Optional.of(s);
            // else-if chains are one statement: their blocks and conditions in order
            while (at.isPresent()) {
                Stmt.If one = at.get();
                exprs.add(one.condition());
                blocks.add(one.then());
                one.otherwise().ifPresent(blocks::add);
                at = one.elseIf();
            }
            return new StmtWords(List.of("if"), blocks, exprs);
        }
        public StmtWords visitWhile(Stmt.While s) {
            return new StmtWords(List.of("while"), List.of(s.body()), List.of(s.condition()));
        }
        public StmtWords visitBreak(Stmt.Break s) { return word("break"); }
        public StmtWords visitAssert(Stmt.Assert s) { return word("assert", s.condition()); }
        public StmtWords visitAwait(Stmt.Await s) { return word("await", s.condition()); }
        public StmtWords visitAtomic(Stmt.Atomic s) { return nested("atomic", s.body()); }
        public StmtWords visitAtomicOp(Stmt.AtomicOp s) {
            return new StmtWords(List.of(), List.of(), List.of(s.operation()));
        }
        public StmtWords visitFd(Stmt.Fd s) { return word(firstWord(CallText.of(s.call()))); }
        public StmtWords visitIpc(Stmt.Ipc s) { return word(firstWord(CallText.of(s.call()))); }
        public StmtWords visitSig(Stmt.Sig s) {
            return new StmtWords(List.of(firstWord(CallText.of(s.call()))),
                    s.call().accept(oss.compiler.ast.HandlerBlock.INSTANCE).stream().toList(), List.of());
        }

        public StmtWords visitIoModel(Stmt.IoModel s) {
            return new StmtWords(List.of(firstWord(CallText.of(s.call()))), List.of(), List.of());
        }
        public StmtWords visitFence(Stmt.Fence s) {
            String name = s.name();
            return new StmtWords(name.startsWith("smp_") ? List.of(name, name.substring(4)) : List.of(name), List.of(),
                    List.of());
        }
    };

    /** The atomic operations in an expression, whatever kind of expression holds them. */
    private record AtomicFinder(List<Expr.Atomic> out) implements Expr.Visitor<Void> {
        public Void visitNumber(Expr.Number e) { return null; }
        public Void visitNameRef(Expr.NameRef e) { return null; }
        public Void visitNegate(Expr.Negate e) { return e.operand().accept(this); }
        public Void visitBinary(Expr.Binary e) {
            e.left().accept(this);
            return e.right().accept(this);
        }
        public Void visitCall(Expr.Call e) {
            e.first().accept(this);
            return e.second().accept(this);
        }
        public Void visitParen(Expr.Paren e) { return e.inner().accept(this); }
        public Void visitNot(Expr.Not e) { return e.operand().accept(this); }
        public Void visitElement(Expr.Element e) { return e.index().accept(this); }
        public Void visitField(Expr.Field e) {
            e.owner().index().ifPresent(i -> i.accept(this));
            return null;
        }
        public Void visitAtomic(Expr.Atomic e) {
            out.add(e);
            e.target().index().ifPresent(i -> i.accept(this));
            e.arguments().forEach(a -> a.accept(this));
            return null;
        }
    }
}
