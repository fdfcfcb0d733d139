package oss.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.AssignmentChecker;
import oss.compiler.ast.AssignmentNode;
import oss.compiler.ast.Scenario;
import oss.compiler.check.Diags;
import oss.compiler.expect.Expectation;
import oss.compiler.lockorder.LockOrder;
import oss.compiler.lower.Lowering;
import oss.compiler.parse.OssParsing;
import oss.compiler.parse.ParseResult;
import oss.ir.Deadline;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.program.Program;
import oss.ir.program.Span;

/** Text → {@link Compilation}: parse (with recovery), check, lower; an assignment file is checked, not lowered. Never throws. */
public final class Compiler {
    private Compiler() {}

    /** The lock-order graph's findings: cycles, held at exit, self-deadlock, sleeping under a spinlock. */
    private static List<Diagnostic> lockOrder(Program p) {
        return LockOrder.analyze(p);
    }

    public static Compilation compile(String sourceName, String text) {
        String src = text == null ? "" : text;
        List<Diagnostic> diags = new ArrayList<>();
        Optional<Scenario> ast = Optional.empty();
        Optional<ParseResult> parse = Optional.empty();
        Optional<Program> program = Optional.empty();
        List<Expectation> expectations = List.of();
        Optional<AssignmentNode> assignmentAst = Optional.empty();
        Optional<Assignment> assignment = Optional.empty();
        try {
            Deadline.stage("parsing");
            ParseResult parsed = OssParsing.parse(src);
            parse = Optional.of(parsed);
            Deadline.checkpoint();
            diags.addAll(parsed.diagnostics());
            ast = parsed.ast();
            assignmentAst = parsed.assignment();
            if (assignmentAst.isPresent()) {
                Deadline.stage("checking the assignment");
                Diags checks = new Diags();
                Assignment a = AssignmentChecker.check(assignmentAst.get(), src, parsed.clean(), checks);
                diags.addAll(checks.all());
                if (parsed.clean() && diags.stream().noneMatch(Diagnostic::isError)) {
                    assignment = Optional.of(a);
                }
            }
            if (ast.isEmpty() && assignmentAst.isEmpty() && diags.isEmpty()) {
                diags.add(Diagnostic.of(Code.SYNTAX, new Span(1, 1, 1, 1),
                        "expected `scenario \"title\" { ... }`"));
            }
            if (ast.isPresent()) {
                Diags checks = new Diags();
                Deadline.stage("checking and lowering");
                Lowering.Result r = new Lowering(checks, src).lower(ast.get());
                Deadline.checkpoint();
                diags.addAll(checks.all());
                expectations = r.expectations();
                if (parsed.clean() && diags.stream().noneMatch(Diagnostic::isError)) {
                    program = r.program();
                    Deadline.stage("analysing the lock order");
                    program.ifPresent(p -> diags.addAll(lockOrder(p)));
                }
            }
        } catch (StackOverflowError e) {
            diags.add(Diagnostic.of(Code.TOO_LARGE, new Span(1, 1, 1, 1),
                    "this file is nested too deeply for oss to read"));
        } catch (Deadline.OutOfBudget e) {
            throw e; // the caller says what ran out; nothing of this compilation is kept
        } catch (RuntimeException e) {
            diags.add(Diagnostic.of(Code.INTERNAL, new Span(1, 1, 1, 1), "internal error in the compiler: " + e));
        }
        diags.sort(Diagnostic.BY_POSITION);
        return new Compilation(sourceName, ast, program, expectations, List.copyOf(diags), parse, assignmentAst,
                assignment);
    }
}
