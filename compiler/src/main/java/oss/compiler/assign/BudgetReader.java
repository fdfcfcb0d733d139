package oss.compiler.assign;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oss.compiler.ast.Atom;
import oss.compiler.ast.Setting;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.SettingArgs;
import oss.compiler.check.Symbols;
import oss.compiler.check.Units;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.Span;

/**
 * A {@code budget { }} block read like a machine's settings (the same units and messages), each
 * key at most once; what is not written keeps {@link GradingBudget#DEFAULT}'s value.
 */
final class BudgetReader {
    private final Diags diags;
    private final Units units;
    private final Map<String, Span> seen = new HashMap<>();
    private double seconds = GradingBudget.DEFAULT.seconds();
    private long states = GradingBudget.DEFAULT.states();
    private long steps = GradingBudget.DEFAULT.steps();
    private long memory = GradingBudget.DEFAULT.memoryBytes();
    private long size = GradingBudget.DEFAULT.sizeBytes();

    BudgetReader(Diags diags) {
        this.diags = diags;
        this.units = new Units(diags, new ExprEval(diags, new Symbols()));
    }

    GradingBudget budget() {
        return new GradingBudget(seconds, states, steps, memory, size);
    }

    void read(List<Setting> settings) {
        for (Setting s : settings) {
            read(s);
        }
    }

    private void read(Setting s) {
        String key = s.key().text();
        if (!AssignmentWords.BUDGET.contains(key) || s.key().kind() != Atom.Kind.WORD) {
            diags.report(Code.BAD_ASSIGNMENT, s.key().span(), "`" + key + "` is not a budget"
                    + Suggest.hint(key, AssignmentWords.BUDGET) + " (a budget is `time`, `states`, `steps`, `memory` or `size`)");
            return;
        }
        Span first = seen.putIfAbsent(key, s.key().span());
        if (first != null) {
            diags.report(Code.BAD_ASSIGNMENT, s.key().span(), "`" + key + "` is set twice in the budget",
                    first, "first set here");
            return;
        }
        SettingArgs args = new SettingArgs(s, diags, units);
        switch (key) {
            case "time" -> args.quantity(Units.Kind.TIME, "`time`", true).ifPresent(ns -> seconds = ns / 1e9);
            case "states" -> args.integer("`states`", 1, Long.MAX_VALUE).ifPresent(v -> states = v);
            case "steps" -> args.integer("`steps`", 1, Long.MAX_VALUE).ifPresent(v -> steps = v);
            case "memory" -> args.quantity(Units.Kind.SIZE, "`memory`", true).ifPresent(v -> memory = v);
            default -> args.quantity(Units.Kind.SIZE, "`size`", true).ifPresent(v -> size = v);
        }
        if (!args.failed() && !args.atEnd()) {
            // a read that did not fail took a number, and a unit unless the key is a count
            int used = key.equals("states") || key.equals("steps") ? 1 : 2;
            Atom extra = s.arguments().get(Math.min(used, s.arguments().size() - 1));
            diags.report(Code.BAD_ASSIGNMENT, extra.span(), "`" + key + "` takes one value; `" + extra.text()
                    + "` is left over");
        }
    }
}
