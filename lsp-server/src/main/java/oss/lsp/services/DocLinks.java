package oss.lsp.services;

import java.util.Locale;
import oss.ir.diag.Code;

/** Links from a diagnostic code to its section of docs/diagnostics.md. */
final class DocLinks {
    static final String DIAGNOSTICS = "https://github.com/oss-lang/oss/blob/main/docs/diagnostics.md";

    private DocLinks() {}

    /** The heading of a code's section, as docs/diagnostics.md writes it: "OSS2101 — deadlock". */
    static String heading(Code c) {
        // a title may end in the errno the code stands for ("(ECHILD)"), which the heading leaves out
        return c.id() + " — " + c.title().replaceFirst("\\s*\\([A-Z]+\\)$", "");
    }

    /**
     * The anchor GitHub generates for a heading: lower case, every character
     * that is not a letter, digit, space, hyphen or underscore dropped, then
     * each space turned into a hyphen ("OSS2101 — deadlock" → "oss2101--deadlock").
     */
    static String anchor(String heading) {
        StringBuilder out = new StringBuilder();
        for (char ch : heading.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            if (ch == ' ') {
                out.append('-');
            } else if (Character.isLetterOrDigit(ch) || ch == '-' || ch == '_') {
                out.append(ch);
            }
        }
        return out.toString();
    }

    static String href(Code c) {
        return DIAGNOSTICS + "#" + anchor(heading(c));
    }
}
