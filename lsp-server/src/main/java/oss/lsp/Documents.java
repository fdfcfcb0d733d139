package oss.lsp;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import oss.lsp.services.OssDocument;

/**
 * The open documents, by URI: each entry is the newest version the client sent, with its
 * fast-tier compilation. Thread-safe; requests read it while notifications replace entries.
 * Also the text arithmetic of incremental sync (LSP positions are UTF-16 code units, as
 * Java's chars are).
 */
public final class Documents {
    private final ConcurrentHashMap<String, OssDocument> open = new ConcurrentHashMap<>();

    /** The newest version of {@code uri}, or null when it is not open (or uri is null). */
    public OssDocument get(String uri) {
        return uri == null ? null : open.get(uri);
    }

    void put(OssDocument doc) {
        open.put(doc.uri(), doc);
    }

    OssDocument remove(String uri) {
        return uri == null ? null : open.remove(uri);
    }

    /** Is {@code doc} still the newest version of its URI? */
    public boolean isCurrent(OssDocument doc) {
        return open.get(doc.uri()) == doc;
    }

    public Collection<OssDocument> all() {
        return open.values();
    }

    /** The text after the client's changes, applied in order (a change without a range replaces everything). */
    static String apply(String text, List<TextDocumentContentChangeEvent> changes) {
        String t = text;
        for (TextDocumentContentChangeEvent c : changes) {
            if (c == null || c.getText() == null) {
                continue;
            }
            Range r = c.getRange();
            if (r == null || r.getStart() == null || r.getEnd() == null) {
                t = c.getText();
                continue;
            }
            int start = offset(t, r.getStart());
            int end = offset(t, r.getEnd());
            if (end < start) {
                int s = start;
                start = end;
                end = s;
            }
            t = new StringBuilder(t.length() + c.getText().length()).append(t, 0, start).append(c.getText())
                    .append(t, end, t.length()).toString();
        }
        return t;
    }

    /** The offset of {@code p} in {@code text}, clamped into the text (past a line's end means its end). */
    static int offset(String text, Position p) {
        int line = Math.max(0, p.getLine());
        int lineStart = 0;
        for (int l = 0; l < line; l++) {
            int nl = text.indexOf('\n', lineStart);
            if (nl < 0) {
                return text.length();
            }
            lineStart = nl + 1;
        }
        int lineEnd = lineEnd(text, lineStart);
        return lineStart + Math.min(Math.max(0, p.getCharacter()), lineEnd - lineStart);
    }

    /** {@code p} moved to the nearest position that exists in {@code text}. */
    public static Position clamp(String text, Position p) {
        if (p == null) {
            return new Position(0, 0);
        }
        int line = Math.max(0, p.getLine());
        int lineStart = 0;
        int l = 0;
        while (l < line) {
            int nl = text.indexOf('\n', lineStart);
            if (nl < 0) {
                break;
            }
            lineStart = nl + 1;
            l++;
        }
        int lineEnd = lineEnd(text, lineStart);
        int ch = Math.min(Math.max(0, p.getCharacter()), lineEnd - lineStart);
        if (l < line) { // past the last line: its end
            ch = lineEnd - lineStart;
        }
        return new Position(l, ch);
    }

    public static Range clamp(String text, Range r) {
        if (r == null) {
            return new Range(new Position(0, 0), clamp(text, new Position(Integer.MAX_VALUE, Integer.MAX_VALUE)));
        }
        return new Range(clamp(text, r.getStart()), clamp(text, r.getEnd()));
    }

    private static int lineEnd(String text, int lineStart) {
        int nl = text.indexOf('\n', lineStart);
        int end = nl < 0 ? text.length() : nl;
        if (end > lineStart && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }
}
