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
            assertEquals(first.run().map(ExamplesTest::withoutData), second.run().map(ExamplesTest::withoutData));
            // the data's cells are an array, which a record compares by identity: compared by value here
            assertEquals(first.run().map(r -> java.util.Arrays.toString(r.data().shared())),
                    second.run().map(r -> java.util.Arrays.toString(r.data().shared())));
            assertEquals(first.run().map(r -> r.data().values()), second.run().map(r -> r.data().values()));
            assertEquals(first.diagnostics(), second.diagnostics());
        }));
    }

    private static oss.runtime.observe.RunResult withoutData(oss.runtime.observe.RunResult r) {
        return new oss.runtime.observe.RunResult(r.endNs(), r.events(), r.cpus(), r.tasks(), r.gantt(), r.finishOrder(),
                r.findings(), r.deadlocked(), r.budgetExhausted(), r.machine(), r.snapshots(), r.facts(),
                r.scheduleSteps(), r.waits());
    }
}
