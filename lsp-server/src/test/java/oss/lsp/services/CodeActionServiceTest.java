package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

class CodeActionServiceTest {
    private static List<CodeAction> actions(OssDocument doc, List<Diagnostic> ds) {
        return new CodeActionService().actions(doc, new Range(new Position(0, 0), new Position(0, 0)), ds, () -> { })
                .stream().map(e -> e.getRight()).toList();
    }

    /** Applies the edits of one action to the text (from the end backwards). */
    static String apply(String text, CodeAction a) {
        List<TextEdit> edits = new ArrayList<>(a.getEdit().getChanges().get(Cursor.URI));
        edits.sort(Comparator.comparing((TextEdit e) -> e.getRange().getStart().getLine())
                .thenComparing(e -> e.getRange().getStart().getCharacter()).reversed());
        List<String> lines = new ArrayList<>(Texts.lines(text));
        String out = String.join("\n", lines);
        for (TextEdit e : edits) {
            int start = offset(out, e.getRange().getStart());
            int end = offset(out, e.getRange().getEnd());
            out = out.substring(0, start) + e.getNewText() + out.substring(end);
        }
        return out;
    }

    private static int offset(String text, Position p) {
        int off = 0;
        for (int l = 0; l < p.getLine(); l++) {
            off = text.indexOf('\n', off) + 1;
        }
        return off + p.getCharacter();
    }

    private static List<Diagnostic> diags(OssDocument doc, String code, boolean deep) {
        DiagnosticService ds = new DiagnosticService();
        return (deep ? ds.deep(doc) : ds.fast(doc)).stream().filter(d -> d.getCode().getLeft().equals(code)).toList();
    }

    /** Every diagnostic of {@code src} whose message suggests a word, and the text after taking its fix. */
    private static List<String> suggestionsApplied(String src) {
        OssDocument doc = Cursor.doc(src);
        List<Diagnostic> all = new DiagnosticService().fast(doc).stream()
                .filter(d -> d.getMessage().contains("did you mean")).toList();
        List<String> out = new ArrayList<>();
        for (CodeAction a : actions(doc, all)) {
            if (a.getTitle().startsWith("Change `")) {
                out.add(apply(src, a));
            }
        }
        return out;
    }

    @Test
    void everyDidYouMeanIsAQuickFix() {
        // a statement (a syntax error: no AST), a name, a setting, a setting's value, a metric
        String[][] cases = {
            {"scenario \"x\" {\n  mutex m\n  process a {\n    lok m\n    unlock m\n  }\n}\n", "    lock m\n"},
            {"scenario \"x\" {\n  mutex fork\n  process a {\n    lock frok\n    unlock fork\n  }\n}\n", "    lock fork\n"},
            {"scenario \"x\" {\n  kernel { schedular rr }\n  process a {\n    compute 1 ms\n  }\n}\n", "kernel { scheduler rr }"},
            {"scenario \"x\" {\n  kernel { scheduler mlfk }\n  process a {\n    compute 1 ms\n  }\n}\n", "scheduler mlfq"},
            {"scenario \"x\" {\n  process a {\n    compute 1 ms\n  }\n  expect a.turnround == 1 ms\n}\n", "a.turnaround =="},
        };
        for (String[] c : cases) {
            List<String> fixed = suggestionsApplied(c[0]);
            assertEquals(1, fixed.size(), "one suggestion fix for:\n" + c[0]);
            assertTrue(fixed.get(0).contains(c[1]), fixed.get(0));
            assertTrue(Cursor.doc(fixed.get(0)).compilation().diagnostics().stream()
                    .noneMatch(d -> d.message().contains("did you mean")), fixed.get(0));
        }
    }

    @Test
    void declaresAMissingMutexAfterTheLastDeclaration() {
        String src = "scenario \"x\" {\n  semaphore s = 1\n  process a {\n    lock m\n    unlock m\n  }\n}\n";
        OssDocument doc = Cursor.doc(src);
        List<CodeAction> as = actions(doc, diags(doc, "OSS1101", false));
        assertEquals("Declare `mutex m`", as.get(0).getTitle());
        String fixed = apply(src, as.get(0));
        assertTrue(fixed.contains("  semaphore s = 1\n  mutex m\n  process a"), fixed);
        assertTrue(Cursor.doc(fixed).compilation().diagnostics().isEmpty());
    }

    @Test
    void declaresASemaphoreForP() {
        String src = "scenario \"x\" {\n  mutex m\n  process a {\n    P(room)\n  }\n}\n";
        OssDocument doc = Cursor.doc(src);
        List<CodeAction> as = actions(doc, diags(doc, "OSS1101", false));
        assertTrue(apply(src, as.get(0)).contains("  mutex m\n  semaphore room = 1\n"));
    }

    @Test
    void addsTheMissingUnit() {
        // (malloc 64 is 64 bytes, as in C; an mmap's size could be pages or bytes and needs its unit)
        String src = "scenario \"x\" {\n  process a {\n    compute 3\n    y = mmap 64 anon private rw\n  }\n}\n";
        OssDocument doc = Cursor.doc(src);
        List<CodeAction> as = actions(doc, diags(doc, "OSS1201", false));
        assertEquals(2, as.size());
        String fixed = apply(apply(src, as.get(1)), as.get(0));
        assertTrue(fixed.contains("compute 3 ms\n"), fixed);
        assertTrue(fixed.contains("mmap 64 KiB anon"), fixed);
    }

    @Test
    void reordersACyclicLockOrder() {
        String src = DiagnosticServiceTest.PHILOSOPHERS.replace("sleep 1 ms\n    lock fork[0]", "lock fork[0]")
                .replace("    lock fork[1]\n    lock fork[0]", "    lock fork[1]\n    lock fork[0]");
        src = src.replace("process b {\n    lock fork[1]\n    sleep 1 ms\n    lock fork[0]",
                "process b {\n    lock fork[1]\n    lock fork[0]");
        OssDocument doc = Cursor.doc(src);
        List<Diagnostic> ds = diags(doc, "OSS1304", false);
        assertEquals(1, ds.size(), doc.compilation().diagnostics().toString());
        CodeAction a = actions(doc, ds).get(0);
        String fixed = apply(src, a);
        assertTrue(fixed.contains("process b {\n    lock fork[0]\n    lock fork[1]"), fixed);
        assertTrue(Cursor.doc(fixed).compilation().diagnostics().stream()
                .noneMatch(d -> d.code().id().equals("OSS1304")), fixed);
    }

    @Test
    void reapsAForgottenChild() {
        String src = "scenario \"x\" {\n  semaphore never = 0\n  process a {\n    c = fork {\n      compute 1 ms\n"
                + "    }\n    compute 5 ms\n    P(never)\n  }\n}\n";
        OssDocument doc = Cursor.analysed(src);
        List<Diagnostic> ds = diags(doc, "OSS2006", true);
        assertEquals(1, ds.size(), new DiagnosticService().deep(doc).toString());
        String fixed = apply(src, actions(doc, ds).get(0));
        assertTrue(fixed.contains("    }\n    wait c\n    compute 5 ms"), fixed);
    }
}
