package oss.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
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
        Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(FrameFilter.of(in))
                .setOutput(out)
                .setExceptionHandler(OssLsp::responseError)
                .create();
        server.connect(launcher.getRemoteProxy());
        return new OssLsp(server, launcher);
    }

    /**
     * What a request that threw becomes on the wire: an error a person can read, without the
     * Java stack trace lsp4j would put in {@code data} (it goes to stderr instead). Missing or
     * malformed params (a null where the protocol requires an object) are the client's mistake.
     */
    static ResponseError responseError(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause != cause.getCause()
                && (cause instanceof java.util.concurrent.CompletionException
                        || cause instanceof java.lang.reflect.InvocationTargetException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ResponseErrorException e) {
            return e.getResponseError();
        }
        Log.error("a request failed", cause);
        if (cause instanceof NullPointerException) {
            return new ResponseError(ResponseErrorCode.InvalidParams,
                    "the request's params are missing or incomplete", null);
        }
        return new ResponseError(ResponseErrorCode.InternalError, "oss could not answer this request ("
                + cause.getClass().getSimpleName() + "); this is a bug in oss, and the server goes on", null);
    }

    /** Starts reading messages; the future completes when the input ends. */
    public Future<Void> listen() {
        return launcher.startListening();
    }

    public OssLanguageServer server() {
        return server;
    }
}
