package oss.runtime;

import oss.runtime.kernel.Kernel;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.ir.program.Program;

/**
 * The headless entry point: compile a scenario to a {@link Program} (the
 * compiler module does that), then call {@link #run}. A run is a pure
 * function of the program and the options: same input, same result.
 */
public final class Simulator {
    private Simulator() {}

    public static RunResult run(Program program, RunOptions options) {
        return new Kernel(program, options).run();
    }
}
