package oss.runtime.explore;

import static oss.runtime.explore.Instr.*;

import java.util.BitSet;

/**
 * For every instruction, the objects its task may still touch from there
 * on, including everything the children it may create will touch. The
 * reduction needs this: a task whose future never meets an object can be
 * left out of the interleaving decisions about that object.
 */
final class Futures {
    private final Model m;

    Futures(Model m) {
        this.m = m;
    }

    /** Every object touched from each pc on; with {@code writesOnly}, every object written. */
    BitSet[][] compute(boolean writesOnly) {
        FlatCode[] codes = m.codes;
        BitSet[][] out = new BitSet[codes.length][];
        // a child's code always has a larger id than the code that creates it
        for (int id = codes.length - 1; id >= 0; id--) {
            FlatCode c = codes[id];
            BitSet[] f = new BitSet[c.size];
            for (int pc = 0; pc < c.size; pc++) {
                f[pc] = new BitSet(m.objects);
                BitSet writes = new BitSet(m.objects);
                m.accesses(c, pc, f[pc], writes);
                if (writesOnly) {
                    f[pc] = writes;
                }
                Instr k = c.kind[pc];
                if (k == FORK || k == THREAD || k == VFORK) {
                    f[pc].or(out[c.a[pc]][0]);
                }
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int pc = c.size - 1; pc >= 0; pc--) {
                    for (int next : successors(c, pc)) {
                        if (next < c.size && !contains(f[pc], f[next])) {
                            f[pc].or(f[next]);
                            changed = true;
                        }
                    }
                }
            }
            out[id] = f;
        }
        return out;
    }

    private static boolean contains(BitSet big, BitSet small) {
        BitSet s = (BitSet) small.clone();
        s.andNot(big);
        return s.isEmpty();
    }

    static int[] successors(FlatCode c, int pc) {
        return switch (c.kind[pc]) {
            case END, EXIT, SIGRETURN -> new int[0];
            case JUMP, LOOP_BACK -> new int[] {c.target[pc]};
            case REP_END, TRYLOCK, SEQR_END, IF_NOT -> new int[] {pc + 1, c.target[pc]};
            case CHOOSE -> c.branches[pc];
            case LOCK, UNLOCK, P, V, CLAIM, REQUEST, RELEASE, FORK, WAIT_CHILD, WAIT_ANY, VFORK, EXEC, THREAD,
                    SPIN_LOCK, SPIN_UNLOCK, READ_LOCK, READ_UNLOCK, WRITE_LOCK, WRITE_UNLOCK, SEQW_BEGIN, SEQW_END,
                    SEQR_BEGIN, COND_WAIT, SIGNAL, BROADCAST, BARRIER, SEMOP, MSG, REP_INIT, LOAD, STORE, RMW, ATOMIC, AWAIT, FENCE,
                    ASSIGN, ASSERT, FD_PIPE, FD_MKFIFO, FD_OPEN, FD_READ, FD_WRITE, FD_CLOSE, FD_LSEEK, FD_DUP, FD_DUP2, FD_PATH, FD_FSTAT, FD_FSYNC, SIG,
                    EPOLL -> new int[] {pc + 1};
        };
    }
}
