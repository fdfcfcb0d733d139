package oss.lsp.services;

import java.util.List;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** STUB: to be implemented (issue 5); the signature is the contract between the server and the services. */
public final class CommandService {
    public static final String RUN = "oss.run";
    public static final String EXPLORE = "oss.explore";

    public static List<String> commands() {
        return List.of(RUN, EXPLORE);
    }

    /** Runs a command on the document; the result is a JSON tree (gson) a client can draw. */
    public Object execute(OssDocument doc, String command, List<Object> arguments, CancelChecker cancel) {
        return null;
    }
}
