package oss.compiler.parse;

import static oss.compiler.parse.Parts.expr;
import static oss.compiler.parse.Parts.name;
import static oss.compiler.parse.Parts.real;
import static oss.compiler.parse.Parts.ref;
import static oss.compiler.parse.Parts.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import oss.compiler.ast.AssignmentItem;
import oss.compiler.ast.AssignmentNode;
import oss.compiler.ast.CheckNode;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.Expr;
import oss.compiler.ast.Name;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Text;
import oss.grammar.OssParser;
import oss.ir.program.Span;

/**
 * The parse tree of an assignment file (docs/grading.md) to its AST. As for scenarios, an item or
 * a check whose required parts are missing is left out (its syntax error is already reported) and
 * the rest of the file is still built; {@code expect} lines are built by the scenario's own builder.
 */
final class AssignmentBuilder {
    private final AstBuilder ast;
    private final ItemBuilder items = new ItemBuilder();
    private final CheckBuilder checks = new CheckBuilder();

    AssignmentBuilder(AstBuilder ast) {
        this.ast = ast;
    }

    AssignmentNode assignment(OssParser.AssignmentContext ctx) {
        Text title = text(ctx.title);
        List<AssignmentItem> built = new ArrayList<>();
        for (OssParser.AssignmentItemContext i : ctx.assignmentItem()) {
            AssignmentItem item = ast.safe(i, () -> i.accept(items));
            if (item != null) {
                built.add(item);
            }
        }
        return new AssignmentNode(title == null ? new Text("", Span.NONE) : title, built, Spans.of(ctx));
    }

    /** A word (a keyword is one too) with its place; null when the parser made it up. */
    private static Name word(OssParser.WordContext w) {
        if (w == null || real(w.getStart()) == null || w.getChildCount() == 0 || w.exception != null) {
            return null;
        }
        return new Name(w.getText(), Spans.of(w));
    }

    /** One method per labelled alternative of {@code assignmentItem}. */
    private final class ItemBuilder extends RuleBuilder<AssignmentItem> {
        ItemBuilder() {
            super(OssParser.AssignmentItemContext.class);
        }

        @Override
        public AssignmentItem visitSubmissionItem(OssParser.SubmissionItemContext s) {
            Text path = text(s.path);
            return path == null ? null : new AssignmentItem.Submission(path, Spans.of(s));
        }

        @Override
        public AssignmentItem visitStarterItem(OssParser.StarterItemContext s) {
            Text path = text(s.path);
            return path == null ? null : new AssignmentItem.Starter(path, Spans.of(s));
        }

        @Override
        public AssignmentItem visitBudgetItem(OssParser.BudgetItemContext b) {
            if (b.RBRACE() == null || real(b.RBRACE().getSymbol()) == null) {
                return null;
            }
            return new AssignmentItem.Budget(ast.settingLines(b.setting(), SettingKeys.BUDGET), Spans.of(b));
        }

        @Override
        public AssignmentItem visitTestItem(OssParser.TestItemContext t) {
            Text name = text(t.name);
            if (name == null || t.LBRACE() == null || real(t.LBRACE().getSymbol()) == null) {
                return null;
            }
            Optional<Text> points = Optional.empty();
            List<Name> words = new ArrayList<>();
            for (OssParser.TestAttrContext a : t.testAttr()) {
                if (AstBuilder.broken(a)) {
                    continue;
                }
                if (a instanceof OssParser.PointsAttrContext p) {
                    Token n = real(p.points);
                    if (n != null) {
                        points = Optional.of(new Text(n.getText(), Spans.of(n)));
                    }
                } else if (a instanceof OssParser.WordAttrContext w) {
                    Name n = name(w.identifier());
                    if (n != null) {
                        words.add(n);
                    }
                }
            }
            List<CheckNode> built = new ArrayList<>();
            for (OssParser.CheckContext c : t.check()) {
                CheckNode node = ast.safe(c, () -> AstBuilder.broken(c) ? null : c.accept(checks));
                if (node != null) {
                    built.add(node);
                }
            }
            return new AssignmentItem.Test(name, points, words, built, Spans.of(t));
        }
    }

    /** One method per labelled alternative of {@code check}. */
    private final class CheckBuilder extends RuleBuilder<CheckNode> {
        CheckBuilder() {
            super(OssParser.CheckContext.class);
        }

        @Override
        public CheckNode visitExpectCheck(OssParser.ExpectCheckContext e) {
            ExpectNode x = ast.expectation(e.expectation());
            return x == null ? null : new CheckNode.Expect(x, Spans.of(e));
        }

        @Override
        public CheckNode visitCountCheck(OssParser.CountCheckContext c) {
            Name count = name(c.count);
            Name kind = word(c.kind);
            Expr bound = expr(c.bound);
            if (count == null || kind == null || bound == null || c.op == null || real(c.op.getStart()) == null) {
                return null;
            }
            Optional<Name> name = Optional.empty();
            if (c.name != null) {
                Name n = name(c.name);
                if (n == null) {
                    return null;
                }
                name = Optional.of(n);
            }
            return new CheckNode.Count(count, kind, name, c.op.getText(), bound, Spans.of(c));
        }

        @Override
        public CheckNode visitRequireCheck(OssParser.RequireCheckContext r) {
            Name what = name(r.what);
            return what == null ? null : new CheckNode.Require(what, Spans.of(r));
        }

        @Override
        public CheckNode visitForbidCheck(OssParser.ForbidCheckContext f) {
            List<Name> kinds = new ArrayList<>();
            for (OssParser.WordContext w : f.word()) {
                Name n = word(w);
                if (n == null) {
                    return null;
                }
                kinds.add(n);
            }
            return kinds.isEmpty() ? null : new CheckNode.Forbid(kinds, Spans.of(f));
        }

        @Override
        public CheckNode visitUnchangedCheck(OssParser.UnchangedCheckContext u) {
            List<CheckNode.Target> targets = new ArrayList<>();
            for (OssParser.PartContext p : u.part()) {
                Name kind = word(p.kind);
                if (kind == null) {
                    return null;
                }
                Optional<Name> name = Optional.empty();
                if (p.name != null) {
                    Name n = name(p.name);
                    if (n == null) {
                        return null;
                    }
                    name = Optional.of(n);
                }
                targets.add(new CheckNode.Target(kind, name, Spans.of(p)));
            }
            return targets.isEmpty() ? null : new CheckNode.Unchanged(targets, Spans.of(u));
        }

        @Override
        public CheckNode visitPredictCheck(OssParser.PredictCheckContext p) {
            Ref subject = ref(p.subject);
            if (subject == null) {
                return null;
            }
            Optional<Name> metric = Optional.empty();
            if (p.DOT() != null) {
                Name m = word(p.metric);
                if (m == null) {
                    return null;
                }
                metric = Optional.of(m);
            }
            return new CheckNode.Predict(subject, metric, Spans.of(p));
        }

        @Override
        public CheckNode visitFeedbackCheck(OssParser.FeedbackCheckContext f) {
            Text t = text(f.text);
            return t == null ? null : new CheckNode.Feedback(t, Spans.of(f));
        }
    }
}
