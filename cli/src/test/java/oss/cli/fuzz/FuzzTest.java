package oss.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A bounded fuzz run on every build: a fixed seed, so the same inputs each time (about two
 * thousand, stopping early after 25 s on a slow machine). {@code bench/fuzz N [SEED]} runs any
 * number with any seed.
 */
class FuzzTest {
    @Test
    void mutantsAndGeneratedScenariosNeverReachAnInternalErrorAStackTraceOrAnUnstableFormat() throws Exception {
        Fuzz f = new Fuzz(20261204L, Path.of("..", "examples"));
        f.run(0, 2000, 25);
        f.save(Path.of("target", "fuzz-failures"));
        System.out.print(f.report().lines().findFirst().orElse("") + "\n");
        assertTrue(f.failures.isEmpty(), f.report());
        assertTrue(f.inputs >= 50, "only " + f.inputs + " inputs in the time allowed");
    }
}
