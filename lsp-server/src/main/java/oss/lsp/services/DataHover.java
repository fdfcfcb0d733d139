package oss.lsp.services;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.analysis.Analysis;
import oss.analysis.Counterexample;
import oss.compiler.ast.Block;
import oss.compiler.ast.Blocks;
import oss.compiler.ast.Stmt;
import oss.ir.program.Program;
import oss.ir.program.SharedData;
import oss.ir.program.Span;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.ValueEvent;

/**
 * What a variable held, on hover over its name: at this statement in the default run, the values
 * it read and wrote ({@code count: read 0, 1 · wrote 1, 2}); its value when the run ended; and,
 * for a statement on a finding's schedule, the values along that schedule, which is where the
 * lost update or the torn read shows. Values come from the analysis (the run's value log and the
 * replayed counterexamples); nothing is computed here.
 */
final class DataHover {
    /** Values listed per kind of access at one statement; the rest are counted. */
    static final int SHOWN_VALUES = 8;
    /** Schedules a hover walks through at most. */
    static final int SHOWN_SCHEDULES = 3;

    private DataHover() {}

    /** Markdown for variable {@code name} under the caret at {@code pos}, or empty when it is not a variable. */
    static Optional<String> of(OssDocument doc, String name, Position pos, CancelChecker cancel) {
        Optional<Analysis> a = doc.analysis();
        if (a.isEmpty() || a.get().run().isEmpty() || a.get().compilation().program().isEmpty()) {
            return Optional.empty();
        }
        Program program = a.get().compilation().program().get();
        RunResult run = a.get().run().get();
        Optional<SharedData.VarDecl> shared = program.data().variables().stream()
                .filter(v -> v.name().equals(name)).findFirst();
        boolean seen = run.data().values().stream().anyMatch(e -> isOf(e.variable(), name));
        if (shared.isEmpty() && !seen) {
            return Optional.empty();
        }
        StringBuilder md = new StringBuilder();
        Optional<Stmt> st = AstWalk.statementAt(doc, pos, cancel);
        if (st.isPresent()) {
            List<ValueEvent> here = run.data().values().stream()
                    .filter(e -> isOf(e.variable(), name) && owns(st.get(), e.span())).toList();
            if (!here.isEmpty()) {
                md.append("**").append(name).append("** here in the run: ").append(summary(here)).append("\n\n");
            } else {
                md.append("**").append(name).append("**: the run did not read or write it at this statement\n\n");
            }
        }
        shared.ifPresent(v -> md.append(finalValues(v, run)).append("\n\n"));
        if (shared.isEmpty()) {
            lastWritten(run, name).ifPresent(s -> md.append(s).append("\n\n"));
        }
        if (run.data().valuesTruncated()) {
            md.append("_the run logged its first ").append(run.data().values().size())
                    .append(" values only_\n\n");
        }
        st.ifPresent(s -> along(a.get().counterexamples(), s, name, cancel, md));
        return Optional.of(md.toString().strip());
    }

    /** {@code count} and the elements of an array {@code slot}: {@code slot[2]}. */
    private static boolean isOf(String variable, String name) {
        return variable.equals(name) || variable.startsWith(name + "[");
    }

