package oss.compiler.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import oss.compiler.Compilation;
import oss.compiler.Compiler;

/**
 * The language server formats from the compilation it already has: printing a compilation's
 * parse gives exactly what {@code oss fmt} prints from the text, comments included.
 */
class FormatFromCompilationTest {

    @TestFactory
    Stream<DynamicTest> aCompilationFormatsAsItsText() throws IOException {
        return RoundTripTest.files().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> {
            String text = Files.readString(p);
            Compilation c = Compiler.compile(p.toString(), text);
            assertTrue(Formatter.format(text).isPresent(), p + " did not format");
            assertEquals(Formatter.format(text), Formatter.format(c.parsed().orElseThrow()));
        }));
    }

    @Test
    void aCompilationWithSyntaxErrorsDoesNotFormat() {
        Compilation c = Compiler.compile("t.oss", "scenario \"t\" {\n  // kept\n  process A { compute }\n}\n");
        assertTrue(c.parsed().isPresent());
        assertTrue(Formatter.format(c.parsed().get()).isEmpty());
    }

    @Test
    void aCompilationKeepsTheComments() {
        String text = "scenario \"t\" {\n// first\n  mutex m   // after m\n}\n";
        Compilation c = Compiler.compile("t.oss", text);
        assertEquals("scenario \"t\" {\n  // first\n  mutex m  // after m\n}\n",
                Formatter.format(c.parsed().orElseThrow()).orElseThrow());
    }
}
