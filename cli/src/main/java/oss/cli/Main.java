package oss.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The `oss` command. Exit codes: 0 fine, 1 findings at error level, 2 usage
 * or I/O errors. Everything it shows comes from the compiler's Analyzer;
 * no analysis logic lives here.
 */
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

    CommandLine.Model.CommandSpec spec;

    /** `oss` itself, declared without annotations like `oss run` (RunCommand says why). */
    private static CommandLine.Model.CommandSpec spec() {
        Main main = new Main();
        CommandLine.Model.CommandSpec s = CommandLine.Model.CommandSpec.wrapWithoutInspection(main);
        main.spec = s;
        s.name("oss").versionProvider(new Version());
        s.usageMessage().description("Operating-system scenarios: write processes, locks, resources and a kernel policy; "
                + "oss simulates them deterministically and shows what happened.");
        Commands.standardHelp(s);
        return s;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: run, explore, check, fmt, grade, bench or lsp");
    }

    public static void main(String[] args) {
        // What oss prints must not depend on who runs it ("1.50", never "1,50"). US rather than ROOT:
        // java.util.Formatter formats US numbers without loading any locale data, which costs a short
        // run about 15 ms the first time a number is formatted.
        java.util.Locale.setDefault(java.util.Locale.US);
        Prefetch.start(args);
        System.exit(execute(args));
    }

    /** Runs the command line as `oss` would and returns its exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine cl = commandLine(args);
        return cl.execute(args);
    }

    /** The commands, in the order `oss --help` lists them. */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("run", RunCommand::spec);
        m.put("explore", ExploreCommand::new);
        m.put("check", CheckCommand::new);
        m.put("fmt", FmtCommand::new);
        m.put("bench", BenchCommand::new);
        m.put("lsp", LspCommand::new);
        m.put("grade", GradeCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return m;
    }

    /** Every command: for help, for a mistyped command's message, and for tests. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}. When the first argument names a command, only that one
     * is built: picocli reads each command's annotations by reflection when it is added, and a
     * short `oss run` should not pay for the six it does not use (about 30 ms of its start).
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(spec());
        Supplier<Object> only = args.length > 0 && !args[0].equals("help") ? COMMANDS.get(args[0]) : null;
        if (only != null) {
            cl.addSubcommand(args[0], only.get());
        } else {
            COMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
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