    /** The event happened at this statement itself, not at one nested in its blocks. */
    static boolean owns(Stmt st, Span at) {
        if (!inside(st.span(), at)) {
            return false;
        }
        for (Block b : Blocks.of(st)) {
            for (Stmt inner : b.statements()) {
                if (inside(inner.span(), at)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean inside(Span outer, Span at) {
        boolean afterStart = at.line() > outer.line() || at.line() == outer.line() && at.column() >= outer.column();
        boolean beforeEnd = at.line() < outer.endLine() || at.line() == outer.endLine() && at.column() < outer.endColumn();
        return afterStart && beforeEnd;
    }

    /** {@code read 0, 1 · wrote 1, 2}, per element for an array, each list capped. */
    static String summary(List<ValueEvent> events) {
        Map<String, List<ValueEvent>> byVariable = new LinkedHashMap<>();
        for (ValueEvent e : events) {
            byVariable.computeIfAbsent(e.variable(), k -> new ArrayList<>()).add(e);
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<ValueEvent>> v : byVariable.entrySet()) {
            List<String> kinds = new ArrayList<>();
            for (ValueEvent.Access access : ValueEvent.Access.values()) {
                List<Integer> values = v.getValue().stream().filter(e -> e.access() == access).map(ValueEvent::value)
                        .toList();
                if (!values.isEmpty()) {
                    kinds.add(word(access) + " " + capped(values));
                }
            }
            parts.add((byVariable.size() > 1 ? "`" + v.getKey() + "` " : "") + String.join(" · ", kinds));
        }
        return String.join("; ", parts);
    }

    private static String word(ValueEvent.Access a) {
        return switch (a) {
            case READ -> "read";
            case WRITE -> "wrote";
            case COMMIT -> "reached memory";
        };
    }

    private static String capped(List<Integer> values) {
        List<String> shown = values.stream().limit(SHOWN_VALUES).map(String::valueOf).toList();
        return String.join(", ", shown) + (values.size() > SHOWN_VALUES ? ", … (" + values.size() + " in all)" : "");
    }

    /** A shared variable's value in memory when the run ended (an array element by element). */
    private static String finalValues(SharedData.VarDecl v, RunResult run) {
        int[] cells = run.data().shared();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < v.length(); i++) {
            int at = v.base() + i;
            values.add(String.valueOf(at < cells.length ? cells[at] : v.initial()[i]));
        }
        String shown = v.length() == 1 ? values.get(0) : "{" + String.join(", ", values) + "}";
        String initial = v.length() == 1 ? String.valueOf(v.initial()[0])
                : "{" + String.join(", ", java.util.Arrays.stream(v.initial()).mapToObj(String::valueOf).toList()) + "}";
        return "when the run ended: `" + v.name() + " = " + shown + "` (initially " + initial + ")";
    }

    /** A task's own variable: the value each task last wrote to it. */
    private static Optional<String> lastWritten(RunResult run, String name) {
        Map<Integer, Integer> last = new LinkedHashMap<>();
        for (ValueEvent e : run.data().values()) {
            if (e.variable().equals(name) && e.access() != ValueEvent.Access.READ) {
                last.put(e.pid(), e.value());
            }
        }
        if (last.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        last.forEach((pid, v) -> parts.add("pid " + pid + ": " + v));
        return Optional.of("last written in the run: " + String.join(", ", parts));
    }

    /**
     * What the statement under the caret did on each schedule through it, when the caret is not on
     * a variable: every value each of its steps read and wrote.
     */
    static Optional<String> alongAt(OssDocument doc, Position pos, CancelChecker cancel) {
        Optional<Analysis> a = doc.analysis();
        Optional<Stmt> st = AstWalk.statementAt(doc, pos, cancel);
        if (a.isEmpty() || st.isEmpty() || a.get().counterexamples().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder md = new StringBuilder();
        along(a.get().counterexamples(), st.get(), null, cancel, md);
        return md.length() == 0 ? Optional.empty() : Optional.of(md.toString().strip());
    }

    /** The values this statement read and wrote on each schedule that passes through it ({@code name} null: all). */
    private static void along(List<Counterexample> schedules, Stmt st, String name, CancelChecker cancel,
            StringBuilder md) {
        int shown = 0;
        for (Counterexample cx : schedules) {
            cancel.checkCanceled();
            List<String> steps = new ArrayList<>();
            for (int i = 0; i < cx.steps().size(); i++) {
                Counterexample.Step s = cx.steps().get(i);
                Span at = new Span(s.step().line(), s.step().column(), s.step().line(), s.step().column());
                if (!owns(st, at)) {
                    continue;
                }
                List<String> vals = new ArrayList<>();
                // with no variable named, every value the step read and wrote, each with its variable
                boolean all = name == null;
                s.reads().stream().filter(v -> all || isOf(v.variable(), name))
                        .forEach(v -> vals.add("read " + (all ? v + "" : v.value())));
                s.writes().stream().filter(v -> all || isOf(v.variable(), name))
                        .forEach(v -> vals.add((s.step().flush() ? "to memory " : "wrote ") + (all ? v + "" : v.value())));
                if (!vals.isEmpty()) {
                    steps.add("step " + (i + 1) + ", " + s.who() + ": " + String.join(", ", vals));
                }
            }
            if (steps.isEmpty()) {
                continue;
            }
            if (shown++ == SHOWN_SCHEDULES) {
                md.append("… and more schedules pass here\n");
                break;
            }
            md.append(cx.code() == null ? "On the witness of the expect line" : "On the schedule to " + cx.code().id())
                    .append(" (")
                    .append(cx.at().line()).append(':').append(cx.at().column()).append(", ").append(oss.runtime.explore.Schedule.count(cx.steps().size()))
                    .append("):\n");
            steps.stream().limit(SHOWN_VALUES).forEach(s -> md.append("- ").append(s).append("\n"));
            if (steps.size() > SHOWN_VALUES) {
                md.append("- … ").append(steps.size() - SHOWN_VALUES).append(" more steps\n");
            }
            md.append("\n");
        }
    }
}
