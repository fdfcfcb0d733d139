package oss.lsp.services;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.grammar.OssLexer;

/**
 * The document's tokens, lexed once per version: {@code all} of them (comments and spaces too,
 * for colouring and folding) and {@code tokens}, those on the default channel without newlines.
 */
final class Lexed {
    /** How many tokens are lexed between two polls of the cancel checker. */
    private static final int POLL_EVERY = 512;

    final List<Token> all = new ArrayList<>();
    final List<Token> tokens = new ArrayList<>();
    /** For each 0-based line, the index in {@code tokens} of its first token (or of the next line's). */
    private final int[] lineStart;

    Lexed(String text, CancelChecker cancel) {
        cancel.checkCanceled();
        OssLexer lexer = new OssLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (all.size() % POLL_EVERY == 0) {
                cancel.checkCanceled();
            }
            all.add(t);
            if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != OssLexer.NL) {
                tokens.add(t);
            }
        }
        int lines = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).getLine();
        lineStart = new int[lines + 1];
        Arrays.fill(lineStart, tokens.size());
        for (int i = tokens.size() - 1; i >= 0; i--) {
            lineStart[tokens.get(i).getLine() - 1] = i;
        }
        for (int l = lines - 1; l >= 0; l--) {
            lineStart[l] = Math.min(lineStart[l], lineStart[l + 1]);
        }
    }

    /** The index of the token under the caret (or ending right at it), or -1. */
    int at(Position p) {
        if (p.getLine() < 0 || p.getLine() >= lineStart.length) {
            return -1;
        }
        int touching = -1;
        for (int i = lineStart[p.getLine()]; i < tokens.size() && tokens.get(i).getLine() - 1 == p.getLine(); i++) {
            Token t = tokens.get(i);
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
