package oss.lsp.services;

import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.compiler.format.Formatter;

/**
 * oss fmt's canonical layout as one whole-document edit. The formatter parses the text again:
 * it needs the parser's tokens (the comments), which the compilation does not keep.
 */
public final class FormattingService {
    /** The edits that turn the document into oss fmt's canonical layout; empty when it cannot be parsed. */
    public List<TextEdit> format(OssDocument doc, CancelChecker cancel) {
        cancel.checkCanceled();
        String text = doc.text();
        return Formatter.format(text)
                .filter(formatted -> !formatted.equals(text))
                .map(formatted -> List.of(new TextEdit(new Range(new Position(0, 0), Texts.end(text)), formatted)))
                .orElse(List.of());
    }
}
