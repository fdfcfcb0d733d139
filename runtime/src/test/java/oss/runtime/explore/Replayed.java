package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import oss.ir.diag.Code;
import oss.ir.program.Program;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/** The run of an explorer schedule, for the run⇔explore replay tests: it must follow every step. */
final class Replayed {
    private Replayed() {}

    /** Runs {@code p} under {@code s}; fails unless the kernel followed every step without a mismatch. */
    static RunResult run(Program p, Schedule s, String name) {
        RunResult run = Simulator.run(p, RunOptions.defaults().withSchedule(s));
        assertTrue(run.findings().stream().noneMatch(d -> d.code() == Code.SCHEDULE_MISMATCH),
                () -> name + ": " + s.format() + " does not replay: " + run.findings());
        assertEquals(s.steps().size(), run.scheduleSteps(), () -> name + ": steps followed of " + s.format());
        return run;
    }

    /** One dynamic test per example file and per scenario text (named by its scenario's title), each given to {@code check}. */
    static Stream<DynamicTest> tests(List<Path> examples, List<String> texts, BiConsumer<String, String> check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : examples) {
            String text;
            try {
                text = Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String name = p.getFileName().toString();
            tests.add(DynamicTest.dynamicTest(name, () -> check.accept(name, text)));
        }
        for (String text : texts) {
            String name = text.substring(text.indexOf('"') + 1, text.indexOf('"', text.indexOf('"') + 1));
            tests.add(DynamicTest.dynamicTest(name, () -> check.accept(name, text)));
        }
        return tests.stream();
    }

    /**
     * Each scenario explores to the end; it deadlocks exactly when {@code deadlocks} says so, and
     * every `always` and `possible` line holds, as worked out by hand next to it.
     */
    static void holdAsWorkedOut(List<String> texts, java.util.function.Predicate<String> deadlocks) {
        for (String text : texts) {
            ExploreResult x = DataExploreTest.explore(ExploreVerdictTest.compile(text), true);
            assertTrue(x.complete(), x.stoppedBy());
            assertEquals(deadlocks.test(text), x.deadlockFound(), text);
            for (PropertyVerdict v : x.properties()) {
                assertEquals(PropertyVerdict.Outcome.HOLDS, v.outcome(), v.text() + " in\n" + text);
            }
        }
    }
}
