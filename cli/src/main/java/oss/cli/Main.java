package oss.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The `oss` command. Exit codes: 0 fine, 1 findings at error level, 2 usage
 * or I/O errors. Everything it shows comes from the compiler's Analyzer;
 * no analysis logic lives here.
 */
@Command(
        name = "oss",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Operating-system scenarios: write processes, locks, resources and a kernel policy; "
                + "oss simulates them deterministically and shows what happened.",
        subcommands = {RunCommand.class, ExploreCommand.class, CheckCommand.class, FmtCommand.class, BenchCommand.class,
            LspCommand.class, GradeCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;

    /**
     * What `oss run` and `oss explore` say of an assignment file (docs/grading.md): it is graded, not
     * run; exit 1, as for any file that gives nothing to run.
     */
    static String notRunnable(String name) {
        return "oss: " + name + " is an assignment, not a scenario: grade submissions with `oss grade " + name
                + " SUBMISSION...`";
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: run, explore, check, fmt, grade, bench or lsp");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line as `oss` would and returns its exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> USAGE);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("oss: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'oss " + ex.getCommandLine().getCommandName() + " --help'.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("oss: internal error (" + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                    + "); this is a bug in oss");
            return USAGE;
        });
        return cl;
    }
}
