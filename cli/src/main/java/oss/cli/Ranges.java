package oss.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks of the numbers options carry, made before a command does any
 * work: a value outside its range is a usage error in one line (exit 2), never
 * a budget that silently wraps around into a false verdict.
 */
final class Ranges {
    /** A year: more wall time than any analysis is given, and still exact in nanoseconds. */
    static final double MAX_SECONDS = 365 * 24 * 3600;

    private Ranges() {}

    static void atLeast(CommandSpec spec, String option, long value, long min) {
        between(spec, option, value, min, Long.MAX_VALUE);
    }

    static void between(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must be "
                    + (max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max) + ", not " + value);
        }
    }

    /** A wall-time budget in seconds: above 0 and at most a year. */
    static void seconds(CommandSpec spec, String option, double value) {
        if (!(value > 0) || value > MAX_SECONDS) {
            throw new ParameterException(spec.commandLine(), option + " must be a number of seconds above 0 and at"
                    + " most " + (long) MAX_SECONDS + " (a year), not " + value);
        }
    }
}
