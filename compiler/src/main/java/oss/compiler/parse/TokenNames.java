package oss.compiler.parse;

import org.antlr.v4.runtime.Token;
import oss.grammar.OssLexer;

/** How a student would call each kind of token. */
public final class TokenNames {
    private TokenNames() {}

    /** The friendly name of a token type, e.g. "a name", "`{`", "end of line". */
    public static String of(int type) {
        return switch (type) {
            case Token.EOF -> "end of file";
            case OssLexer.NL -> "end of line";
            case OssLexer.SEMI -> "`;`";
            case OssLexer.IDENT -> "a name";
            case OssLexer.NUMBER -> "a number";
            case OssLexer.STRING -> "a string in quotes";
            case OssLexer.UNTERMINATED_STRING -> "an unclosed string";
            case OssLexer.ERROR_CHAR -> "a character oss does not know";
            default -> {
                String lit = OssLexer.VOCABULARY.getLiteralName(type);
                yield lit != null ? "`" + lit.substring(1, lit.length() - 1) + "`" : "something else";
            }
        };
    }

    /** How to show the token the parser stumbled on: its text in backquotes, or its friendly name. */
    public static String describe(Token t) {
        if (t == null) {
            return "end of file";
        }
        int type = t.getType();
        if (type == Token.EOF || type == OssLexer.NL) {
            return of(type);
        }
        String text = t.getText();
        if (text == null || text.isBlank()) {
            return of(type);
        }
        if (text.length() > 30) {
            text = text.substring(0, 27) + "...";
        }
        return "`" + text + "`";
    }
}
