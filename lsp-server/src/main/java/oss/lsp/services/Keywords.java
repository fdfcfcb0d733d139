package oss.lsp.services;

import java.util.Set;
import java.util.TreeSet;
import oss.grammar.OssLexer;

/** The language's reserved words, read from the lexer's vocabulary. */
final class Keywords {
    static final Set<String> ALL = load();

    private Keywords() {}

    private static Set<String> load() {
        Set<String> out = new TreeSet<>();
        for (int t = 1; t <= OssLexer.VOCABULARY.getMaxTokenType(); t++) {
            String lit = OssLexer.VOCABULARY.getLiteralName(t);
            if (lit != null && lit.length() > 2 && Character.isLetter(lit.charAt(1))) {
                out.add(lit.substring(1, lit.length() - 1));
            }
        }
        return out;
    }

    static boolean is(String word) {
        return ALL.contains(word);
    }

    /** The keywords that cannot be names (docs/language.md says why); every other keyword can. */
    static final Set<String> RESERVED = Set.of("any", "in");

    static boolean isReserved(String word) {
        return RESERVED.contains(word);
    }
}
