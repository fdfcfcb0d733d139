package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
    record Outcome(int code, String out, String err) {}

    static Outcome oss(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    static final String EXAMPLES = "../examples/";

    @Test
    void runPrintsTableGanttAndPassingExpectations() {
        Outcome o = oss("run", EXAMPLES + "sched-rr.oss");
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("PID"), o.out());
        assertTrue(o.out().contains("CPU0"), o.out());
        // The Gantt list spells out the textbook schedule.
        assertTrue(o.out().contains("P1 0–4, P2 4–7, P3 7–10, P1 10–30 ms"), o.out());
        assertFalse(o.out().contains("FAIL"), o.out());
    }

    @Test
    void missingFileIsOneClearLineAndExitTwo() {
        Outcome o = oss("run", "no/such/file.oss");
        assertEquals(2, o.code());
        assertEquals("oss: no/such/file.oss: no such file", o.err().strip());
        assertEquals("", o.out());
    }

    @Test
    void unknownOptionIsUsageError() {
        assertEquals(2, oss("run", "--frobnicate", EXAMPLES + "sched-rr.oss").code());
        assertEquals(2, oss("run", "--until", "ten", EXAMPLES + "sched-rr.oss").code());
    }

    @Test
    void checkIsCompilerStyleAndExitsOneOnErrors(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.oss");
        Files.writeString(bad, "scenario \"x\" {\n  mutex m\n  process A {\n    lock n\n  }\n}\n");
        Outcome o = oss("check", "-q", bad.toString());
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().startsWith(bad + ":4:10: error[OSS1101]: "), o.out());
    }

    /** An assignment with a misspelt visibility on line 3 and a test without checks on line 4. */
    static final String ASSIGNMENT = "assignment \"a\" {\n  submission \"s.oss\"\n"
            + "  test \"t\" points 2 hiden { require finishes }\n  test \"u\" { }\n}\n";

    @Test
    void checkGivesAnAssignmentsDiagnostics(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("assignment.oss");
        Files.writeString(a, ASSIGNMENT);
        Outcome o = oss("check", "-q", a.toString());
        assertEquals(1, o.code(), o.out() + o.err());
        assertEquals(a + ":3:21: error[OSS1601]: `hiden` is not an attribute of a test; did you mean `hidden`? "
                + "(`points N`, a visibility: `visible`, `hidden`, `after_due_date`, `after_published`, or `partial`)",
                o.out().strip());
        Outcome all = oss("check", a.toString());
        assertTrue(all.out().contains("OSS1604"), all.out());
        Files.writeString(a, ASSIGNMENT.replace("hiden", "hidden"));
        Outcome clean = oss("check", "-q", a.toString());
        assertEquals(0, clean.code(), clean.out() + clean.err());
    }

    @Test
    void runAndExploreSayAnAssignmentIsGradedNotRun(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("assignment.oss");
        Files.writeString(a, ASSIGNMENT.replace("hiden", "hidden"));
        for (String command : new String[] {"run", "explore"}) {
            Outcome o = oss(command, a.toString());
            assertEquals(1, o.code(), o.out() + o.err());
            assertEquals("", o.out());
            assertEquals("oss: " + a + " is an assignment, not a scenario: grade submissions with `oss grade " + a
                    + " SUBMISSION...`", o.err().strip());
        }
    }

    @Test
    void deadlockIsAnErrorWithEveryMemberRelated(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("two-locks.oss");
        Files.writeString(file, """
                scenario "two locks in opposite orders" {
                  mutex a
                  mutex b
                  process A { lock a; sleep 1 ms; lock b; unlock b; unlock a }
                  process B { lock b; sleep 1 ms; lock a; unlock a; unlock b }
                }
                """);
        Outcome o = oss("check", file.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(o.out().contains("error[OSS2101]"), o.out());
        assertTrue(o.out().contains(file + ":4:"), o.out());
        assertTrue(o.out().contains(file + ":5:"), o.out());
    }

    @Test
    void sarifNamesTheRuleTheLineAndEveryRelatedMember(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("two-locks.oss");
        Files.writeString(file, """
                scenario "two locks in opposite orders" {
                  mutex a
                  mutex b
                  process A { lock a; sleep 1 ms; lock b; unlock b; unlock a }
                  process B { lock b; sleep 1 ms; lock a; unlock a; unlock b }
                }
                """);
        Outcome o = oss("check", "--sarif", file.toString());
        assertEquals(1, o.code(), o.out());
        var root = com.google.gson.JsonParser.parseString(o.out()).getAsJsonObject();
        assertEquals("2.1.0", root.get("version").getAsString());
        var run = root.getAsJsonArray("runs").get(0).getAsJsonObject();
        var result = run.getAsJsonArray("results").asList().stream().map(e -> e.getAsJsonObject())
                .filter(r -> r.get("ruleId").getAsString().equals("OSS2101")).findFirst().orElseThrow();
        assertEquals("error", result.get("level").getAsString());
        var region = result.getAsJsonArray("locations").get(0).getAsJsonObject()
                .getAsJsonObject("physicalLocation").getAsJsonObject("region");
        // A blocks at its `lock b` on line 4; B's `lock a` on line 5 is the related member
        assertEquals(4, region.get("startLine").getAsInt());
        var related = result.getAsJsonArray("relatedLocations").get(0).getAsJsonObject()
                .getAsJsonObject("physicalLocation").getAsJsonObject("region");
        assertEquals(5, related.get("startLine").getAsInt());
        assertTrue(run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules").toString()
                .contains("\"id\":\"OSS2101\""));
    }

    @Test
    void aMicrosecondRunIsShownInMicroseconds() {
        // fork-cow.oss ends within 10 us: "0.001 ms" would hide everything, so the table switches unit
        Outcome o = oss("run", EXAMPLES + "fork-cow.oss");
        assertEquals(0, o.code(), o.out());
        assertTrue(o.out().contains("(times in us;"), o.out());
        Outcome ms = oss("run", EXAMPLES + "sched-fifo.oss");
        assertTrue(ms.out().contains("(times in ms;"), ms.out());
        // address-space.oss lasts 1.012 ms, but its CPU time is 12.086 us: the table is in us, so that
        // value reads as the editor's hover and the report write it, not as "0.012" ms. (It was 12.182 us
        // before the paging-structure caches: they spare 48 upper-level reads, each an L1d hit of 4
        // cycles, and the L1d misses stay 19: 48 x 4 = 192 cycles = 96 ns at 2 GHz.)
        Outcome mixed = oss("run", EXAMPLES + "address-space.oss");
        assertTrue(mixed.out().contains("(times in us;"), mixed.out());
        assertTrue(mixed.out().contains(" 12.086 "), mixed.out());
        assertTrue(mixed.out().contains("Simulated time at the end: 1.012 ms"), mixed.out());
    }

    @Test
    void jsonCarriesTheRun() {
        Outcome o = oss("run", "--json", EXAMPLES + "sched-fifo.oss");
        assertEquals(0, o.code(), o.err());
        var json = com.google.gson.JsonParser.parseString(o.out()).getAsJsonObject();
        var tasks = json.getAsJsonObject("run").getAsJsonArray("tasks");
        assertTrue(tasks.size() >= 3);
        assertEquals(0, json.get("errors").getAsInt());
    }

    @Test
    void untilStopsTheRunEarly() {
        Outcome o = oss("run", "--json", "--until", "4ms", EXAMPLES + "fork-zombie-orphan.oss");
        var run = com.google.gson.JsonParser.parseString(o.out()).getAsJsonObject().getAsJsonObject("run");
        assertTrue(run.get("endNs").getAsLong() <= 4_000_000L, o.out());
        boolean zombie = false;
        for (var t : run.getAsJsonArray("tasks")) {
            zombie |= t.getAsJsonObject().get("state").getAsString().equals("zombie");
        }
        assertTrue(zombie, "at 4 ms the child has exited and is not yet reaped: " + o.out());
    }

    @Test
    void examplesAreInCanonicalForm() throws Exception {
        try (var files = Files.list(Path.of(EXAMPLES))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".oss")).sorted().toList()) {
                Outcome o = oss("fmt", "--check", p.toString());
                assertEquals(0, o.code(), p + ": " + o.err());
            }
        }
    }
}
