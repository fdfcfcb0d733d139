package oss.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Starts the oss language server on a pair of streams (stdin/stdout for `oss lsp`; pipes in tests). */
public final class OssLsp {
    private final OssLanguageServer server;
    private final Launcher<LanguageClient> launcher;

    private OssLsp(OssLanguageServer server, Launcher<LanguageClient> launcher) {
        this.server = server;
        this.launcher = launcher;
    }

    /** Connects a server to the streams; call {@link #listen()} to start reading. */
    public static OssLsp on(InputStream in, OutputStream out, Runnable onExit) {
        OssLanguageServer server = new OssLanguageServer(onExit);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        return new OssLsp(server, launcher);
    }

    /** Starts reading messages; the future completes when the input ends. */
    public Future<Void> listen() {
        return launcher.startListening();
    }

    public OssLanguageServer server() {
        return server;
    }
}
