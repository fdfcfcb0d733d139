package oss.runtime.explore;

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

    BitSet[][] compute() {
        FlatCode[] codes = m.codes;
        BitSet[][] out = new BitSet[codes.length][];
        // a child's code always has a larger id than the code that creates it
        for (int id = codes.length - 1; id >= 0; id--) {
            FlatCode c = codes[id];
            BitSet[] f = new BitSet[c.size];
            for (int pc = 0; pc < c.size; pc++) {
                f[pc] = new BitSet(m.objects);
                m.accesses(c, pc, f[pc]);
                int k = c.kind[pc];
                if (k == FlatCode.FORK || k == FlatCode.THREAD || k == FlatCode.VFORK) {
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
            case FlatCode.END, FlatCode.EXIT -> new int[0];
            case FlatCode.JUMP -> new int[] {c.target[pc]};
            case FlatCode.REP_END, FlatCode.TRYLOCK, FlatCode.SEQR_END -> new int[] {pc + 1, c.target[pc]};
            case FlatCode.CHOOSE -> c.branches[pc];
            default -> new int[] {pc + 1};
        };
    }
}
