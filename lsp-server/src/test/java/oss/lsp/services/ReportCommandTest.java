package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** oss.report: the same HTML oss run --html writes, for the editor's webview. */
class ReportCommandTest {
    @Test
    void reportCommandGivesTheHtmlWithTheGraph() {
        assertTrue(CommandService.commands().contains(CommandService.REPORT));
        JsonObject o = (JsonObject) new CommandService().execute(Cursor.analysed(DiagnosticServiceTest.PHILOSOPHERS),
                CommandService.REPORT, List.of(Cursor.URI), () -> { });
        String html = o.get("html").getAsString();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<svg class=\"waitgraph\""), "the deadlock is drawn");
        assertTrue(html.contains("class=\"node task cycle\""));
        assertFalse(html.contains("<script"));
    }

    @Test
    void reportOfATimedScenarioHasTheTimeline() {
        String src = CommandAndInlayTest.SRC.replace("compute 2 ms", "compute 2 ms\n    snapshot \"mapped\"");
        JsonObject o = (JsonObject) new CommandService().execute(Cursor.analysed(src),
                CommandService.REPORT, List.of(Cursor.URI), () -> { });
        String html = o.get("html").getAsString();
        assertTrue(html.contains("<rect class=\"slice\""));
        assertTrue(html.contains("<svg class=\"vmamap\""), "process a mapped memory");
        assertTrue(html.contains("snapshot “mapped”"));
    }
}
