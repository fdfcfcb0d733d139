package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/**
 * Inputs that used to take super-linear time. Each bound is several times what the fixed code
 * needs on a loaded two-core machine and far below what the old code took (in brackets).
 */
class ScalingTest {
    private static Analysis runOnly(String text) {
        return Analyzer.analyze("scaling.oss", text, new AnalyzeOptions(RunOptions.defaults(), null));
    }

    private static String process(String body) {
        return "scenario \"s\" {\n  mutex m\n  mutex k\n  process A {\n" + body + "\n  }\n}\n";
    }

    @Test
    void lockFlowIsLinearInRepeatNesting() {
        // 100 nested repeats; the static walks were 2^depth (20 deep 2 s, 24 deep 25 s, 100 deep never)
        for (String inner : new String[] {"lock m\nlock k\nunlock k\nunlock m", "lock k\nunlock m\nlock m\nunlock k"}) {
            String text = process("repeat 2 { ".repeat(100) + inner + " }".repeat(100));
            Compilation c = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Compiler.compile("n.oss", text));
            assertTrue(c.program().isPresent() || !c.diagnostics().isEmpty());
        }
    }

    @Test
    void aHugeForWithAnEmptyOrBrokenBodyHitsTheUnrollingBudget() {
        // the budget counted emitted ops only: an empty body ran on for 2e9 iterations (> 60 s, 1.3 GB)
        for (String body : new String[] {"", "lock nosuch"}) {
            String text = process("for j in 0..2000000000 { " + body + " }");
            Compilation c = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Compiler.compile("f.oss", text));
            assertTrue(c.diagnostics().stream().anyMatch(d -> d.code().id().equals("OSS1208")
                    && d.message().contains("iterations and statements")), c.diagnostics().toString());
        }
    }

    @Test
    void aLoopOfMmapsIsNearLinear() {
        // every mmap walked all the VMAs below the mmap base (40,000: 60 s)
        Analysis a = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> runOnly(process(
                "repeat 40000 { x = mmap 4 KiB anon private rw\n write x[0 B] }")));
        RunResult r = a.run().orElseThrow();
        assertEquals(40000, Runs.task(r, "A").memory().minorFaults());
    }

    @Test
    void munmapCostsTheMappingsPagesNotTheAddressSpaces() {
        // each munmap (and each VMA at exit) walked every mapped page (50,000 pages, 20,000 munmaps: 31 s)
        Analysis a = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> runOnly(process(
                "x = mmap 200 MiB anon private rw\n for i in 0..49999 { write x[i * 4 KiB] }\n"
                        + "repeat 20000 { y = mmap 4 KiB anon private rw\n write y[0 B]\n munmap y }")));
        assertEquals(70000, Runs.task(a.run().orElseThrow(), "A").memory().minorFaults());
    }

    @Test
    void aLoopOfForksIsNearLinear() {
        // every exit scanned every task for threads of its group (30,000 forks: about 20 s)
        Analysis a = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> runOnly(process(
                "repeat 30000 { c = fork { } }")));
        assertEquals(30002, a.run().orElseThrow().tasks().size());
    }

    @Test
    void thousandsOfUnknownNamesAmongThousandsOfDeclaredOnesCompileFast() {
        // every unknown name rebuilt the list of declared names and measured its distance to each
        // (10,000 and 10,000: 119 s); the lists are kept and there is no guess among more than 500
        StringBuilder b = new StringBuilder("scenario \"s\" {\n");
        for (int i = 0; i < 10000; i++) {
            b.append("  mutex mu").append(i).append('\n');
        }
        b.append("  process A {\n");
        for (int i = 0; i < 10000; i++) {
            b.append("    lock xq").append(i).append('\n');
        }
        String text = b + "  }\n}\n";
        Compilation c = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> Compiler.compile("u.oss", text));
        assertEquals(10000, c.diagnostics().stream().filter(d -> d.code().id().equals("OSS1101")).count());
        Compilation typo = Compiler.compile("t.oss", "scenario \"s\" {\n  mutex fork\n  process A { lock frok }\n}\n");
        assertTrue(typo.diagnostics().get(0).message().contains("did you mean `fork`?"), typo.diagnostics().toString());
    }

    @Test
    void syntaxErrorMessagesAreLinearInTheFile() {
        // each message quoted the statement so far from its first token: 10,000 lines of `choose { } or`
        // are one statement, and formatting them took 30.5 s (71,000 lines: over 60 s)
        String text = "scenario \"s\" {\n  process A {\n" + "    choose { } or\n".repeat(20000) + "  }\n}\n";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> oss.compiler.format.Formatter.format(text));
        Compilation c = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Compiler.compile("c.oss", text));
        assertTrue(c.diagnostics().stream().anyMatch(d -> d.code().id().equals("OSS1001")));
    }

    @Test
    void oneStatementInAHugeUnrolledLoopIsReportedAFewTimesNotOncePerValue() {
        Compilation c = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Compiler.compile("u.oss",
                "scenario \"s\" {\n  mutex arr[3]\n  process A {\n    for z in 0..281474976710656 { trylock arr[3] { } }\n"
                        + "  }\n}\n"));
        long n = c.diagnostics().stream().filter(d -> d.code().id().equals("OSS1204")).count();
        assertTrue(n >= 1 && n <= 10, n + " OSS1204 diagnostics");
    }

    @Test
    void checkOfAHundredThousandForksAnswers() {
        Analysis a = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Analyzer.analyze("c.oss",
                process("repeat 100000 { c = fork { } }"), AnalyzeOptions.defaults()));
        assertTrue(a.diagnostics().stream().anyMatch(d -> d.code().id().equals("OSS2012")), a.diagnostics().toString());
    }
}
