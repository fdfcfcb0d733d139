package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import oss.ir.diag.Diagnostic;

/** Every scenario under examples/ runs, and every `expect` line in it holds. */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".oss")).sorted().toList();
        }
    }

    @Test
    void thereAreExamples() throws IOException {
        assertTrue(examples().size() >= 10, "examples/ should hold the scenarios the README lists");
    }

    @TestFactory
    Stream<DynamicTest> everyExampleMeetsItsExpectations() throws IOException {
        return examples().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
            Analysis a = Analyzer.analyze(path.toString(), Files.readString(path), AnalyzeOptions.defaults());
            List<Diagnostic> errors = a.diagnostics().stream().filter(Diagnostic::isError).toList();
            assertTrue(errors.isEmpty(), () -> path + " has errors:\n" + errors.stream()
                    .map(d -> d.span() + " " + d.code().id() + " " + d.message()).collect(Collectors.joining("\n")));
            assertFalse(a.expectations().isEmpty(), path + " states no expectations");
            for (ExpectationResult r : a.expectations()) {
                assertEquals(ExpectationResult.Status.PASSED, r.status(),
                        () -> path + ": `" + r.expectation().text() + "`: " + r.message());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleIsDeterministic() throws IOException {
        return examples().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
            String text = Files.readString(path);
            Analysis first = Analyzer.analyze(path.toString(), text, AnalyzeOptions.defaults());
            Analysis second = Analyzer.analyze(path.toString(), text, AnalyzeOptions.defaults());
            assertEquals(first.run(), second.run());
            assertEquals(first.diagnostics(), second.diagnostics());
        }));
    }
}
