package oss.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import oss.lsp.OssLsp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `oss lsp`: the language server over stdin/stdout. Stdout is the protocol, so System.out is
 * pointed at stderr before anything can print; logs go to stderr.
 */
@Command(name = "lsp", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Run the language server over stdin/stdout (for editors; see README's Editors).")
final class LspCommand implements Callable<Integer> {
    /** Clients started with a stdio transport (vscode-languageclient's TransportKind.stdio) pass it. */
    @Option(names = "--stdio", description = "talk over stdin/stdout (the default and only transport)")
    boolean stdio;

    @Override
    public Integer call() {
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        OssLsp[] self = {null};
        // exit: 0 after shutdown, 1 without (the protocol's rule)
        OssLsp lsp = OssLsp.on(new FileInputStream(FileDescriptor.in), protocol,
                () -> System.exit(self[0] != null && self[0].server().isShutdown() ? Main.OK : 1));
        self[0] = lsp;
        try {
            lsp.listen().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            System.err.println("oss lsp: " + e.getCause());
        }
        // the client closed the stream: without shutdown first, that is an error (LSP's exit rule)
        return lsp.server().isShutdown() ? Main.OK : 1;
    }
}
