package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
