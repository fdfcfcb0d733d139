package oss.grader.similarity;

import java.util.ArrayList;
import java.util.List;
import oss.compiler.parse.OssParsing;
import oss.compiler.parse.ParseResult;

/**
 * One submission ready to compare: its normalised tokens, their k-gram hashes, the hashes
 * winnowing keeps, and its lines (to show a match).
 *
 * <p>Only the parser runs, not the whole compiler: the syntax tree is all the comparison needs,
 * and checking or lowering (a process array of 10,000, a hostile {@code repeat}) would cost time
 * for nothing.
 */
record Prepared(Source source, boolean tree, List<Token> tokens, long[] kgrams, List<Winnowing.Fingerprint> kept,
                List<String> lines) {

    /** Why a text cannot be compared, or null when it can. */
    static String unusable(String text) {
        if (text.indexOf('\0') >= 0) {
            return "not text (it contains NUL bytes)";
        }
        if (text.isBlank()) {
            return "empty";
        }
        return null;
    }

    /** The tokens of a text: from its syntax tree, else from the lexer (never null; may be empty). */
    static Normalised normalise(String text) {
        ParseResult parsed = OssParsing.parse(text);
        if (parsed.ast().isPresent()) {
            return new Normalised(true, AstNormaliser.normalise(parsed.ast().get()));
        }
        return new Normalised(false, TokenNormaliser.normalise(parsed.tokens()));
    }

    record Normalised(boolean tree, List<Token> tokens) {}

    /** A submission prepared, or why it is not compared (exactly one of the two). */
    record Or(Prepared prepared, String why) {}

    /** Reads the source and prepares it; the text is not kept. */
    static Prepared of(Source source, SimilarityOptions options) throws Source.Unreadable {
        String text = source.reader().read();
        String why = unusable(text == null ? "" : text);
        if (why != null) {
            throw new Source.Unreadable(why);
        }
        Normalised n = normalise(text);
        long[] hashes = Winnowing.kgrams(n.tokens(), options.k());
        return new Prepared(source, n.tree(), n.tokens(), hashes, Winnowing.winnow(hashes, options.window()),
                lines(text));
    }

    /**
     * Only what finding the pairs needs: a class of large files is not held in memory token by
     * token; the few files in a listed pair are prepared again for their regions.
     */
    Prepared light() {
        return new Prepared(source, tree, List.of(), new long[0], kept, List.of());
    }

    /** Lines as the parser counts them: LF, CRLF and a lone CR each end one. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        text.lines().forEach(l -> out.add(l.replace("\t", "    ")));
        return out;
    }
}
