package oss.lsp.services;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import oss.analysis.Analysis;
import oss.analysis.ExpectationResult;
import oss.analysis.report.JsonTrees;
import oss.compiler.Compilation;
import oss.ir.diag.Diagnostic;

/**
 * oss.run, oss.explore and oss.report: the deep tier's results of the document as JSON
 * (the same trees {@code oss run --json} and {@code oss explore --json}
 * print), for a client to draw a Gantt chart or replay a schedule.
 */
public final class CommandService {
    public static final String RUN = "oss.run";
    public static final String EXPLORE = "oss.explore";
    /** The HTML report {@code oss run --html} writes, as {"html": "..."}: one renderer for the CLI and the webview. */
    public static final String REPORT = "oss.report";

    public static List<String> commands() {
        return List.of(RUN, EXPLORE, REPORT);
    }

    /** Runs a command on the document; the result is a JSON tree (gson) a client can draw. */
    public Object execute(OssDocument doc, String command, List<Object> arguments, CancelChecker cancel) {
        if (!commands().contains(command)) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "unknown command " + command + "; oss knows " + commands(), null));
        }
        cancel.checkCanceled();
        JsonObject o = new JsonObject();
        o.addProperty("uri", doc.uri());
        o.addProperty("version", doc.version());
        Analysis a = doc.analysis().orElse(null);
        if (a == null) {
            Compilation c = doc.compilation(cancel);
            o.addProperty("error", "the document has not been analysed yet" + (c.hasErrors() ? ": it has errors" : ""));
            o.add("findings", findings(c.diagnostics()));
            return o;
        }
        if (command.equals(REPORT)) {
            o.addProperty("html", oss.analysis.report.html.HtmlReport.render(doc.uri(), doc.text(), a));
            return o;
        }
        if (command.equals(RUN)) {
            a.run().ifPresent(r -> JsonTrees.run(r).entrySet().forEach(e -> o.add(e.getKey(), e.getValue())));
            o.add("findings", findings(a.diagnostics()));
            o.add("expectations", expectations(a.expectations()));
        } else {
            a.explore().ifPresent(r -> JsonTrees.explore(r).entrySet().forEach(e -> o.add(e.getKey(), e.getValue())));
            if (a.explore().isEmpty()) {
                o.addProperty("error", "no exploration: " + (a.hasErrors() ? "the document has errors" : "not run"));
            }
        }
        return o;
    }

    static JsonArray findings(List<Diagnostic> ds) {
        JsonArray out = new JsonArray();
        for (Diagnostic d : ds) {
            JsonObject x = new JsonObject();
            x.addProperty("code", d.code().id());
            x.addProperty("severity", d.severity().label());
            x.addProperty("line", d.span().line());
            x.addProperty("column", d.span().column());
            x.addProperty("message", d.message());
            out.add(x);
        }
        return out;
    }

    static JsonArray expectations(List<ExpectationResult> rs) {
        JsonArray out = new JsonArray();
        for (ExpectationResult r : rs) {
            JsonObject x = new JsonObject();
            x.addProperty("text", r.expectation().text());
            x.addProperty("line", r.expectation().span().line());
            x.addProperty("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            x.addProperty("actual", r.actual());
            x.addProperty("message", r.message());
            out.add(x);
        }
        return out;
    }
}
