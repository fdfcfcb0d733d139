package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import oss.lsp.services.CodeActionService.Fix;

/**
 * The quick fix of a "did you mean `x`?": the word the message quotes
 * before it, where it stands in the diagnostic's range, becomes {@code x}.
 * Every diagnostic that makes a suggestion gets one, whatever its code
 * (statements, names, settings, metrics, options).
 */
final class DidYouMean {
    private static final Pattern SUGGESTION = Pattern.compile("did you mean `([^`]+)`\\?");
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");

    private DidYouMean() {}

    static Fix of(OssDocument doc, Diagnostic d) {
        String message = d.getMessage() == null ? "" : d.getMessage();
        Matcher m = SUGGESTION.matcher(message);
        if (!m.find()) {
            return null;
        }
        String suggestion = m.group(1);
        List<String> quoted = new ArrayList<>();
        Matcher q = QUOTED.matcher(message.substring(0, m.start()));
        while (q.find()) {
            quoted.add(q.group(1));
        }
        Range r = d.getRange();
        List<String> lines = doc.lines();
        if (r.getStart().getLine() >= lines.size()) {
            return null;
        }
        // the range's own text, on its first line (a misspelling is one word)
        String line = lines.get(r.getStart().getLine());
        int from = Math.min(r.getStart().getCharacter(), line.length());
        int to = r.getEnd().getLine() == r.getStart().getLine() ? Math.min(r.getEnd().getCharacter(), line.length())
                : line.length();
        String covered = line.substring(from, Math.max(from, to));
        for (int i = quoted.size() - 1; i >= 0; i--) {
            String wrong = quoted.get(i);
            int at = wordAt(covered, wrong);
            if (at >= 0 && !wrong.equals(suggestion)) {
                Position start = new Position(r.getStart().getLine(), from + at);
                Position end = new Position(r.getStart().getLine(), from + at + wrong.length());
                return new Fix("Change `" + wrong + "` to `" + suggestion + "`",
                        List.of(new TextEdit(new Range(start, end), suggestion)));
            }
        }
        return null;
    }

    /** Where {@code word} stands as a whole word in {@code text}, or -1. */
    private static int wordAt(String text, String word) {
        int at = text.indexOf(word);
        while (at >= 0) {
            boolean left = at == 0 || !isWordChar(text.charAt(at - 1));
            boolean right = at + word.length() >= text.length() || !isWordChar(text.charAt(at + word.length()));
            if (left && right) {
                return at;
            }
            at = text.indexOf(word, at + 1);
        }
        return -1;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
