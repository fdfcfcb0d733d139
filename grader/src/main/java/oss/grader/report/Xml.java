package oss.grader.report;

/**
 * Text made safe for XML 1.0: markup characters escaped, and the characters XML 1.0 cannot hold
 * at all (controls other than tab and newline, lone surrogates, U+FFFE, U+FFFF) removed, since a
 * parser stops at the first one and a CI would then show nothing.
 */
final class Xml {
    private Xml() {}

    static String text(String s) {
        return escape(s, false);
    }

    /** Inside a double-quoted attribute: line breaks kept as character references. */
    static String attribute(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attribute) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
                continue;
            }
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                case '\r' -> {
                    // a line break in text is \n, as a parser would read it; an attribute keeps it exactly
                    if (attribute) {
                        out.append("&#13;");
                    } else if (i + 1 >= s.length() || s.charAt(i + 1) != '\n') {
                        out.append('\n');
                    }
                }
                default -> {
                    if (c >= 0x20 && !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
