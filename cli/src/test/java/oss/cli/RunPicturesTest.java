package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** oss run --html / --dot / --trace write the pictures next to the usual report. */
class RunPicturesTest {
    @Test
    void runWritesHtmlDotAndTrace(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");
        Path dot = dir.resolve("graph.dot");
        Path trace = dir.resolve("trace.json");
        CliTest.Outcome o = CliTest.oss("run", CliTest.EXAMPLES + "two-locks-opposite.oss", "--html", html.toString(),
                "--dot", dot.toString(), "--trace", trace.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("Gantt chart"), "the text report is still printed");
        String h = Files.readString(html);
        assertTrue(h.startsWith("<!DOCTYPE html>") && h.contains("<svg class=\"timeline\"")
                && h.contains("<svg class=\"waitgraph\"") && h.contains("<li class=\"step\">"));
        assertTrue(Files.readString(dot).contains("\"t2\" -> \"r_mutex_b\" [label=\"waits\""));
        var events = JsonParser.parseString(Files.readString(trace)).getAsJsonObject().getAsJsonArray("traceEvents");
        assertEquals(2, events.asList().stream().filter(e -> e.getAsJsonObject().get("ph").getAsString().equals("X")).count());
    }

    @Test
    void noDeadlockStillWritesAnEmptyGraph(@TempDir Path dir) throws Exception {
        Path dot = dir.resolve("g.dot");
        CliTest.Outcome o = CliTest.oss("run", CliTest.EXAMPLES + "sched-rr.oss", "--json", "--dot", dot.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.readString(dot).startsWith("digraph wait_for {"));
        assertTrue(o.out().strip().startsWith("{") && o.out().contains("\"expectations\""), "--json output unchanged");
    }

    @Test
    void unwritablePathIsAUsageError(@TempDir Path dir) {
        CliTest.Outcome o = CliTest.oss("run", CliTest.EXAMPLES + "sched-rr.oss", "--html",
                dir.resolve("no/such/dir/r.html").toString());
        assertEquals(Main.USAGE, o.code());
        assertTrue(o.err().contains("cannot write"), o.err());
    }
}
