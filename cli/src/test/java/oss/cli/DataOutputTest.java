package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the terminal shows of data: final values, the value log, and values along every schedule. */
class DataOutputTest {
    /**
     * One CPU, so the default run does a, then b, then c with nothing interleaved: by hand count
     * ends at 3 and the log is load 0, store 1, load 1, store 2, load 2, store 3. Two processes
     * that interleave their load and store lose an update: the explorer finds count == 2 at the end.
     */
    static final String COUNTER = """
            scenario "counter" {
              machine { cpus 1 }
              int count = 0
              int slot[2] = {4, 5}
              process a {
                count = count + 1
              }
              process b {
                count = count + 1
              }
              process c {
                count = count + 1
              }
              expect always count == 3
            }
            """;

    @Test
    void runPrintsTheSharedVariablesAtTheEndAndTheValueLogOnRequest(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("counter.oss");
        Files.writeString(f, COUNTER);
        CliTest.Outcome o = CliTest.oss("run", f.toString(), "--show", "values");
        assertTrue(o.out().contains("  count = 3   (initially 0)"), o.out());
        assertTrue(o.out().contains("  slot = {4, 5}   (initially {4, 5})"), o.out());
        String log = o.out().substring(o.out().indexOf("Values read and written"));
        int at = 0;
        for (String step : new String[] {"read count = 0", "wrote count = 1", "read count = 1", "wrote count = 2",
            "read count = 2", "wrote count = 3"}) {
            int i = log.indexOf(step, at);
            assertTrue(i >= 0, "in order: " + step + "\n" + log);
            at = i;
        }
    }

    @Test
    void aFailingAlwaysShowsItsInterleavingWithTheValues(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("counter.oss");
        Files.writeString(f, COUNTER);
        CliTest.Outcome o = CliTest.oss("check", f.toString());
        assertEquals(Main.FINDINGS, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("error[OSS3001]"), o.out());
        assertTrue(o.out().contains("an interleaving ends with count = 2"), o.out());
        // the two tasks that lose the update both read 0 (or both read 1) before either writes
        assertTrue(o.out().matches("(?s).*read count = (\\d).*read count = \\1.*wrote count = .*"), o.out());
    }

    @Test
    void anUndecidedExpectationIsShownAsUndecidedNotAsAFailure(@TempDir Path dir) throws Exception {
        // 32 processes and an rwlock are more than the explorer holds: it decides nothing, and the run cannot refute `always`
        Path f = dir.resolve("assert.oss");
        Files.writeString(f, """
                scenario "undecided" {
                  rwlock rw
                  int count = 0
                  process p[i in 0..31] {
                    read_lock rw
                    count = count + 0
                    read_unlock rw
                  }
                  expect always count == 0
                }
                """);
        CliTest.Outcome o = CliTest.oss("run", f.toString());
        assertTrue(o.out().contains("  UNDECIDED  expect always count == 0"), o.out());
    }

    @Test
    void sarifStepsThroughTheFailingInterleavingWithItsValues(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("counter.oss");
        Files.writeString(f, COUNTER);
        CliTest.Outcome o = CliTest.oss("check", "--sarif", f.toString());
        com.google.gson.JsonObject root = com.google.gson.JsonParser.parseString(o.out()).getAsJsonObject();
        com.google.gson.JsonObject failed = null;
        for (com.google.gson.JsonElement r : root.getAsJsonArray("runs").get(0).getAsJsonObject()
                .getAsJsonArray("results")) {
            if (r.getAsJsonObject().get("ruleId").getAsString().equals("OSS3001")) {
                failed = r.getAsJsonObject();
            }
        }
        assertTrue(failed != null && failed.has("codeFlows"), o.out());
        StringBuilder steps = new StringBuilder();
        for (com.google.gson.JsonElement at : failed.getAsJsonArray("codeFlows").get(0).getAsJsonObject()
                .getAsJsonArray("threadFlows").get(0).getAsJsonObject().getAsJsonArray("locations")) {
            steps.append(at.getAsJsonObject().getAsJsonObject("location").getAsJsonObject("message").get("text")
                    .getAsString()).append("\n");
        }
        // the update lost: two tasks read the same value before either writes
        assertTrue(steps.toString().matches("(?s).*: read count = (\\d)\n.*: read count = \\1\n.*wrote count = .*"),
                steps.toString());
    }
}
