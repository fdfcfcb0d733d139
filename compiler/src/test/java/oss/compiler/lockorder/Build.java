package oss.compiler.lockorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.ir.program.KernelConfig;
import oss.ir.program.MachineConfig;
import oss.ir.program.MutexDecl;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.SchedPolicy;
import oss.ir.program.Span;
import oss.ir.program.SyncObjects;

/** Programs built directly, for primitives the front end cannot write yet. Statement n sits on line n. */
final class Build {
    private Build() {}

    static Span at(int line) {
        return new Span(line, 5, line, 25);
    }

    static ProcessDef proc(String name, int line, Op... body) {
        return new ProcessDef(name, 0, 0, SchedPolicy.NORMAL, 0, ProcessDef.DEFAULT_TICKETS,
                ProcessDef.NO_FRAME_LIMIT, List.of(body), 2, new Span(line, 11, line, 11 + name.length()));
    }

    static final class Decls {
        final List<MutexDecl> mutexes = new ArrayList<>();
        final List<SyncObjects.SpinlockDecl> spins = new ArrayList<>();
        final List<SyncObjects.RwLockDecl> rws = new ArrayList<>();
        final List<SyncObjects.SeqlockDecl> seqs = new ArrayList<>();
        final List<SyncObjects.CondvarDecl> conds = new ArrayList<>();

        Decls mutex(String... names) {
            for (String n : names) {
                mutexes.add(new MutexDecl(n, at(1)));
            }
            return this;
        }

        Decls spin(String... names) {
            for (String n : names) {
                spins.add(new SyncObjects.SpinlockDecl(n, at(1)));
            }
            return this;
        }

        Decls rw(String... names) {
            for (String n : names) {
                rws.add(new SyncObjects.RwLockDecl(n, false, at(1)));
            }
            return this;
        }

        Decls seq(String... names) {
            for (String n : names) {
                seqs.add(new SyncObjects.SeqlockDecl(n, at(1)));
            }
            return this;
        }

        Decls cond(String... names) {
            for (String n : names) {
                conds.add(new SyncObjects.CondvarDecl(n, at(1)));
            }
            return this;
        }

        Program program(ProcessDef... processes) {
            SyncObjects sync = new SyncObjects(spins, rws, seqs, conds, List.of(), List.of());
            return new Program("t", MachineConfig.defaults(), KernelConfig.defaults(), mutexes, List.of(), List.of(),
                    List.of(processes), Optional.empty(), List.of(), List.of(), sync);
        }
    }

    static Decls decls() {
        return new Decls();
    }
}
