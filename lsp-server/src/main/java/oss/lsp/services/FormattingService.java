package oss.lsp.services;

import java.util.List;
import org.eclipse.lsp4j.TextEdit;

/** STUB: to be implemented (issue 5); the signature is the contract between the server and the services. */
public final class FormattingService {
    /** The edits that turn the document into oss fmt's canonical layout; empty when it cannot be parsed. */
    public List<TextEdit> format(OssDocument doc) {
        return List.of();
    }
}
