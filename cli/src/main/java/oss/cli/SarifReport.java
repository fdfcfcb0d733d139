package oss.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oss.analysis.Counterexample;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.program.Span;

/**
 * SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, Azure
 * DevOps) read: one run of the tool "oss", a rule per diagnostic code used,
 * a result per finding with its region and related locations. Lets a course
 * put `oss check --sarif` in CI and see findings on the student's lines.
 */
final class SarifReport {
    private SarifReport() {}

    /** A file's findings, and the schedules (replayed, with values) some of them carry in their detail. */
    record FileFindings(String uri, List<Diagnostic> diagnostics, List<Counterexample> schedules) {
        FileFindings(String uri, List<Diagnostic> diagnostics) {
            this(uri, diagnostics, List.of());
        }
    }

    static String of(List<FileFindings> files) {
        Map<String, Code> rules = new TreeMap<>();
        JsonArray results = new JsonArray();
        for (FileFindings f : files) {
            for (Diagnostic d : f.diagnostics()) {
                rules.put(d.code().id(), d.code());
                JsonObject r = new JsonObject();
                r.addProperty("ruleId", d.code().id());
                r.addProperty("level", switch (d.severity()) {
                    case ERROR -> "error";
                    case WARNING -> "warning";
                    case INFO -> "note";
                });
                r.add("message", text(d.detail().isEmpty() ? d.message() : d.message() + "\n" + d.detail()));
                JsonArray locations = new JsonArray();
                locations.add(location(f.uri(), d.span(), null));
                r.add("locations", locations);
                if (!d.related().isEmpty()) {
                    JsonArray related = new JsonArray();
                    int id = 1;
                    for (Related rel : d.related()) {
                        JsonObject loc = location(f.uri(), rel.span(), rel.message());
                        loc.addProperty("id", id++);
                        related.add(loc);
                    }
                    r.add("relatedLocations", related);
                }
                // the interleaving that leads there, as the code flow code-scanning UIs step through
                for (Counterexample cx : f.schedules()) {
                    if (!cx.steps().isEmpty() && d.detail().contains(cx.detail())) {
                        r.add("codeFlows", codeFlows(f.uri(), cx));
                        break;
                    }
                }
                results.add(r);
            }
        }
        JsonArray ruleArray = new JsonArray();
        for (Code c : rules.values()) {
            JsonObject rule = new JsonObject();
            rule.addProperty("id", c.id());
            rule.addProperty("name", camel(c.name()));
            rule.add("shortDescription", text(c.title()));
            JsonObject config = new JsonObject();
            config.addProperty("level", c.severity() == oss.ir.diag.Severity.INFO ? "note"
                    : c.severity().label());
            rule.add("defaultConfiguration", config);
            ruleArray.add(rule);
        }
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "oss");
        String[] version = new Version().getVersion();
        driver.addProperty("semanticVersion", version[0].replace("oss ", "").replace(" ", "-"));
        driver.add("rules", ruleArray);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);
        JsonObject run = new JsonObject();
        run.add("tool", tool);
        run.add("results", results);
        JsonArray runs = new JsonArray();
        runs.add(run);
        JsonObject root = new JsonObject();
        root.addProperty("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.addProperty("version", "2.1.0");
        root.add("runs", runs);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
    }

    /** One thread flow for the whole interleaving: each step says which task ran it and what it read and wrote. */
    private static JsonArray codeFlows(String uri, Counterexample cx) {
        JsonArray locations = new JsonArray();
        int order = 1;
        for (Counterexample.Step st : cx.steps()) {
            String values = st.values();
            JsonObject at = new JsonObject();
            Span span = new Span(st.step().line(), st.step().column(), st.step().line(), st.step().column());
            at.add("location", location(uri, span, st.who() + (st.step().flush() ? ": flush" : "") + (values.isEmpty()
                    ? "" : ": " + values)));
            at.addProperty("executionOrder", order++);
            locations.add(at);
        }
        JsonObject thread = new JsonObject();
        thread.add("locations", locations);
        JsonArray threads = new JsonArray();
        threads.add(thread);
        JsonObject flow = new JsonObject();
        flow.add("message", text("replay with oss run --schedule \"" + cx.replayText() + "\""));
        flow.add("threadFlows", threads);
        JsonArray flows = new JsonArray();
        flows.add(flow);
        return flows;
    }

    private static JsonObject location(String uri, Span span, String message) {
        JsonObject artifact = new JsonObject();
        artifact.addProperty("uri", uri);
        JsonObject physical = new JsonObject();
        physical.add("artifactLocation", artifact);
        if (span != null && span.isKnown()) {
            JsonObject region = new JsonObject();
            region.addProperty("startLine", span.line());
            region.addProperty("startColumn", span.column());
            region.addProperty("endLine", span.endLine());
            region.addProperty("endColumn", span.endColumn());
            physical.add("region", region);
        }
        JsonObject loc = new JsonObject();
        loc.add("physicalLocation", physical);
        if (message != null) {
            loc.add("message", text(message));
        }
        return loc;
    }

    private static JsonObject text(String s) {
        JsonObject o = new JsonObject();
        o.addProperty("text", s);
        return o;
    }

    /** DEADLOCK → Deadlock, UNLOCK_NOT_HELD → UnlockNotHeld: SARIF's rule names are identifiers. */
    private static String camel(String enumName) {
        StringBuilder sb = new StringBuilder();
        for (String part : enumName.toLowerCase(java.util.Locale.ROOT).split("_")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }
}
