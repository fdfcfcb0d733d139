package oss.compiler.lockorder;

import java.util.List;
import oss.ir.program.MutexDecl;
import oss.ir.program.Program;
import oss.ir.program.SyncObjects;

/**
 * Every lock object of a program under one numbering: mutexes first, then
 * spinlocks, rwlocks and seqlocks (a seqlock stands for its writer lock), each
 * in declaration order. "The lowest object" of a cycle is the lowest number.
 */
final class Locks {
    enum Kind { MUTEX, SPIN, RW, SEQ }

    final int spinBase;
    final int rwBase;
    final int seqBase;
    final int size;
    private final String[] names;
    private final Kind[] kinds;

    Locks(Program program) {
        List<MutexDecl> mutexes = program.mutexes() == null ? List.of() : program.mutexes();
        SyncObjects sync = program.sync() == null ? SyncObjects.NONE : program.sync();
        spinBase = mutexes.size();
        rwBase = spinBase + sync.spinlocks().size();
        seqBase = rwBase + sync.rwlocks().size();
        size = seqBase + sync.seqlocks().size();
        names = new String[size];
        kinds = new Kind[size];
        for (int i = 0; i < mutexes.size(); i++) {
            names[i] = mutexes.get(i).name();
            kinds[i] = Kind.MUTEX;
        }
        for (int i = 0; i < sync.spinlocks().size(); i++) {
            names[spinBase + i] = sync.spinlocks().get(i).name();
            kinds[spinBase + i] = Kind.SPIN;
        }
        for (int i = 0; i < sync.rwlocks().size(); i++) {
            names[rwBase + i] = sync.rwlocks().get(i).name();
            kinds[rwBase + i] = Kind.RW;
        }
        for (int i = 0; i < sync.seqlocks().size(); i++) {
            names[seqBase + i] = sync.seqlocks().get(i).name();
            kinds[seqBase + i] = Kind.SEQ;
        }
    }

    /** The number of a mutex, or -1 when the index is out of range (then the op is ignored). */
    int mutex(int index) {
        return index >= 0 && index < spinBase ? index : -1;
    }

    int spin(int index) {
        return index >= 0 && spinBase + index < rwBase ? spinBase + index : -1;
    }

    int rw(int index) {
        return index >= 0 && rwBase + index < seqBase ? rwBase + index : -1;
    }

    int seq(int index) {
        return index >= 0 && seqBase + index < size ? seqBase + index : -1;
    }

    int rwCount() {
        return seqBase - rwBase;
    }

    boolean isSpin(int id) {
        return kinds[id] == Kind.SPIN;
    }

    boolean isRw(int id) {
        return kinds[id] == Kind.RW;
    }

    String name(int id) {
        return names[id];
    }
}
