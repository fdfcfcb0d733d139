package oss.grader.similarity;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import oss.grammar.OssLexer;

/**
 * The fallback for a file with no syntax tree: the lexer's tokens, comments and layout dropped,
 * identifiers all one word ({@code id}, their kind being unknown without a tree), numbers by
 * value, strings one word. Its words are not the tree's, so such a file is compared fairly only
 * with other files that did not parse either: a copy of a broken file is still found.
 */
final class TokenNormaliser {
    private TokenNormaliser() {}

    static List<oss.grader.similarity.Token> normalise(List<Token> tokens) {
        List<oss.grader.similarity.Token> out = new ArrayList<>();
        for (Token t : tokens) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL || t.getType() == Token.EOF || t.getType() == OssLexer.NL) {
                continue;
            }
            String text = switch (t.getType()) {
                case OssLexer.IDENT -> "id";
                case OssLexer.NUMBER -> AstNormaliser.number(t.getText());
                case OssLexer.STRING, OssLexer.UNTERMINATED_STRING -> "str";
                default -> t.getText();
            };
            out.add(new oss.grader.similarity.Token(text, Math.max(1, t.getLine()), 0));
        }
        return out;
    }
}
