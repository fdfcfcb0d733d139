package oss.compiler.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import oss.compiler.AstEquality;
import oss.compiler.parse.OssParsing;
import oss.compiler.parse.ParseResult;
import oss.grammar.OssLexer;

/**
 * For every example and every file under ok/ (scenarios and assignments): the formatted text parses to
 * the same AST (spans aside), formatting twice changes nothing, and every
 * comment survives in order.
 */
class RoundTripTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    static final Path OK = Path.of("src", "test", "resources", "ok");

    static List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(EXAMPLES, OK)) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.toString().endsWith(".oss")).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    @Test
    void thereAreFiles() throws IOException {
        assertTrue(files().size() >= 3);
    }

    @TestFactory
    Stream<DynamicTest> formattingKeepsTheProgramAndTheComments() throws IOException {
        return files().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> {
            String text = Files.readString(p);
            ParseResult original = OssParsing.parse(text);
            assertTrue(original.clean(), p + " should parse cleanly: " + original.diagnostics());
            Optional<String> once = Formatter.format(text);
            assertTrue(once.isPresent(), p + " did not format");
            ParseResult again = OssParsing.parse(once.get());
            assertTrue(again.clean(), "formatted " + p + " does not parse:\n" + once.get() + again.diagnostics());
            Object a = original.ast().isPresent() ? original.ast().get() : original.assignment().orElseThrow();
            Object b = again.ast().isPresent() ? again.ast().get() : again.assignment().orElseThrow();
            assertNull(AstEquality.difference(a, b), () -> "AST changed:\n" + once.get());
            assertEquals(once, Formatter.format(once.get()), "not idempotent");
            assertEquals(comments(text), comments(once.get()), "comments changed");
        }));
    }

    static List<String> comments(String text) {
        List<String> out = new ArrayList<>();
        OssLexer lexer = new OssLexer(CharStreams.fromString(text));
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getType() == OssLexer.LINE_COMMENT || t.getType() == OssLexer.BLOCK_COMMENT) {
                out.add(t.getText().replace("\r\n", "\n").stripTrailing());
            }
        }
        return out;
    }
}
