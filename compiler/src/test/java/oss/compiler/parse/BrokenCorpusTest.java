package oss.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.format.Formatter;
import oss.ir.diag.Diagnostic;
import oss.ir.program.Span;

/** Broken files never make the compiler or the formatter throw, and always get a diagnostic at a real place. */
class BrokenCorpusTest {
    static final Path BROKEN = Path.of("src", "test", "resources", "broken");

    static Stream<Path> files() throws IOException {
        return Files.list(BROKEN).filter(p -> p.toString().endsWith(".oss")).sorted();
    }

    @Test
    void thereIsACorpus() throws IOException {
        assertTrue(files().count() >= 30);
    }

    @TestFactory
    Stream<DynamicTest> brokenFilesGetDiagnostics() throws IOException {
        return files().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
            Compilation c = Compiler.compile(p.toString(), text);
            assertFalse(c.diagnostics().isEmpty(), p + " got no diagnostic");
            assertTrue(c.hasErrors(), p + " got no error");
            assertTrue(c.program().isEmpty(), p + " produced a program");
            long lines = text.lines().count() + 1;
            for (Diagnostic d : c.diagnostics()) {
                Span s = d.span();
                assertTrue(s.line() >= 1 && s.column() >= 1, p + ": bad position " + s + " for " + d.message());
                assertTrue(s.line() <= lines + 1, p + ": line past the end " + s);
                assertTrue(s.endLine() > s.line() || (s.endLine() == s.line() && s.endColumn() >= s.column()),
                        p + ": end before start " + s);
                assertFalse(d.message().contains("<EOF>") || d.message().contains("mismatched input")
                        || d.message().contains("expecting {") || d.message().contains("no viable alternative"),
                        p + ": raw parser message: " + d.message());
                assertFalse(d.code().name().equals("INTERNAL"), p + ": internal error " + d.message());
            }
            Formatter.format(text);
        }));
    }
}
