package oss.compiler.ast;

import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/** One statement of a process body; one record per alternative of the grammar's {@code statement}. */
public sealed interface Stmt extends Node {

    record Compute(Quantity time, Span span) implements Stmt {}

    record Sleep(Quantity time, Span span) implements Stmt {}

    record Io(Quantity time, Span span) implements Stmt {}

    record Repeat(Expr count, Block body, Span span) implements Stmt {}

    record For(Name variable, Range range, Block body, Span span) implements Stmt {}

    record Lock(Ref mutex, Span span) implements Stmt {}

    record Unlock(Ref mutex, Span span) implements Stmt {}

    /** {@code trylock m}, optionally with a block for success and an {@code else} block. */
    record TryLock(Ref mutex, Optional<Block> then, Optional<Block> otherwise, Span span) implements Stmt {}

    record WaitAny(Span span) implements Stmt {}

    /** {@code wait X}: a child (fork variable) or a semaphore, decided by the checker. */
    record Wait(Ref target, Span span) implements Stmt {}

    record Post(Ref semaphore, Span span) implements Stmt {}

    /** {@code P(s)} or {@code V(s)}; the callee is kept as written. */
    record Call(Name callee, Ref argument, Span span) implements Stmt {}

    record Claim(List<Amount> amounts, Span span) implements Stmt {
        public Claim {
            amounts = List.copyOf(amounts);
        }
    }

    record Request(List<Amount> amounts, Span span) implements Stmt {
        public Request {
            amounts = List.copyOf(amounts);
        }
    }

    record Release(List<Amount> amounts, Span span) implements Stmt {
        public Release {
            amounts = List.copyOf(amounts);
        }
    }

    /** {@code c = fork { ... }} or a bare {@code fork { ... }}. */
    record Fork(Optional<Name> variable, Block body, Span span) implements Stmt {}

    record Exit(Optional<Expr> status, Span span) implements Stmt {}

    // ---- memory

    /**
     * {@code x = mmap 16 KiB anon private rw} ({@code file} empty, {@code size} present) or
     * {@code f = mmap "/data/log" [SIZE] shared r}; optional {@code at ADDRESS} (MAP_FIXED).
     */
    record Mmap(Name variable, Optional<Quantity> size, Optional<Text> file, boolean shared, Name prot,
                Optional<Expr> address, Span span) implements Stmt {}

    record Malloc(Name variable, Quantity size, Span span) implements Stmt {}

    record Munmap(Name region, Span span) implements Stmt {}

    record Msync(Name region, Span span) implements Stmt {}

    record Free(Name block, Span span) implements Stmt {}

    /** {@code brk +16 KiB} ({@code grow}) or {@code brk -4 KiB}. */
    record Brk(boolean grow, Quantity size, Span span) implements Stmt {}

    /** {@code read x[A]}, {@code write x[A .. B] step S}: byte offsets into the region; B is exclusive. */
    record MemAccess(boolean write, Name region, Quantity from, Optional<Quantity> to, Optional<Quantity> step,
                     Span span) implements Stmt {}

    /** {@code read "libc.so.6"[4 KiB]}: an offset into a declared library's mapping in this process. */
    record LibraryAccess(boolean write, Text library, Quantity from, Optional<Quantity> to, Optional<Quantity> step,
                         Span span) implements Stmt {}

    /** {@code read at 0x0}: an absolute virtual address. */
    record AddressAccess(boolean write, Expr address, Span span) implements Stmt {}

    /** {@code access x pages [7, 0, 1] [write]}: a page reference string over the region. */
    record PageRefs(Name region, List<Expr> pages, boolean write, Span span) implements Stmt {
        public PageRefs {
            pages = List.copyOf(pages);
        }
    }

    record Touch(Name region, Span span) implements Stmt {}

    record Snapshot(Text label, Span span) implements Stmt {}

    // ---- process creation beyond fork

    record VFork(Optional<Name> variable, Block body, Span span) implements Stmt {}

    record Exec(Text program, Block body, Span span) implements Stmt {}

    record Thread(Optional<Name> variable, Block body, Span span) implements Stmt {}

    record Join(Name thread, Span span) implements Stmt {}

    /** {@code c = clone vm files fs sighand { }}: flags as written, checked by the lowering. */
    record Clone(Optional<Name> variable, List<Name> flags, Block body, Span span) implements Stmt {
        public Clone {
            flags = List.copyOf(flags);
        }
    }

    // ---- more synchronisation

    record SpinLock(Ref lock, Span span) implements Stmt {}

    record SpinUnlock(Ref lock, Span span) implements Stmt {}

    record ReadLock(Ref rwlock, Span span) implements Stmt {}

    record ReadUnlock(Ref rwlock, Span span) implements Stmt {}

    record WriteLock(Ref rwlock, Span span) implements Stmt {}

    record WriteUnlock(Ref rwlock, Span span) implements Stmt {}

    /** {@code seq_write q { ... }}: the block runs as the seqlock's writer. */
    record SeqWrite(Ref seqlock, Block body, Span span) implements Stmt {}

    /** {@code seq_read q { ... }}: the block is the read section, run again when a writer interfered. */
    record SeqRead(Ref seqlock, Block body, Span span) implements Stmt {}

    /** {@code cond_wait c m}: a condition variable and the mutex it releases while waiting. */
    record CondWait(Ref cond, Ref mutex, Span span) implements Stmt {}

    record Signal(Ref cond, Span span) implements Stmt {}

    record Broadcast(Ref cond, Span span) implements Stmt {}

    /** {@code barrier b}: the statement; the declaration is a {@link Declaration} of kind BARRIER. */
    record BarrierWait(Ref barrier, Span span) implements Stmt {}

    /** {@code semop s[0] -1, s[2] +1}: applied atomically, all on one set (checked by the lowering). */
    record SemOp(List<SemOpItem> items, Span span) implements Stmt {
        public SemOp {
            items = List.copyOf(items);
        }
    }

    /** {@code choose { } or { } ...}: one branch per block, in order (the lowering wants at least two). */
    record Choose(List<Block> branches, Span span) implements Stmt {
        public Choose {
            branches = List.copyOf(branches);
        }
    }
}
