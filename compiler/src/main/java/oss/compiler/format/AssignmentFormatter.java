package oss.compiler.format;

import java.util.stream.Collectors;
import oss.compiler.ast.AssignmentItem;
import oss.compiler.ast.AssignmentNode;
import oss.compiler.ast.CheckNode;
import oss.compiler.ast.Setting;

/**
 * The canonical form of an assignment file, in the scenario's layout: submission and starter run
 * on, a blank line before the budget and each test, one setting and one check per line, test
 * attributes as {@code points N} then the words as written, every comment kept.
 */
final class AssignmentFormatter {
    private final Printer out;

    AssignmentFormatter(Printer out) {
        this.out = out;
    }

    void assignment(AssignmentNode a) {
        out.open(a.span(), a.title().span().isKnown() ? a.title().span().line() : a.span().line(),
                "assignment \"" + a.title().value() + "\" {");
        AssignmentItem prev = null;
        for (AssignmentItem item : a.items()) {
            if (prev != null && (isBlock(prev) || isBlock(item))) {
                out.blankBeforeNext();
            }
            item(item);
            prev = item;
        }
        out.close(a.span(), "}", a.span().endLine(), false);
    }

    private static boolean isBlock(AssignmentItem item) {
        return item instanceof AssignmentItem.Budget || item instanceof AssignmentItem.Test;
    }

    private void item(AssignmentItem item) {
        if (item instanceof AssignmentItem.Submission s) {
            out.line(s.span(), s.span().endLine(), "submission \"" + s.path().value() + "\"");
        } else if (item instanceof AssignmentItem.Starter s) {
            out.line(s.span(), s.span().endLine(), "starter \"" + s.path().value() + "\"");
        } else if (item instanceof AssignmentItem.Budget b) {
            out.open(b.span(), b.span().line(), "budget {");
            for (Setting st : b.settings()) {
                out.line(st.span(), st.span().endLine(), Canonical.setting(st));
            }
            out.close(b.span(), "}", b.span().endLine(), false);
        } else if (item instanceof AssignmentItem.Test t) {
            StringBuilder head = new StringBuilder("test \"").append(t.name().value()).append('"');
            t.points().ifPresent(p -> head.append(" points ").append(p.value()));
            t.words().forEach(w -> head.append(' ').append(w.text()));
            out.open(t.span(), t.name().span().line(), head.append(" {").toString());
            for (CheckNode c : t.checks()) {
                out.line(c.span(), c.span().endLine(), check(c));
            }
            out.close(t.span(), "}", t.span().endLine(), false);
        }
    }

    static String check(CheckNode c) {
        if (c instanceof CheckNode.Expect e) {
            return Canonical.expectation(e.expect());
        }
        if (c instanceof CheckNode.Count k) {
            return "require " + k.count().text() + " " + k.kind().text() + k.name().map(n -> " " + n.text()).orElse("")
                    + " " + k.op() + " " + Canonical.expr(k.bound());
        }
        if (c instanceof CheckNode.Require r) {
            return "require " + r.what().text();
        }
        if (c instanceof CheckNode.Forbid f) {
            return "forbid " + f.kinds().stream().map(n -> n.text()).collect(Collectors.joining(", "));
        }
        if (c instanceof CheckNode.Unchanged u) {
            return "unchanged " + u.targets().stream().map(t -> t.kind().text() + t.name().map(n -> " " + n.text())
                    .orElse("")).collect(Collectors.joining(", "));
        }
        if (c instanceof CheckNode.Predict p) {
            return "predict " + Canonical.ref(p.subject()) + p.metric().map(m -> "." + m.text()).orElse("");
        }
        CheckNode.Feedback f = (CheckNode.Feedback) c;
        return "feedback \"" + f.text().value() + "\"";
    }
}
