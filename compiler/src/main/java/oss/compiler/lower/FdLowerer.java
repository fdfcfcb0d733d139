package oss.compiler.lower;

import java.util.List;
import java.util.Map;
import oss.compiler.ast.Stmt;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Symbols;
import oss.compiler.check.Units;
import oss.ir.diag.Code;
import oss.ir.program.Op;

/**
 * Lowers the descriptors and pipes calls of one process body (docs/language.md, "Processes that talk").
 * One instance per {@link BodyLowerer}; the local names it defines live in the body's slots.
 */
final class FdLowerer {
    private final Diags diags;
    private final ExprEval eval;
    private final Units units;
    private final Resolver resolver;
    private final Symbols symbols;
    private final MemoryLowerer memory;
    private final DataLowerer data;
    private final Map<String, Integer> slots;
    private final BodyLowerer body;

    FdLowerer(Diags diags, ExprEval eval, Units units, Resolver resolver, Symbols symbols, MemoryLowerer memory,
                DataLowerer data, Map<String, Integer> slots, BodyLowerer body) {
        this.diags = diags;
        this.eval = eval;
        this.units = units;
        this.resolver = resolver;
        this.symbols = symbols;
        this.memory = memory;
        this.data = data;
        this.slots = slots;
        this.body = body;
    }

    void lower(Stmt.Fd s, Map<String, Long> env, List<Op> out) {
        // issue 14, contract: the descriptors and pipes helper fills this in
        diags.report(Code.NOT_SIMULATED_YET, s.span(), "descriptors and pipes are not simulated yet");
    }
}
