package oss.lsp.services;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.grammar.OssLexer;

/**
 * Where the caret is, for completion: the kind of block it is in (scenario,
 * machine, kernel, banker, body) and the tokens of its line before the word
 * being typed.
 */
final class CompletionContext {
    final String block;
    final List<Token> line = new ArrayList<>();
    final String partial;

    CompletionContext(Lexed lx, Position pos, CancelChecker cancel) {
        Deque<String> blocks = new ArrayDeque<>();
        Token prev = null;
        Token prev2 = null;
        Token lineFirst = null; // the first token of the line the current token is on
        String partialWord = "";
        int seen = 0;
        for (Token t : lx.tokens) {
            if (++seen % 512 == 0) {
                cancel.checkCanceled();
            }
            int line0 = t.getLine() - 1;
            int end = t.getCharPositionInLine() + t.getText().length();
            if (line0 > pos.getLine() || line0 == pos.getLine() && t.getCharPositionInLine() >= pos.getCharacter()) {
                break;
            }
            if (prev == null || prev.getLine() != t.getLine()) {
                lineFirst = t;
            }
            boolean word = t.getType() == OssLexer.IDENT || Keywords.is(t.getText());
            if (line0 == pos.getLine() && end == pos.getCharacter() && word) {
                partialWord = t.getText();
                break;
            }
            if (t.getType() == OssLexer.LBRACE) {
                blocks.push(kindOf(prev, prev2, lineFirst, blocks));
            } else if (t.getType() == OssLexer.RBRACE && !blocks.isEmpty()) {
                blocks.pop();
            }
            if (line0 == pos.getLine()) {
                line.add(t);
            }
            prev2 = prev;
            prev = t;
        }
        this.block = blocks.isEmpty() ? "top" : blocks.peek();
        this.partial = partialWord;
    }

    private static String kindOf(Token prev, Token prev2, Token lineFirst, Deque<String> blocks) {
        int type = prev == null ? -1 : prev.getType();
        if ("assignment".equals(blocks.peek())) {
            // an assignment's items: `budget {`, or a test whose attributes end its line: `test "t" points 2 hidden {`
            return type == OssLexer.BUDGET ? "budget"
                    : lineFirst != null && lineFirst.getType() == OssLexer.TEST ? "test" : "body";
        }
        if (type == OssLexer.STRING && prev2 != null && prev2.getType() == OssLexer.ASSIGNMENT) {
            return "assignment";
        }
        if (type == OssLexer.MACHINE) {
            return "machine";
        } else if (type == OssLexer.KERNEL) {
            return "kernel";
        } else if (type == OssLexer.BANKER) {
            return "banker";
        } else if (type == OssLexer.STRING && prev2 != null && prev2.getType() == OssLexer.SCENARIO) {
            return "scenario";
        }
        return "body";
    }

    /** The last token of the line before the caret's word, or null at the start of a line. */
    Token last() {
        return line.isEmpty() ? null : line.get(line.size() - 1);
    }

    boolean startOfLine() {
        return line.isEmpty();
    }
}
