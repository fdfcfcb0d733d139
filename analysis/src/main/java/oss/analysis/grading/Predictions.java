package oss.analysis.grading;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import oss.analysis.ExpectationResult;
import oss.analysis.grading.CheckOutcome.Status;
import oss.compiler.assign.Check;
import oss.compiler.expect.CompareOp;
import oss.compiler.expect.Expectation;

/**
 * {@code predict SUBJECT[.METRIC]}: the student's own {@code expect} lines about the subject, and
 * whether the simulator agrees with them. Several lines about one subject must all hold.
 */
final class Predictions {
    private Predictions() {}

    /** The flags that answer one question: {@code predict granted} is answered by {@code expect denied} too. */
    private static final List<List<String>> FLAG_GROUPS = List.of(List.of("granted", "denied"),
            List.of("safe", "unsafe"), List.of("deadlock"), List.of("leaks"), List.of("zombies"));

    static CheckOutcome judge(Check.Predict p, List<ExpectationResult> own, String file) {
        List<ExpectationResult> lines = own.stream().filter(r -> isAbout(p, r.expectation())).toList();
        List<ExpectationResult> about = lines.stream().filter(r -> exact(r.expectation(), p)).toList();
        if (about.isEmpty()) {
            // `expect P2.response < 100 ms` holds for almost any answer: a bound is not a prediction
            String bound = lines.isEmpty() ? "" : " (" + at(file, lines.get(0).expectation()).replaceFirst(": $", "")
                    + ": `" + lines.get(0).expectation().text() + "` is a bound, not a prediction)";
            return new CheckOutcome(p, Status.FAILED, "you did not predict " + subject(p) + ": add " + hint(p)
                    + bound, Optional.empty());
        }
        for (ExpectationResult r : about) {
            if (r.status() == ExpectationResult.Status.FAILED
                    || r.status() == ExpectationResult.Status.UNDECIDED && !r.message().startsWith("undecided")) {
                return new CheckOutcome(p, Status.FAILED, at(file, r.expectation()) + "you predicted "
                        + predicted(r.expectation()) + "; " + computed(r), Optional.empty());
            }
        }
        for (ExpectationResult r : about) {
            if (r.status() == ExpectationResult.Status.UNDECIDED) {
                return new CheckOutcome(p, Status.UNDECIDED, at(file, r.expectation()) + "oss could not decide `"
                        + r.expectation().text() + "` within the grading budget: " + r.message()
                        .replaceFirst("^undecided: ", ""), Optional.empty());
            }
        }
        ExpectationResult first = about.get(0);
        return new CheckOutcome(p, Status.HELD, at(file, first.expectation()) + "you predicted "
                + predicted(first.expectation()) + ", and so it is", Optional.empty());
    }

    /** Whether the student's line {@code e} is a prediction of {@code p}'s subject. */
    static boolean isAbout(Check.Predict p, Expectation e) {
        String s = p.subject();
        Optional<String> metric = p.metric();
        if (metric.isPresent()) {
            String m = metric.get();
            if (e instanceof Expectation.Metric x) {
                return x.process().equals(s) && x.metric().equals(m);
            }
            if (e instanceof Expectation.Variable x) {
                return x.process().equals(s) && x.variable().equals(m);
            }
            if (e instanceof Expectation.Signal x) {
                return x.process().equals(s) && m.equals("signal");
            }
            if (e instanceof Expectation.Machine x) {
                return x.subject().equals(s) && x.metric().equals(m);
            }
            if (e instanceof Expectation.Value x) {
                return reads(x.text(), s + "." + m);
            }
            return false;
        }
        if (e instanceof Expectation.NameList x) {
            return x.list().equals(s);
        }
        if (e instanceof Expectation.Flag x) {
            return FLAG_GROUPS.stream().anyMatch(g -> g.contains(s) && g.contains(x.name()));
        }
        if (e instanceof Expectation.Value x) {
            return reads(x.text(), s);
        }
        return false;
    }

