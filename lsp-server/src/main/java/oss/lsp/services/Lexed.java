package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.Position;
import oss.grammar.OssLexer;

/** The document's tokens on the default channel (no spaces, comments or newlines). */
final class Lexed {
    final List<Token> tokens = new ArrayList<>();

    Lexed(String text) {
        OssLexer lexer = new OssLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        for (Token t : lexer.getAllTokens()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != OssLexer.NL) {
                tokens.add(t);
            }
        }
    }

    /** The index of the token under the caret (or ending right at it), or -1. */
    int at(Position p) {
        int touching = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getLine() - 1 != p.getLine()) {
                continue;
            }
            int start = t.getCharPositionInLine();
            int end = start + t.getText().length();
            if (p.getCharacter() >= start && p.getCharacter() < end) {
                return i;
            }
            if (p.getCharacter() == end) {
                touching = i;
            }
        }
        return touching;
    }

    Token get(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
    }
}
