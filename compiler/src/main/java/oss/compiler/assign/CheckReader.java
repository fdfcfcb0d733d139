package oss.compiler.assign;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import oss.compiler.ast.CheckNode;
import oss.compiler.ast.Expr;
import oss.compiler.ast.Name;
import oss.compiler.check.Diags;
import oss.compiler.expect.CompareOp;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.Span;

/**
 * One line of a test to its checked {@link Check}: the words after {@code require}, {@code forbid}
 * and {@code unchanged} are read here rather than by the grammar, so that a misspelt one gets
 * "did you mean" (OSS1601). A check that names the starter needs a {@code starter} item.
 */
final class CheckReader {
    private final Diags diags;
    private final SourceSlice source;
    private final boolean hasStarter;

    CheckReader(Diags diags, SourceSlice source, boolean hasStarter) {
        this.diags = diags;
        this.source = source;
        this.hasStarter = hasStarter;
    }

    /** The check, or null after reporting why there is none ({@code feedback} is not a check: the caller reads it). */
    Check read(CheckNode node) {
        String text = source.line(node.span());
        if (node instanceof CheckNode.Expect e) {
            return new Check.Expect(source.exact(e.expect().span()), text, e.span());
        }
        if (node instanceof CheckNode.Count c) {
            return count(c, text);
        }
        if (node instanceof CheckNode.Require r) {
            return require(r, text);
        }
        if (node instanceof CheckNode.Forbid f) {
            return forbid(f, text);
        }
        if (node instanceof CheckNode.Unchanged u) {
            return unchanged(u, text);
        }
        if (node instanceof CheckNode.Predict p) {
            return new Check.Predict(source.exact(p.subject().span()).replaceAll("\\s+", ""),
                    p.metric().map(Name::text), text, p.span());
        }
        return null;
    }

    private Check require(CheckNode.Require r, String text) {
        String what = r.what().text();
        if (what.equals("finishes")) {
            return new Check.Finishes(text, r.span());
        }
        if (what.equals("count")) {
            bad(r.what().span(), "`require count` needs what to count and a bound, as in "
                    + "`require count process == 3`");
        } else {
            bad(r.what().span(), "`require " + what + "` is not a check" + Suggest.hint(what, AssignmentWords.REQUIRE)
                    + " (`require finishes`, or `require count KIND OP BOUND`)");
        }
        return null;
    }

    private Check count(CheckNode.Count c, String text) {
        boolean ok = true;
        if (!c.count().text().equals("count")) {
            bad(c.count().span(), "`require " + c.count().text() + "` is not a check" + Suggest.hint(c.count().text(),
                    AssignmentWords.REQUIRE) + " (`require count KIND OP BOUND`, or `require finishes`)");
            ok = false;
        }
        String kind = c.kind().text();
        if (!Kinds.COUNTABLE.contains(kind)) {
            bad(c.kind().span(), "`" + kind + "` cannot be counted" + Suggest.hint(kind, Kinds.COUNTABLE)
                    + " (" + String.join(", ", Kinds.COUNTABLE) + ")");
            ok = false;
        }
        Optional<CompareOp> op = op(c.op());
        Bound bound = bound(c.bound());
        if (!ok || op.isEmpty() || bound == null) {
            return null;
        }
        if (bound.fromStarter && !hasStarter) {
            bad(c.bound().span(), "a `starter` bound counts in the starter, and this assignment names none: add "
                    + "`starter \"FILE.oss\"`");
            return null;
        }
        return new Check.Count(kind, c.name().map(Name::text), op.get(), bound.fromStarter, bound.offset, text,
                c.span());
    }

    private record Bound(boolean fromStarter, long offset) {}

    /** A whole number, {@code starter}, {@code starter + N} or {@code starter - N}; null after reporting. */
    private Bound bound(Expr e) {
        Expr inner = e instanceof Expr.Paren p ? p.inner() : e;
        if (inner instanceof Expr.Number n) {
            Long v = whole(n);
            return v == null ? null : new Bound(false, v);
        }
        if (inner instanceof Expr.NameRef r && r.name().equals("starter")) {
            return new Bound(true, 0);
        }
        if (inner instanceof Expr.Binary b && (b.op().equals("+") || b.op().equals("-"))
                && b.left() instanceof Expr.NameRef r && r.name().equals("starter") && b.right() instanceof Expr.Number n) {
            Long v = whole(n);
            return v == null ? null : new Bound(true, b.op().equals("+") ? v : -v);
        }
        bad(e.span(), "a count's bound is a whole number, `starter`, `starter + N` or `starter - N`");
        return null;
    }

    private Long whole(Expr.Number n) {
        Optional<BigDecimal> v = Numbers.parse(n.text());
        if (v.isEmpty() || v.get().stripTrailingZeros().scale() > 0 || v.get().compareTo(Numbers.MAX_COUNT) > 0) {
            bad(n.span(), "a count's bound is a whole number up to " + Numbers.MAX_COUNT + ", not `" + n.text() + "`");
            return null;
        }
        return v.get().longValueExact();
    }

    private Optional<CompareOp> op(String symbol) {
        for (CompareOp op : CompareOp.values()) {
            if (op.symbol().equals(symbol)) {
                return Optional.of(op);
            }
        }
        return Optional.empty(); // the grammar allows no other
    }

    private Check forbid(CheckNode.Forbid f, String text) {
        List<String> kinds = new ArrayList<>();
        boolean ok = true;
        for (Name k : f.kinds()) {
            if (!Kinds.FORBIDDABLE.contains(k.text())) {
                bad(k.span(), "`" + k.text() + "` is not a statement or declaration that can be forbidden"
                        + Suggest.hint(k.text(), Kinds.FORBIDDABLE));
                ok = false;
            } else if (!kinds.contains(k.text())) {
                kinds.add(k.text());
            }
        }
        return ok ? new Check.Forbid(kinds, text, f.span()) : null;
    }

    private Check unchanged(CheckNode.Unchanged u, String text) {
        List<Check.Target> targets = new ArrayList<>();
        boolean ok = true;
        for (CheckNode.Target t : u.targets()) {
            String word = t.kind().text();
            if (!AssignmentWords.PARTS.contains(word)) {
                bad(t.kind().span(), "`" + word + "` is not a part of a scenario" + Suggest.hint(word, AssignmentWords.PARTS)
                        + " (" + String.join(", ", AssignmentWords.PARTS.subList(0, 6)) + " or `process NAME`)");
                ok = false;
            } else if (word.equals("process") && t.name().isEmpty()) {
                bad(t.kind().span(), "`unchanged process` needs the process's name, as in `unchanged process P1`; "
                        + "every process is `unchanged processes`");
                ok = false;
            } else if (!word.equals("process") && t.name().isPresent()) {
                bad(t.name().get().span(), "`" + word + "` takes no name" + (word.equals("processes")
                        ? ": one process is `process " + t.name().get().text() + "`" : ""));
                ok = false;
            } else {
                Check.Target target = new Check.Target(Check.TargetKind.valueOf(word.toUpperCase(Locale.ROOT)),
                        t.name().map(Name::text));
                if (!targets.contains(target)) {
                    targets.add(target);
                }
            }
        }
        if (ok && !hasStarter) {
            bad(u.span(), "`unchanged` compares with the starter, and this assignment names none: add "
                    + "`starter \"FILE.oss\"`");
            return null;
        }
        return ok ? new Check.Unchanged(targets, text, u.span()) : null;
    }

    private void bad(Span at, String message) {
        diags.report(Code.BAD_ASSIGNMENT, at, message);
    }
}
