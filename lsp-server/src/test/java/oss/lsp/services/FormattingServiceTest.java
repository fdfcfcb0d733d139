package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

class FormattingServiceTest {
    final FormattingService fmt = new FormattingService();

    @Test
    void messyTextBecomesOneWholeDocumentEdit() {
        String messy = "scenario \"x\" {\nmutex m\n   process a {\n lock m\n      unlock m\n}\n}\n";
        List<TextEdit> edits = fmt.format(Cursor.doc(messy), () -> { });
        assertEquals(1, edits.size());
        assertEquals(0, edits.get(0).getRange().getStart().getLine());
        assertEquals(7, edits.get(0).getRange().getEnd().getLine());
        assertTrue(edits.get(0).getNewText().contains("\n  process a {\n    lock m\n"), edits.get(0).getNewText());
        String canonical = edits.get(0).getNewText();
        assertEquals(List.of(), fmt.format(Cursor.doc(canonical), () -> { }));
    }

    @Test
    void noEditWhenItDoesNotParse() {
        assertEquals(List.of(), fmt.format(Cursor.doc("scenario \"x\" {\n  process a {\n"), () -> { }));
    }
}
