package oss.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.junit.jupiter.api.Test;
import oss.grammar.OssParser;
import oss.ir.diag.Diagnostic;

/**
 * The SLL stage that parses first must build, for every file it accepts, the tree full LL
 * builds, and must accept the files people write (or each start pays for two parses).
 */
class TwoStageParseTest {
    /** LL's tree, or null when the file has a syntax error (some graded submissions do, on purpose). */
    private static String llTree(List<Token> tokens) {
        OssParser p = new OssParser(new CommonTokenStream(new ListTokenSource(tokens)));
        p.removeErrorListeners();
        p.getInterpreter().setPredictionMode(PredictionMode.LL);
        OssParser.FileContext tree = p.file();
        return p.getNumberOfSyntaxErrors() == 0 ? tree.toStringTree(p) : null;
    }

    @Test
    void everyValidExampleTakesTheQuickPathToTheSameTree() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("..", "examples"), Path.of("src", "test", "resources", "ok"))) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(f -> f.toString().endsWith(".oss")).sorted().forEach(files::add);
            }
        }
        int valid = 0;
        List<String> wrong = new ArrayList<>();
        for (Path path : files) {
            String text = new String(Files.readAllBytes(path), java.nio.charset.StandardCharsets.UTF_8);
            List<Diagnostic> diags = new ArrayList<>();
            List<Token> tokens = OssParsing.lex(text, diags);
            String ll = diags.isEmpty() ? llTree(tokens) : null;
            if (ll == null) {
                continue;
            }
            valid++;
            OssParser.FileContext quick = OssParsing.quickParse(tokens);
            if (quick == null) {
                wrong.add(path + ": SLL gave up on a valid file, which is then parsed twice");
            } else if (!ll.equals(quick.toStringTree(new OssParser(new CommonTokenStream(new ListTokenSource(tokens)))))) {
                wrong.add(path + ": SLL built another tree than LL");
            }
        }
        assertTrue(valid > 120, valid + " valid files");
        assertEquals(List.of(), wrong);
    }

    @Test
    void aSyntaxErrorFallsBackToTheFriendlyParse() {
        String text = "scenario \"s\" {\n  mutex m\n  process A {\n    lock m m\n  }\n}\n";
        assertEquals(null, OssParsing.quickParse(OssParsing.lex(text, new ArrayList<>())));
        ParseResult r = OssParsing.parse(text);
        assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
        assertEquals(4, r.diagnostics().get(0).span().line());
    }
}
