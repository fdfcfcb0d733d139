package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

class CommandAndInlayTest {
    static final String SRC = """
            scenario "m" {
              process a {
                x = mmap 4 pages anon private rw
                write x[0 .. 16 KiB] step 4 KiB
                y = malloc 64 B
                compute 2 ms
                free y
              }
            }
            """;

    @Test
    void runCommandGivesTasksGanttAndExpectations() {
        JsonObject o = (JsonObject) new CommandService().execute(Cursor.analysed(SRC), CommandService.RUN,
                List.of(Cursor.URI), () -> { });
        assertTrue(o.has("tasks"), o.toString());
        JsonObject task = o.getAsJsonArray("tasks").asList().stream().map(e -> e.getAsJsonObject())
                .filter(t -> t.get("process").getAsString().equals("a")).findFirst().orElseThrow();
        assertEquals("dead", task.get("state").getAsString());
        assertTrue(task.get("turnaroundNs").getAsLong() >= 2_000_000);
        assertTrue(o.getAsJsonArray("gantt").size() > 0);
        assertTrue(o.has("findings") && o.has("expectations"));
    }

    @Test
    void exploreCommandGivesTheVerdict() {
        JsonObject o = (JsonObject) new CommandService().execute(Cursor.analysed(DiagnosticServiceTest.PHILOSOPHERS),
                CommandService.EXPLORE, List.of(Cursor.URI), () -> { });
        assertEquals("deadlock", o.get("verdict").getAsString());
        JsonObject f = o.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertTrue(f.getAsJsonArray("schedule").size() >= 2, f.toString());
        assertTrue(f.getAsJsonArray("schedule").get(0).getAsJsonObject().has("task"));
    }

    @Test
    void unknownCommandIsInvalidParams() {
        assertThrows(ResponseErrorException.class, () -> new CommandService().execute(Cursor.doc(SRC), "oss.nope",
                List.of(), () -> { }));
    }

    @Test
    void inlayHintsShowAddressesFaultsAndTurnaround() {
        List<InlayHint> hs = new InlayHintService().hints(Cursor.analysed(SRC),
                new Range(new Position(0, 0), new Position(20, 0)), () -> { });
        List<String> labels = hs.stream().map(h -> h.getPosition().getLine() + ":" + h.getLabel().getLeft()).toList();
        assertTrue(labels.stream().anyMatch(l -> l.startsWith("2: → 0x")), labels.toString());
        assertTrue(labels.stream().anyMatch(l -> l.startsWith("4: → 0x")), labels.toString());
        assertTrue(labels.contains("3: 4 faults"), labels.toString());
        assertTrue(labels.stream().anyMatch(l -> l.startsWith("1: turnaround")), labels.toString());
    }
}
