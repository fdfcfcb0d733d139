package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.compiler.parse.SettingKeys;
import oss.grammar.OssLexer;

/**
 * Tokens from the compiler's own lexer, so colouring never disagrees with
 * parsing: keywords, numbers, strings, comments, operators, units, setting
 * keys, and declared names by what they are (a lock kind is a type, a
 * process a function, a loop index a parameter, a mapping a variable).
 */
public final class SemanticTokensService {
    static final List<String> TYPES = List.of("keyword", "variable", "function", "number", "string", "comment",
            "operator", "type", "property", "enumMember", "parameter");
    static final List<String> MODIFIERS = List.of("declaration", "readonly");
    static final Set<String> UNITS = Set.of("ns", "us", "µs", "ms", "s", "B", "KiB", "MiB", "GiB", "KB", "MB", "GB",
            "pages", "frames", "Hz", "kHz", "MHz", "GHz", "cycles", "entries", "way", "bytes");

    /** The flags of open(2), msgctl(2) and shmctl(2) the language takes, as the TextMate grammar lists them. */
    static final Set<String> CONSTANTS = Set.of("IPC_RMID", "O_RDONLY", "O_WRONLY", "O_RDWR", "O_NONBLOCK", "O_CREAT",
            "O_TRUNC", "O_APPEND");

    public static SemanticTokensLegend legend() {
        return new SemanticTokensLegend(TYPES, MODIFIERS);
    }

    public SemanticTokens full(OssDocument doc, CancelChecker cancel) {
        SymbolIndex names = doc.symbols(cancel);
        Lexed lexed = doc.lexed(cancel);
        List<Integer> data = new ArrayList<>();
        int[] last = {0, 0};
        int previous = -1;
        int seen = 0;
        for (Token t : lexed.all) {
            if (++seen % 512 == 0) {
                cancel.checkCanceled();
            }
            if (t.getType() == OssLexer.WS || t.getType() == OssLexer.NL) {
                continue;
            }
            String type = classify(t, previous, names);
            int modifiers = 0;
            Occurrence o = names.startingAt(t.getLine(), t.getCharPositionInLine() + 1);
            if (o != null && o.declaration()) {
                modifiers |= 1;
            }
            if (type != null) {
                emit(data, last, t, TYPES.indexOf(type), modifiers);
            }
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                previous = t.getType();
            }
        }
        return new SemanticTokens(data);
    }

    private static String classify(Token t, int previous, SymbolIndex names) {
        int type = t.getType();
        if (type == OssLexer.LINE_COMMENT || type == OssLexer.BLOCK_COMMENT || type == OssLexer.UNTERMINATED_COMMENT) {
            return "comment";
        }
        if (type == OssLexer.STRING || type == OssLexer.UNTERMINATED_STRING) {
            return "string";
        }
        if (type == OssLexer.NUMBER) {
            return "number";
        }
        Occurrence o = names.startingAt(t.getLine(), t.getCharPositionInLine() + 1);
        if (o != null) {
            return o.sym().tokenType();
        }
        if (type == OssLexer.IDENT) {
            if (previous == OssLexer.NUMBER && UNITS.contains(t.getText())) {
                return "enumMember";
            }
            if (previous == OssLexer.NO || previous == OssLexer.EXPECT || previous == OssLexer.DOT) {
                return "enumMember";
            }
            if (SettingKeys.MACHINE.contains(t.getText()) || SettingKeys.KERNEL.contains(t.getText())) {
                return "property";
            }
            // A "variable" token outranks the TextMate grammar's constant.language.signal.oss in VS Code,
            // so SIGUSR1 was painted as a variable; as C's macros they are constants, never assigned.
            if (TalkCompletion.SIGNALS.contains(t.getText()) || CONSTANTS.contains(t.getText())) {
                return "enumMember";
            }
            return "variable";
        }
        if (Keywords.is(t.getText())) {
            return previous == OssLexer.NUMBER && UNITS.contains(t.getText()) ? "enumMember" : "keyword";
        }
        if (type == OssLexer.ERROR_CHAR || type == OssLexer.LBRACE || type == OssLexer.RBRACE
                || type == OssLexer.LPAREN || type == OssLexer.RPAREN || type == OssLexer.LBRACK
                || type == OssLexer.RBRACK || type == OssLexer.COMMA || type == OssLexer.SEMI) {
            return null;
        }
        return "operator";
    }

    /** Appends one token per line it covers (a block comment can span several). */
    private static void emit(List<Integer> data, int[] last, Token t, int type, int modifiers) {
        String[] parts = t.getText().split("\r?\n|\r", -1);
        int line = t.getLine() - 1;
        int col = t.getCharPositionInLine();
        for (String part : parts) {
            if (!part.isEmpty()) {
                int deltaLine = line - last[0];
                int deltaStart = deltaLine == 0 ? col - last[1] : col;
                data.add(deltaLine);
                data.add(deltaStart);
                data.add(part.length());
                data.add(type);
                data.add(modifiers);
                last[0] = line;
                last[1] = col;
            }
            line++;
            col = 0;
        }
    }
}
