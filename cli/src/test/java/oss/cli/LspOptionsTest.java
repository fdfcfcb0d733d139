package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Editors start servers with transport flags; `oss lsp` must not refuse the stdio one. */
class LspOptionsTest {
    @Test
    void stdioIsAcceptedAndAnythingElseIsNot() {
        CommandLine cli = Main.commandLine();
        CommandLine.ParseResult r = cli.parseArgs("lsp", "--stdio");
        assertEquals("lsp", r.subcommand().commandSpec().name());
        assertTrue(r.subcommand().hasMatchedOption("--stdio"));
        org.junit.jupiter.api.Assertions.assertThrows(CommandLine.UnmatchedArgumentException.class,
                () -> Main.commandLine().parseArgs("lsp", "--socket=5007"));
    }
}
