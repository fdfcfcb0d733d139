package oss.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What every command built through picocli's programmatic API shares. */
final class Commands {
    private Commands() {}

    /**
     * -h/--help and -V/--version, worded as picocli's mixinStandardHelpOptions words them: the mixin
     * itself is an annotated class, whose reading would bring back the annotation proxies.
     */
    static void standardHelp(CommandSpec s) {
        s.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        s.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }
}
