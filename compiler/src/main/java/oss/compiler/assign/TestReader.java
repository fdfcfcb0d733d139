package oss.compiler.assign;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.compiler.ast.AssignmentItem;
import oss.compiler.ast.CheckNode;
import oss.compiler.ast.Name;
import oss.compiler.ast.Text;
import oss.compiler.check.Diags;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.Span;

/** One {@code test "name" ATTRS { CHECKS }} to its {@link TestSpec}: attributes, checks, the one feedback. */
final class TestReader {
    private final Diags diags;
    private final CheckReader checks;

    private final boolean complete;

    /** {@code complete}: the file parsed without error, so a test without checks really has none. */
    TestReader(Diags diags, CheckReader checks, boolean complete) {
        this.diags = diags;
        this.checks = checks;
        this.complete = complete;
    }

    TestSpec read(AssignmentItem.Test t, int number) {
        if (t.name().value().isBlank()) {
            diags.report(Code.BAD_ASSIGNMENT, t.name().span(), "a test needs a name: it is what a student reads");
        }
        double points = t.points().map(this::points).orElse(1.0);
        Visibility visibility = Visibility.VISIBLE;
        Name visibilityWord = null;
        Name partial = null;
        for (Name w : t.words()) {
            Optional<Visibility> v = visibility(w.text());
            if (v.isPresent()) {
                if (visibilityWord != null) {
                    diags.report(Code.BAD_ASSIGNMENT, w.span(), "a test has one visibility, and this one is already `"
                            + visibilityWord.text() + "`", visibilityWord.span(), "its visibility");
                } else {
                    visibilityWord = w;
                    visibility = v.get();
                }
            } else if (w.text().equals("partial")) {
                if (partial != null) {
                    diags.report(Code.BAD_ASSIGNMENT, w.span(), "`partial` twice");
                }
                partial = w;
            } else if (w.text().equals("points")) {
                diags.report(Code.BAD_ASSIGNMENT, w.span(), "`points` needs a number, as in `points 2`");
            } else {
                diags.report(Code.BAD_ASSIGNMENT, w.span(), "`" + w.text() + "` is not an attribute of a test"
                        + Suggest.hint(w.text(), AssignmentWords.TEST_WORDS) + " (`points N`, a visibility: `visible`, "
                        + "`hidden`, `after_due_date`, `after_published`, or `partial`)");
            }
        }
        List<Check> built = new ArrayList<>();
        Optional<String> feedback = Optional.empty();
        Span feedbackAt = null;
        int written = 0;
        for (CheckNode c : t.checks()) {
            if (c instanceof CheckNode.Feedback f) {
                if (feedbackAt != null) {
                    diags.report(Code.BAD_ASSIGNMENT, f.span(), "a test has one `feedback`: say it all in one string",
                            feedbackAt, "the first `feedback`");
                } else {
                    feedbackAt = f.span();
                    feedback = Optional.of(unescape(f.text().value()));
                }
                continue;
            }
            written++;
            Check k = checks.read(c);
            if (k != null) {
                built.add(k);
            }
        }
        if (written == 0 && complete) {
            diags.report(Code.EMPTY_TEST, t.name().span(), "this test has no check, so it "
                    + (points > 0 ? "gives its points to every submission that compiles" : "scores nothing")
                    + ": add `expect ...`, `require ...`, `forbid ...`, `unchanged ...` or `predict ...`");
        }
        return new TestSpec(number, t.name().value(), points, visibility, partial != null, built, feedback, t.span());
    }

    private double points(Text p) {
        Optional<BigDecimal> v = Numbers.parse(p.value());
        if (v.isEmpty() || v.get().compareTo(Numbers.MAX_POINTS) > 0) {
            diags.report(Code.BAD_ASSIGNMENT, p.span(), "a test is worth at most " + Numbers.MAX_POINTS + " points");
            return 1;
        }
        if (v.get().signum() == 0) {
            diags.report(Code.EMPTY_TEST, p.span(), "a test of 0 points scores nothing");
        }
        return v.get().doubleValue();
    }

    private static Optional<Visibility> visibility(String word) {
        for (Visibility v : Visibility.values()) {
            if (v.word().equals(word)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** A string's escapes as the student should read them: {@code \"}, {@code \\}, {@code \n}, {@code \t}. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
