package oss.compiler.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import oss.compiler.ast.AssignmentNode;
import oss.compiler.ast.Scenario;
import oss.grammar.OssLexer;
import oss.grammar.OssParser;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.program.Span;

/** Text to AST (a scenario's or an assignment's): lexing, the lexer's error tokens, parsing with recovery, and the AST builder. */
public final class OssParsing {
    /** Deeper nesting of braces, parentheses and brackets than this is refused before parsing. */
    public static final int MAX_NESTING = 200;
    /** At most this many lexical diagnostics per file: garbage input gets a few, not thousands. */
    static final int MAX_LEXICAL = 20;

    private OssParsing() {}

    /**
     * A lone CR (classic Mac OS line ends) is a line break to every editor, to LSP and to
     * {@link String#lines()}, but ANTLR counts lines by LF only: a CR-only file was one long line
     * 1, every position in it wrong and every expectation's text empty. Each lone CR becomes an
     * LF, one character for one, so offsets stay; CRLF is left as it is.
     */
    static String loneCrAsLf(String text) {
        if (text.indexOf('\r') < 0) {
            return text;
        }
        char[] c = text.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] == '\r' && (i + 1 == c.length || c[i + 1] != '\n')) {
                c[i] = '\n';
            }
        }
        return new String(c);
    }

    public static ParseResult parse(String text) {
        List<Diagnostic> diags = new ArrayList<>();
        List<Token> tokens = lex(loneCrAsLf(text == null ? "" : text), diags);
        boolean lexClean = diags.isEmpty();

        Diagnostic tooDeep = nestingCheck(tokens);
        if (tooDeep != null) {
            diags.add(tooDeep);
            return new ParseResult(Optional.empty(), Optional.empty(), diags, tokens, false);
        }

        OssParser.FileContext tree = lexClean ? quickParse(tokens) : null;
        OssParser parser = new OssParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.setErrorHandler(new FriendlyErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        Set<Integer> linesWithErrors = new HashSet<>();
        int[] syntaxErrors = {0};
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object offending, int line, int col, String msg,
                                    RecognitionException e) {
                syntaxErrors[0]++;
                Token t = offending instanceof Token tok ? tok : null;
                Span span = t != null ? errorSpan(t) : new Span(line, col + 1, line, col + 1);
                if (linesWithErrors.add(span.line())) {
                    diags.add(Diagnostic.of(Code.SYNTAX, span, msg));
                }
            }
        });
        if (tree == null) {
            tree = parser.file();
        }
        Optional<Scenario> ast = Optional.empty();
        AstBuilder builder = new AstBuilder(diags);
        Optional<AssignmentNode> assignment = Optional.empty();
        if (tree.scenario() != null) {
            ast = Optional.ofNullable(builder.scenario(tree.scenario()));
        } else if (tree.assignment() != null) {
            OssParser.AssignmentContext a = tree.assignment();
            assignment = Optional.ofNullable(builder.safe(a, () -> new AssignmentBuilder(builder).assignment(a)));
        }
        // a node left out by a failing builder makes the AST incomplete: fmt must not print it without that node
        boolean clean = lexClean && syntaxErrors[0] == 0 && builder.failures() == 0;
        return new ParseResult(ast, assignment, diags, tokens, clean);
    }

    /**
     * The first of two stages, as ANTLR's authors advise (and Trino's parser does): SLL prediction,
     * which never looks at the whole context, giving up at the first syntax error. For every input
     * it accepts, its tree is the one full LL would build; it is several times cheaper, cold
     * especially (about 15 ms of a short `oss run`). Null on a syntax error: then the LL parse with
     * recovery and friendly messages runs from the start.
     */
    static OssParser.FileContext quickParse(List<Token> tokens) {
        OssParser parser = new OssParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return parser.file();
        } catch (ParseCancellationException e) {
            return null;
        }
    }

    /** A zero-width or one-token span at the offending token; end-of-line and end-of-file are points. */
    private static Span errorSpan(Token t) {
        Span s = Spans.of(t);
        if (t.getType() == Token.EOF || t.getType() == OssLexer.NL) {
            return new Span(s.line(), s.column(), s.line(), s.column());
        }
        return s;
    }

    /** All tokens; lexical errors become diagnostics and are hidden (or repaired) so the parser goes on. */
    static List<Token> lex(String text, List<Diagnostic> diags) {
        OssLexer lexer = new OssLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> out = new ArrayList<>();
        CommonToken badStart = null;
        StringBuilder bad = new StringBuilder();
        Span badEnd = null;
        while (true) {
            CommonToken t = (CommonToken) lexer.nextToken();
            if (t.getType() == OssLexer.ERROR_CHAR) {
                if (badStart == null || badEnd.endLine() != t.getLine()
                        || badEnd.endColumn() != t.getCharPositionInLine() + 1) {
                    flushBad(badStart, bad, badEnd, diags);
                    badStart = t;
                    bad.setLength(0);
                }
                bad.append(t.getText());
                badEnd = Spans.of(t);
                t.setChannel(Token.HIDDEN_CHANNEL);
            } else {
                flushBad(badStart, bad, badEnd, diags);
                badStart = null;
            }
            if (t.getType() == OssLexer.UNTERMINATED_STRING) {
                diags.add(Diagnostic.of(Code.UNTERMINATED, Spans.of(t),
                        "this string is not closed before the end of the line: add a `\"`"));
                t.setType(OssLexer.STRING);
                String raw = t.getText();
                int brace = raw.lastIndexOf('{');
                if (brace > 0 && raw.substring(brace + 1).isBlank()) {
                    // `scenario "Title {`: the brace was surely meant to open the block
                    String inside = raw.substring(0, brace).stripTrailing();
                    t.setText(inside + "\"");
                    t.setStopIndex(t.getStartIndex() + inside.length() - 1);
                    CommonToken lbrace = new CommonToken(OssLexer.LBRACE, "{");
                    lbrace.setLine(t.getLine());
                    lbrace.setCharPositionInLine(t.getCharPositionInLine() + raw.codePointCount(0, brace));
                    lbrace.setStartIndex(t.getStartIndex() + brace);
                    lbrace.setStopIndex(t.getStartIndex() + brace);
                    out.add(t);
                    t = lbrace;
                } else {
                    t.setText(raw + "\"");
                }
            } else if (t.getType() == OssLexer.UNTERMINATED_COMMENT) {
                Span s = Spans.of(t);
                diags.add(Diagnostic.of(Code.UNTERMINATED, new Span(s.line(), s.column(), s.line(), s.column() + 2),
                        "this comment is not closed: `/*` needs a matching `*/` before the end of the file"));
                t.setChannel(Token.HIDDEN_CHANNEL);
            }
            out.add(t);
            if (t.getType() == Token.EOF) {
                break;
            }
        }
        for (int i = 0; i < out.size(); i++) {
            ((CommonToken) out.get(i)).setTokenIndex(i);
        }
        if (diags.size() > MAX_LEXICAL) {
            Diagnostic last = diags.get(MAX_LEXICAL - 1);
            diags.subList(MAX_LEXICAL, diags.size()).clear();
            diags.set(MAX_LEXICAL - 1, Diagnostic.of(last.code(), last.span(), last.message()
                    + " (and more such characters after it; is this an .oss file?)"));
        }
        return out;
    }

    private static void flushBad(CommonToken start, StringBuilder text, Span end, List<Diagnostic> diags) {
        if (start == null) {
            return;
        }
        Span s = Spans.cover(Spans.of(start), end);
        String shown = text.length() > 20 ? text.substring(0, 17) + "..." : text.toString();
        String msg = text.codePointCount(0, text.length()) == 1
                ? "the character `" + shown + "` is not part of the language"
                : "the characters `" + shown + "` are not part of the language";
        if (text.toString().chars().anyMatch(c -> c > 127)) {
            msg += " (names use the letters a-z, A-Z, digits and `_`)";
        }
        diags.add(Diagnostic.of(Code.BAD_CHARACTER, s, msg));
    }

    private static Diagnostic nestingCheck(List<Token> tokens) {
        int depth = 0;
        for (Token t : tokens) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            int type = t.getType();
            if (type == OssLexer.LBRACE || type == OssLexer.LPAREN || type == OssLexer.LBRACK) {
                depth++;
                if (depth > MAX_NESTING) {
                    return Diagnostic.of(Code.SYNTAX, Spans.of(t),
                            "nested more than " + MAX_NESTING + " levels deep; oss does not read further");
                }
            } else if (type == OssLexer.RBRACE || type == OssLexer.RPAREN || type == OssLexer.RBRACK) {
                depth = Math.max(0, depth - 1);
            }
        }
        return null;
    }
}
