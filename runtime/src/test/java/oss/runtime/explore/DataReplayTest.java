package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import oss.ir.diag.Code;
import oss.ir.program.Program;
import oss.ir.program.SharedData;
import oss.ir.program.Vals;
import oss.ir.program.SharedData.MemoryModel;
import oss.runtime.observe.RunResult;

/**
 * The run and the explorer stay honest with each other on data: every schedule the explorer
 * gives (for a finding, or as the witness or counterexample of an {@code expect always/possible}
 * line) replays in the kernel step for step, flushes included, and a schedule to a final state
 * ends the run with values that decide the line as the explorer did. An assert or data fault the
 * explorer reaches is the one the replayed run reports.
 */
public class DataReplayTest {
    /** Random programs of {@link ReductionAgreementTest} replayed too. */
    static final int RANDOM = 120;

    static List<Program> programs() {
        List<Program> out = new ArrayList<>();
        for (MemoryModel model : MemoryModel.values()) {
            out.add(MemoryModelExploreTest.sb(model, false));
            out.add(MemoryModelExploreTest.sb(model, true));
            out.add(MemoryModelExploreTest.mp(model, false, false));
            out.add(MemoryModelExploreTest.mp(model, true, false));
            out.add(MemoryModelExploreTest.mp(model, false, true));
            out.add(MemoryModelExploreTest.mp(model, true, true));
            out.add(MemoryModelExploreTest.lb(model));
            out.add(MemoryModelExploreTest.iriw(model, false));
            out.add(MemoryModelExploreTest.peterson(model, false));
            out.add(MemoryModelExploreTest.peterson(model, true));
        }
        out.add(DataExploreTest.counter(DataExploreTest::plainIncrement).build());
        for (String text : DataOssTest.TEXTS) {
            out.add(ExploreVerdictTest.compile(text));
        }
        for (int seed = 1; seed <= RANDOM; seed++) {
            out.add(ReductionAgreementTest.random(new java.util.Random(seed), MemoryModel.values()[seed % 3]));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyScheduleReplaysToTheSameValues() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Program p : programs()) {
            String name = (n++) + " " + p.title() + " " + p.data().model();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                for (boolean por : new boolean[] {true, false}) {
                    ExploreResult x = DataExploreTest.explore(p, por);
                    for (ExploreFinding f : x.findings()) {
                        RunResult run = replay(p, f.schedule(), name);
                        if (f.code() == Code.ASSERTION_REACHABLE || f.code() == Code.DATA_FAULT_REACHABLE) {
                            Code inRun = f.code() == Code.ASSERTION_REACHABLE ? Code.ASSERTION_FAILED : Code.DATA_FAULT;
                            assertTrue(run.findings().stream().anyMatch(d -> d.code() == inRun
                                    && d.span().line() == f.at().line()), () -> name + ": replaying "
                                    + f.schedule().format() + " does not reach " + f.message() + ": " + run.findings());
                        }
                        if (f.code() == Code.DEADLOCK_REACHABLE) {
                            assertTrue(run.deadlocked(), name + ": " + f.schedule().format());
                        }
                    }
                    for (PropertyVerdict v : x.properties()) {
                        if (v.schedule().isEmpty()) {
                            continue;
                        }
                        RunResult run = replay(p, v.schedule().get(), name);
                        SharedData.Property prop = p.data().properties().stream()
                                .filter(q -> q.span().equals(v.span())).findFirst().orElseThrow();
                        boolean holds = Vals.truth(prop.condition(), run.data());
                        boolean explorerSaw = v.mode() == SharedData.Property.Mode.POSSIBLE; // a witness, or a counterexample
                        assertEquals(explorerSaw, holds, () -> name + ": " + v.text() + " after "
                                + v.schedule().get().format() + " in the run: " + java.util.Arrays.toString(run.data().shared()));
                    }
                }
            }));
        }
        return tests.stream();
    }

    private static RunResult replay(Program p, Schedule s, String name) {
        return Replayed.run(p, s, name);
    }
}
