package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compiler;
import oss.compiler.format.Formatter;
import oss.ir.diag.Diagnostic;
import oss.runtime.observe.RunOptions;

/** CR-only (classic Mac) and CRLF files give the same diagnostics, at the same positions, as LF files. */
class LineEndingsTest {
    private static String describe(List<Diagnostic> ds) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : ds) {
            b.append(d.code().id()).append(' ').append(d.span()).append(' ').append(d.message()).append('\n');
        }
        return b.toString();
    }

    private static List<Diagnostic> analysed(String text) {
        return Analyzer.analyze("e.oss", text, new AnalyzeOptions(RunOptions.defaults(), null)).diagnostics();
    }

    @Test
    void aBrokenScenarioIsReportedAtTheSamePlaces() {
        String lf = "scenario \"x\" {\n  mutex m\n  process A {\n    compute 1 ms\n    lock nosuch\n    lok m\n"
                + "  }\n  expect A.turnaround == 5 ms\n}\n";
        String want = describe(analysed(lf));
        assertTrue(want.contains("OSS1101 5:10") && want.contains("OSS1001 6:"), want);
        assertEquals(want, describe(analysed(lf.replace("\n", "\r"))));
        assertEquals(want, describe(analysed(lf.replace("\n", "\r\n"))));

        String failing = "scenario \"x\" {\n  process A {\n    compute 1 ms\n  }\n  expect A.turnaround == 5 ms\n}\n";
        String expectation = describe(analysed(failing));
        assertTrue(expectation.contains("`expect A.turnaround == 5 ms` does not hold"), expectation);
        assertEquals(expectation, describe(analysed(failing.replace("\n", "\r"))));
    }

    @Test
    void everyExampleCompilesAndFormatsTheSameWithAnyLineEnding() throws Exception {
        for (Path p : ExamplesTest.examples()) {
            String lf = Files.readString(p).replace("\r\n", "\n");
            String want = describe(Compiler.compile("e.oss", lf).diagnostics());
            String formatted = Formatter.format(lf).orElseThrow();
            for (String ending : new String[] {"\r", "\r\n"}) {
                String other = lf.replace("\n", ending);
                assertEquals(want, describe(Compiler.compile("e.oss", other).diagnostics()), p + " with " + ending.length());
                assertEquals(formatted, Formatter.format(other).orElseThrow().replace("\r\n", "\n"), p.toString());
            }
        }
    }
}
