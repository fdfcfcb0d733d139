package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.runtime.observe.RunOptions;
import oss.ir.program.MallocSpec;

/** The free list's malloc.py settings and the expectations on what malloc returned. */
class MallocSettingsTest {
    private static Compilation compile(String kernel, String body, String expects) {
        return Compiler.compile("t.oss", "scenario \"m\" {\n  kernel { " + kernel + " }\n  process P {\n" + body
                + "  }\n" + expects + "}\n");
    }

    private static List<Diagnostic> diagnostics(String kernel, String body, String expects) {
        return Analyzer.analyze("t.oss", "scenario \"m\" {\n  kernel { " + kernel + " }\n  process P {\n" + body
                + "  }\n" + expects + "}\n", new AnalyzeOptions(RunOptions.defaults())).diagnostics();
    }

    @Test
    void everyOptionReachesTheSpecInAnyOrder() {
        Compilation c = compile("malloc freelist worst_fit min_split 4 B align 2 B order size_descending heap 1 KiB"
                + " coalesce header 0 B", "    p = malloc 1 B\n", "");
        assertTrue(c.program().isPresent(), c.diagnostics().toString());
        MallocSpec m = c.program().get().kernel().memory().malloc();
        assertEquals(new MallocSpec(MallocSpec.Kind.FREELIST, 128 << 10, MallocSpec.Fit.WORST, true,
                MallocSpec.Order.SIZE_DESCENDING, 1024, 0, 2, 4), m);
    }

    @Test
    void theDefaultsAreTheOldLayout() {
        Compilation c = compile("malloc freelist first_fit", "    p = malloc 1 B\n", "");
        MallocSpec m = c.program().get().kernel().memory().malloc();
        assertEquals(MallocSpec.Order.ADDRESS, m.order());
        assertEquals(0, m.heapBytes());
        assertEquals(8, m.headerBytes());
        assertEquals(8, m.alignBytes());
        assertEquals(16, m.minSplitBytes());
    }

    @Test
    void nextFitNeedsAddressOrderAndOptionsComeOnce() {
        assertTrue(compile("malloc freelist next_fit order insert_back", "", "").diagnostics().stream()
                .anyMatch(d -> d.code() == Code.BAD_SETTING && d.message().contains("order address")));
        assertTrue(compile("malloc freelist first_fit heap 1 KiB heap 2 KiB", "", "").diagnostics().stream()
                .anyMatch(d -> d.code() == Code.BAD_SETTING && d.message().contains("twice")));
        assertTrue(compile("malloc freelist first_fit order sideways", "", "").diagnostics().stream()
                .anyMatch(d -> d.message().contains("size_ascending")));
    }

    @Test
    void aFailedExpectationOnAnAddressSaysBothValues() {
        List<Diagnostic> ds = diagnostics("malloc freelist first_fit heap 64 B header 0 B align 1 B",
                "    p = malloc 10 B\n    q = malloc 10 B\n", "  expect P.q == 0x55555555a000\n");
        assertTrue(ds.stream().anyMatch(d -> d.code() == Code.EXPECTATION_FAILED
                && d.message().contains("P.q was 0x55555555a00a, expected == 0x55555555a000")), ds.toString());
    }

    @Test
    void anExpectedNullMakesTheFailedMallocTheLessonNotAWarning() {
        List<Diagnostic> ds = diagnostics("malloc freelist first_fit heap 64 B", "    p = malloc 100 B\n",
                "  expect P.p == NULL\n");
        assertTrue(ds.stream().noneMatch(d -> d.code() == Code.EXPECTATION_FAILED), ds.toString());
        assertTrue(ds.stream().anyMatch(d -> d.code() == Code.SYSCALL_ENOMEM
                && d.severity() == oss.ir.diag.Severity.INFO), ds.toString());
    }

    @Test
    void freeBlocksIsForTheFreeListAndVariablesComparedOnlyForEquality() {
        assertTrue(compile("malloc ptmalloc", "    p = malloc 1 B\n", "  expect P.free_blocks == 1\n").diagnostics()
                .stream().anyMatch(d -> d.code() == Code.UNKNOWN_EXPECTATION && d.message().contains("ptmalloc")));
        assertTrue(compile("malloc freelist first_fit", "    p = malloc 1 B\n", "  expect P.p > 0x10\n")
                .diagnostics().stream().anyMatch(d -> d.code() == Code.UNKNOWN_EXPECTATION));
    }
}
