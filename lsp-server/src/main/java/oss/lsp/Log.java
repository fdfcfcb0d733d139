package oss.lsp;

import java.io.PrintStream;

/** The server's log: stderr only, since stdout is the protocol. */
public final class Log {
    private static final PrintStream ERR = System.err;

    private Log() {}

    public static void info(String message) {
        ERR.println("oss lsp: " + message);
    }

    public static void error(String message, Throwable e) {
        ERR.println("oss lsp: " + message + (e == null ? "" : ": " + e));
        if (e != null && Boolean.getBoolean("oss.lsp.trace")) {
            e.printStackTrace(ERR);
        }
    }
}
