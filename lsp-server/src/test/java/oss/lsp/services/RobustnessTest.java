package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

/** Every service answers at every caret position of broken, empty and odd texts without throwing. */
class RobustnessTest {
    static final List<String> TEXTS = List.of("", "scenario", "scenario \"x\" {", "scenario \"x\" {\n  process a {\n    lock",
            "scenario \"x\" { mutex m process a { lock m[", "/* open comment", "\"unterminated\n@#",
            "scenario \"x\" {\n  process p[i in 0..2] {\n    x = mmap 4 KiB anon private rw\n    write x[i * 4 KiB]\n  }\n}\n",
            DiagnosticServiceTest.PHILOSOPHERS);

    @Test
    void noServiceThrows() {
        for (String text : TEXTS) {
            OssDocument doc = text.equals(DiagnosticServiceTest.PHILOSOPHERS) ? Cursor.analysed(text) : Cursor.doc(text);
            List<String> lines = Texts.lines(text);
            assertDoesNotThrow(() -> {
                new DiagnosticService().fast(doc);
                new DiagnosticService().deep(doc);
                new StructureService().symbols(doc, () -> { });
                new StructureService().folding(doc, () -> { });
                new SemanticTokensService().full(doc, () -> { });
                new FormattingService().format(doc, () -> { });
                new CodeLensService().lenses(doc, () -> { });
                new InlayHintService().hints(doc, new Range(new Position(0, 0), new Position(99, 0)), () -> { });
                new CodeActionService().actions(doc, new Range(new Position(0, 0), new Position(0, 0)),
                        new DiagnosticService().deep(doc), () -> { });
            }, text);
            for (int l = 0; l <= lines.size(); l++) {
                int width = l < lines.size() ? lines.get(l).length() : 3;
                for (int c = 0; c <= width + 1; c++) {
                    Position p = new Position(l, c);
                    assertDoesNotThrow(() -> {
                        new HoverService().hover(doc, p, () -> { });
                        new CompletionService().complete(doc, p, () -> { });
                        new NavigationService().definition(doc, p, () -> { });
                        new NavigationService().references(doc, p, true, () -> { });
                        new NavigationService().highlights(doc, p, () -> { });
                        new NavigationService().prepareRename(doc, p, () -> { });
                        try {
                            new NavigationService().rename(doc, p, "renamed", () -> { });
                        } catch (ResponseErrorException expected) {
                            // a refusal is an answer
                        }
                    }, text + " at " + l + ":" + c);
                }
            }
        }
    }
}
