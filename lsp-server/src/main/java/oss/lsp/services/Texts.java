package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Position;

/** Lines of a document and the words in them. */
final class Texts {
    private Texts() {}

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(stripCr(text.substring(start, i)));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    static String line(String text, int line) {
        List<String> ls = lines(text);
        return line >= 0 && line < ls.size() ? ls.get(line) : "";
    }

    /** The text of the line before the caret. */
    static String prefix(String text, Position p) {
        String l = line(text, p.getLine());
        return l.substring(0, Math.min(Math.max(p.getCharacter(), 0), l.length()));
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    static boolean isIdentifier(String s) {
        return s != null && s.matches("[a-zA-Z_][a-zA-Z0-9_]*");
    }

    /** The end position of the text, for a whole-document edit. */
    static Position end(String text) {
        List<String> ls = lines(text);
        return new Position(ls.size() - 1, ls.get(ls.size() - 1).length());
    }
}
