package oss.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.expect.CompareOp;
import oss.compiler.expect.Expectation;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;

/** {@code expect P.syscalls.NAME}: the metric's second word, and names that are no system call. */
class SyscallExpectationTest {
    @Test
    void aSecondWordNamesTheCall() {
        Compilation c = Compiler.compile("s.oss", """
                scenario "s" {
                  process P { compute 1 ms }
                  expect P.syscalls.read == 4
                  expect P.syscalls.write >= 1
                }
                """);
        assertTrue(c.program().isPresent(), c.diagnostics().toString());
        List<Expectation> e = c.expectations();
        Expectation.Metric read = (Expectation.Metric) e.get(0);
        assertEquals(List.of("P", "syscalls.read", CompareOp.EQ, 4L, false),
                List.of(read.process(), read.metric(), read.op(), read.value(), read.isTime()));
        assertEquals(CompareOp.GE, ((Expectation.Metric) e.get(1)).op());
    }

    @Test
    void aNameNoStatementMakesIsAnErrorAtTheName() {
        Compilation bad = Compiler.compile("s.oss", "scenario \"s\" {\n  process P { compute 1 ms }\n"
                + "  expect P.syscalls.reed == 1\n  expect P.files.read == 1\n  expect P.syscalls.read == 1 ms\n}\n");
        List<Diagnostic> d = bad.diagnostics();
        assertEquals(List.of(Code.UNKNOWN_EXPECTATION, Code.UNKNOWN_EXPECTATION, Code.WRONG_UNIT),
                d.stream().map(Diagnostic::code).toList());
        // `syscalls.reed` starts at column 12 of line 3: `  expect P.` is 11 characters
        assertEquals(List.of(3, 12), List.of(d.get(0).span().line(), d.get(0).span().column()));
        assertTrue(d.get(0).message().contains("`read`"), d.get(0).message());
    }
}
