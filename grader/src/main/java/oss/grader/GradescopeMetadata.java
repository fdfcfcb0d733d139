package oss.grader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a Gradescope "Export Submissions" {@code submission_metadata.yml} the grader needs:
 * which submitters handed in each {@code submission_NNN} folder. The file is YAML written by Ruby
 * (symbol keys with a leading colon):
 * <pre>
 * submission_123456:
 *   :submitters:
 *   - :name: Ada Lovelace
 *     :sid: '42'
 *     :email: ada@example.edu
 *   :created_at: 2024-01-01 10:00:00.000000000 -08:00
 *   :score: 7.0
 * </pre>
 * Only that subset is read, line by line; everything else (history, scores) is skipped. A YAML
 * library would read more than is needed and is one more thing a hostile export could exercise.
 */
final class GradescopeMetadata {
    static final String FILE = "submission_metadata.yml";

    private GradescopeMetadata() {}

    /** Folder name to its submitters' names, in the file's order; a folder without names is absent. */
    static Map<String, List<String>> parse(String yaml) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String folder = null;
        int submittersIndent = -1;
        int itemIndent = -1;
        int keyIndent = -1;
        for (String line : yaml.lines().toList()) {
            String body = line.stripLeading();
            if (body.isEmpty() || body.startsWith("#") || body.equals("---")) {
                continue;
            }
            int indent = line.length() - body.length();
            if (indent == 0) {
                folder = key(body);
                submittersIndent = -1;
                keyIndent = -1;
                continue;
            }
            if (folder == null) {
                continue;
            }
            if (keyIndent < 0) {
                keyIndent = indent;
            }
            if (submittersIndent < 0) {
                if (indent == keyIndent && body.startsWith(":submitters:")) {
                    submittersIndent = indent;
                }
                continue;
            }
            boolean item = body.startsWith("- ");
            if (!item && indent <= submittersIndent) {
                submittersIndent = indent == keyIndent && body.startsWith(":submitters:") ? indent : -1;
                continue;
            }
            if (item) {
                itemIndent = indent + 2;
                body = body.substring(2).stripLeading();
                indent = itemIndent;
            }
            if (indent == itemIndent && body.startsWith(":name:")) {
                String name = scalar(body.substring(":name:".length()).strip());
                if (!name.isEmpty()) {
                    out.computeIfAbsent(folder, f -> new ArrayList<>()).add(name);
                }
            }
        }
        return out;
    }

    /** {@code submission_1:} → {@code submission_1}; a quoted key unquoted. */
    private static String key(String body) {
        int colon = body.lastIndexOf(':');
        String k = colon > 0 ? body.substring(0, colon).strip() : body.strip();
        return scalar(k);
    }

    /** A plain, single-quoted ({@code ''} is a quote) or double-quoted scalar. */
    static String scalar(String s) {
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            StringBuilder b = new StringBuilder();
            String in = s.substring(1, s.length() - 1);
            for (int i = 0; i < in.length(); i++) {
                char c = in.charAt(i);
                if (c == '\\' && i + 1 < in.length()) {
                    char n = in.charAt(++i);
                    b.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> n;
                    });
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
        int comment = s.indexOf(" #");
        return (comment >= 0 ? s.substring(0, comment) : s).strip();
    }
}
