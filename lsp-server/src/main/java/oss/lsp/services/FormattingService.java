package oss.lsp.services;

import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.compiler.format.Formatter;

/** oss fmt's canonical layout as one whole-document edit, printed from the version's parse. */
public final class FormattingService {
    /** The edits that turn the document into oss fmt's canonical layout; empty when it cannot be parsed. */
    public List<TextEdit> format(OssDocument doc, CancelChecker cancel) {
        String text = doc.text();
        return doc.compilation(cancel).parsed().flatMap(Formatter::format)
                .filter(formatted -> !formatted.equals(text))
                .map(formatted -> List.of(new TextEdit(new Range(new Position(0, 0), Texts.end(text)), formatted)))
                .orElse(List.of());
    }
}