    /**
     * Whether the line states a value rather than a bound: {@code ==} for a metric, a counter, a
     * variable or a signal; {@code S == VALUE} for a value line; any flag or list.
     */
    static boolean exact(Expectation e, Check.Predict p) {
        if (e instanceof Expectation.Metric m) {
            return m.op() == CompareOp.EQ;
        }
        if (e instanceof Expectation.Machine m) {
            return m.op() == CompareOp.EQ;
        }
        if (e instanceof Expectation.Variable v) {
            return v.op() == CompareOp.EQ;
        }
        if (e instanceof Expectation.Signal s) {
            return s.op() == CompareOp.EQ;
        }
        if (e instanceof Expectation.Value v) {
            String name = p.subject() + p.metric().map(m -> "." + m).orElse("");
            String condition = v.text().replaceFirst("^expect\\s+(always\\s+|possible\\s+)?", "").strip();
            return condition.matches(Pattern.quote(name) + "\\s*==\\s*[-\\w.]+");
        }
        return true;
    }

    /** Whether the expect line's condition names {@code name} as a whole word (not {@code P.count} for {@code count}). */
    private static boolean reads(String text, String name) {
        String condition = text.replaceFirst("^expect\\s+(always\\s+|possible\\s+)?", "");
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "(?![\\w.])").matcher(condition).find();
    }

    static String subject(Check.Predict p) {
        return switch (p.subject()) {
            case "granted", "denied" -> "whether the request is granted";
            case "safe", "unsafe" -> "whether the state is safe";
            case "deadlock" -> "whether it deadlocks";
            case "safe_sequence" -> "the safe sequence";
            case "finish_order" -> "the finish order";
            default -> p.subject() + p.metric().map(m -> "." + m).orElse("");
        };
    }

    /** The line to add, in the language's own words. */
    static String hint(Check.Predict p) {
        if (p.metric().isPresent()) {
            return "`expect " + p.subject() + "." + p.metric().get() + " == ...`";
        }
        return switch (p.subject()) {
            case "granted", "denied" -> "`expect granted` or `expect denied`";
            case "safe", "unsafe" -> "`expect safe` or `expect unsafe`";
            case "deadlock" -> "`expect deadlock` or `expect no deadlock`";
            case "leaks" -> "`expect leaks` or `expect no leaks`";
            case "zombies" -> "`expect zombies` or `expect no zombies`";
            case "safe_sequence", "finish_order" -> "`expect " + p.subject() + " [...]`";
            default -> "`expect " + p.subject() + " == ...`";
        };
    }

    /** What the student wrote: the value alone when they wrote {@code ==}, else the whole condition. */
    static String predicted(Expectation e) {
        String body = e.text().replaceFirst("^expect\\s+", "");
        CompareOp op = e instanceof Expectation.Metric m ? m.op() : e instanceof Expectation.Machine m ? m.op()
                : e instanceof Expectation.Variable v ? v.op() : e instanceof Expectation.Signal s ? s.op() : null;
        if (op == CompareOp.EQ) {
            int at = body.indexOf("==");
            if (at >= 0) {
                return body.substring(at + 2).strip();
            }
        }
        if (e instanceof Expectation.NameList l) {
            return l.list().equals("safe_sequence") ? "the safe sequence " + body.substring(l.list().length()).strip()
                    : body;
        }
        return "`" + body + "`";
    }

    /** What the simulator found: the value computed for a metric, else its sentence. */
    private static String computed(ExpectationResult r) {
        Expectation e = r.expectation();
        boolean value = e instanceof Expectation.Metric || e instanceof Expectation.Machine
                || e instanceof Expectation.Variable || e instanceof Expectation.Signal;
        if (value && !r.actual().equals("never") && !r.actual().equals("-")) {
            return "the simulator computed " + r.actual();
        }
        return r.message().startsWith("cannot be judged: ") ? "it " + r.message()
                : "the simulator found: " + r.message();
    }

    private static String at(String file, Expectation e) {
        return e.span().isKnown() ? file + ":" + e.span().line() + ":" + e.span().column() + ": " : "";
    }
}
