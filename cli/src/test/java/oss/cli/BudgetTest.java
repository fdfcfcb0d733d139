package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One wall-time budget (--max-time) covers every stage of run, check and explore, compiling included. */
class BudgetTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aLongRunStopsAtTheBudgetSayingWhatRanOutAndHowToRaiseIt() throws Exception {
        // 2^24 lock/unlock pairs: seconds of simulation, far more than the budget of 0.5 s
        Path p = file("long.oss", "scenario \"l\" {\n  mutex m\n  process A {\n    " + "repeat 2 { ".repeat(24)
                + "lock m\n unlock m" + " }".repeat(24) + "\n  }\n}\n");
        long start = System.nanoTime();
        CliTest.Outcome o = CliTest.oss("run", "--max-time", "0.5", p.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("long.oss:3:11: error[OSS2013]: the analysis ran out of its time budget of 0.5 s while"
                + " running the simulation; raise it with --max-time SECONDS"), o.out());
        assertTrue(seconds < 10, seconds + " s");
    }

    @Test
    void theExplorersBudgetCoversCompiling() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            body.append("    lock m\n    unlock m\n");
        }
        Path p = file("big.oss", "scenario \"b\" {\n  mutex m\n  process A {\n" + body + "  }\n}\n");
        for (String cmd : new String[] {"explore", "check", "run"}) {
            CliTest.Outcome o = CliTest.oss(cmd, "--max-time", "0.000001", p.toString());
            assertEquals(1, o.code(), cmd + ": " + o.out() + o.err());
            assertTrue(o.out().contains("big.oss:1:1: error[OSS2013]: the analysis ran out of its time budget of 1.0E-6 s"
                    + " while parsing; raise it with --max-time SECONDS"), cmd + ": " + o.out());
        }
    }

    @Test
    void checksExplorationStopsAtTheCommandsBudget() throws Exception {
        StringBuilder b = new StringBuilder("scenario \"p\" {\n  mutex f[9]\n");
        for (int i = 0; i < 9; i++) {
            b.append("  process P").append(i).append(" { repeat 3 { lock f[").append(i).append("]\n lock f[")
                    .append((i + 1) % 9).append("]\n compute 1 ms\n unlock f[").append((i + 1) % 9)
                    .append("]\n unlock f[").append(i).append("] } }\n");
        }
        Path p = file("phil.oss", b + "}\n");
        long start = System.nanoTime();
        CliTest.Outcome o = CliTest.oss("check", "--max-time", "1", p.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 4.5, seconds + " s: the exploration's own 5 s budget was not cut short");
        assertTrue(o.code() == 1, o.out());
    }

    @Test
    void checkExploresUntilItDecidesNotUntilAStateCount() throws Exception {
        // six philosophers, a doorman letting five sit, two rounds each (the textbook room):
        // 509,919 orbits under the ring's rotations (about 3 million states without symmetry), more
        // than the 500,000 states that check used to stop at
        String text = "scenario \"room\" {\n  mutex fork[6]\n  semaphore room = 5\n"
                + "  process philosopher[i in 0..5] {\n    repeat 2 {\n    P(room)\n    lock fork[i]\n    sleep 1 ms\n"
                + "    lock fork[(i + 1) % 6]\n    compute 2 ms\n    unlock fork[(i + 1) % 6]\n    unlock fork[i]\n"
                + "    V(room)\n  }\n  }\n  expect no deadlock\n}\n";
        Path p = file("room.oss", text);
        CliTest.Outcome o = CliTest.oss("check", "-q", p.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        CliTest.Outcome json = CliTest.oss("check", "--json", p.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("no deadlock in any interleaving \\((\\d+) states")
                .matcher(json.out());
        assertTrue(m.find(), json.out());
        assertTrue(Long.parseLong(m.group(1)) > 500_000, m.group(1));
    }

    @Test
    void aHeapRunningFullEndsTheExplorationWithASentenceNotAnOutOfMemoryError() throws Exception {
        // ten philosophers taking their forks in one global order, no reduction: millions of states
        StringBuilder b = new StringBuilder("scenario \"p\" {\n  mutex f[10]\n");
        for (int i = 0; i < 10; i++) {
            int lo = Math.min(i, (i + 1) % 10);
            int hi = Math.max(i, (i + 1) % 10);
            b.append("  process P").append(i).append(" { repeat 4 { lock f[").append(lo).append("]\n lock f[").append(hi)
                    .append("]\n compute 1 ms\n unlock f[").append(hi).append("]\n unlock f[").append(lo).append("] } }\n");
        }
        Path p = file("ordered.oss", b + "}\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process proc = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "oss.cli.Main", "explore", "--no-por", "--max-states", "100000000", "--max-time", "100", p.toString())
                .redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes());
        int code = proc.waitFor();
        assertTrue(code == 0 || code == 1, code + ": " + out);
        assertTrue(out.contains("the analysis ran out of memory while exploring interleavings"), out);
        assertTrue(!out.contains("OutOfMemoryError") && !out.contains("\tat "), out);
    }

    @Test
    void aBudgetOfZeroOrLessIsAUsageError() throws Exception {
        Path p = file("ok.oss", "scenario \"x\" { process A { compute 1 ms } }\n");
        for (String cmd : new String[] {"run", "check"}) {
            CliTest.Outcome o = CliTest.oss(cmd, "--max-time", "0", p.toString());
            assertEquals(2, o.code(), cmd);
            assertTrue(o.err().contains("--max-time must be a number of seconds above 0"), o.err());
        }
        assertEquals(0, CliTest.oss("run", "--max-time", "30", p.toString()).code());
    }
}
