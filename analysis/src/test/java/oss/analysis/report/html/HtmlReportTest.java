package oss.analysis.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import oss.analysis.Analysis;
import oss.analysis.AnalyzeOptions;
import oss.analysis.Analyzer;
import oss.runtime.observe.GanttSlice;
import oss.runtime.observe.RunResult;

/** The report of real examples: what each picture must show, counted in the HTML, DOT and trace JSON. */
class HtmlReportTest {
    record Doc(String name, String text, Analysis analysis, String html) {}

    static Doc render(String example) throws IOException {
        Path p = Path.of("..", "examples", example);
        String text = Files.readString(p);
        Analysis a = Analyzer.analyze(p.toString(), text, AnalyzeOptions.defaults());
        return new Doc(p.toString(), text, a, HtmlReport.render(p.toString(), text, a));
    }

    static int count(String haystack, String regex) {
        Matcher m = Pattern.compile(regex).matcher(haystack);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Self-contained and CSP-friendly: no script, no inline handler, nothing fetched from elsewhere. */
    static void assertSelfContained(String html) {
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.toLowerCase().contains("<script"), "no script");
        assertFalse(Pattern.compile("<[^>]*\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no inline event handler");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external resource");
        assertFalse(html.contains("<link"), "no stylesheet link");
    }

    static String renderText(String text, AnalyzeOptions options) {
        Analysis a = Analyzer.analyze("t.oss", text, options);
        return HtmlReport.render("t.oss", text, a);
    }

    @Test
    void everyTextIsAtLeastElevenPixelsAndPicturesKeepTheirSizeInTheThemesColours() throws IOException {
        String html = render("sched-rr.oss").html();
        String css = html.substring(html.indexOf("<style>"), html.indexOf("</style>"));
        Matcher m = Pattern.compile("font(?:-size)?:\\s*([0-9.]+)px").matcher(css);
        int sizes = 0;
        while (m.find()) {
            sizes++;
            assertTrue(Double.parseDouble(m.group(1)) >= 11, "a font of " + m.group(1) + " px: " + m.group());
        }
        assertTrue(sizes >= 5, css);
        // a picture wider than the window scrolls sideways; shrunk to fit, its 12 px text became 5 px
        assertFalse(css.contains("max-width:100%"), css);
        assertTrue(css.contains("section{overflow-x:auto}"), css);
        // in VS Code the webview's theme colours apply, with the light ones as the fallback
        assertTrue(css.contains("background:var(--vscode-editor-background,#fff)"), css);
        assertTrue(css.contains("fill:var(--vscode-editor-foreground,#222)"), css);
    }

    /** The cells of the row whose header is {@code head} in the first page-replacement table after {@code from}. */
    static List<String> row(String html, String from, String head) {
        int t = html.indexOf("<table class=\"repl\">", html.indexOf(from));
        String table = html.substring(t, html.indexOf("</table>", t));
        int r = table.indexOf("<th>" + head + "</th>");
        String tr = table.substring(r, table.indexOf("</tr>", r));
        List<String> cells = new ArrayList<>();
        Matcher m = Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(tr);
        while (m.find()) {
            cells.add(m.group(1));
        }
        return cells;
    }

    @Test
    void theDevicesLanesMarkEachArrivalSoTheFiveIoModelsCanBeToldApart() throws IOException {
        // io-blocking.oss: /dev/net0 at 5, 10, 15, 20 ms and /dev/tty at 3, 12 ms: six marks on two lanes,
        // and the server's sleeps labelled by what they wait on (the device, short of its parenthesis)
        String html = render("io-blocking.oss").html();
        assertEquals(6, Pattern.compile("<g class=\"arrival\">").matcher(html).results().count(), html);
        assertTrue(html.contains("3 ms: delivery 1 of 2 on /dev/tty (16 B) can be read"), html);
        assertTrue(html.contains("20 ms: delivery 4 of 4 on /dev/net0 (1 KiB) can be read"), html);
        assertTrue(html.contains("class=\"wtext\">&quot;/dev/net0&quot;</text>"), html);
        // io-nonblocking.oss never sleeps: no wait row at all, one CPU bar from 0 to the end
        String polling = render("io-nonblocking.oss").html();
        assertFalse(polling.contains("class=\"wait "), polling);
    }

    @Test
    void pageReplacementIsTheTextbooksTableOfFramesFaultsAndEvictions() throws IOException {
        // Belady's string with FIFO and 3 frames, by hand: each new page takes its victim's frame
        //   refs     1 2 3 4 1 2 5 1 2 3 4 5
        //   frame 0  1 1 1 4 4 4 5 5 5 5 5 5
        //   frame 1    2 2 2 1 1 1 1 1 3 3 3
        //   frame 2      3 3 3 2 2 2 2 2 4 4
        //   faults   F F F F F F F     F F      = 9
        //   evicted        1 2 3 4     1 2
        String html = render("belady-fifo.oss").html();
        String three = "Page replacement: three, fifo with 3 frames";
        assertTrue(html.contains(three), html);
        assertEquals(List.of("1", "1", "1", "4", "4", "4", "5", "5", "5", "5", "5", "5"), row(html, three, "frame 0"));
        assertEquals(List.of("", "2", "2", "2", "1", "1", "1", "1", "1", "3", "3", "3"), row(html, three, "frame 1"));
        assertEquals(List.of("", "", "3", "3", "3", "2", "2", "2", "2", "2", "4", "4"), row(html, three, "frame 2"));
        assertEquals(List.of("F", "F", "F", "F", "F", "F", "F", "", "", "F", "F", ""), row(html, three, "fault"));
        assertEquals(List.of("", "", "", "1", "2", "3", "4", "", "", "1", "2", ""), row(html, three, "evicted"));
        assertTrue(html.contains("9 page faults in 12 references"), html);
        assertTrue(html.contains("10 page faults in 12 references"), "four frames: Belady's anomaly");
    }

    @Test
    void theBankersMatricesAndEachStepOfTheSafetyAlgorithm() throws IOException {
        // Silberschatz's five processes, worked by hand: Available (3, 3, 2); scanning from the lowest
        // index after each step, P1 (1,2,2) fits -> Work (5,3,2); P3 (0,1,1) -> (7,4,3); P0 (7,4,3) ->
        // (7,5,3); P2 (6,0,0) -> (10,5,5); P4 (4,3,1) -> (10,5,7).
        String html = render("banker-safe.oss").html();
        assertTrue(html.contains("Available = (3, 3, 2)"), html);
        assertTrue(html.contains("<tr><th>P0</th><td>0</td><td>1</td><td>0</td><td>7</td><td>5</td><td>3</td>"
                + "<td>7</td><td>4</td><td>3</td></tr>"), html);
        String[] steps = {"P1: Need (1, 2, 2) ≤ Work (3, 3, 2), it can finish and give back (2, 0, 0): Work = (5, 3, 2)",
            "P3: Need (0, 1, 1) ≤ Work (5, 3, 2), it can finish and give back (2, 1, 1): Work = (7, 4, 3)",
            "P0: Need (7, 4, 3) ≤ Work (7, 4, 3), it can finish and give back (0, 1, 0): Work = (7, 5, 3)",
            "P2: Need (6, 0, 0) ≤ Work (7, 5, 3), it can finish and give back (3, 0, 2): Work = (10, 5, 5)",
            "P4: Need (4, 3, 1) ≤ Work (10, 5, 5), it can finish and give back (0, 0, 2): Work = (10, 5, 7)"};
        int at = 0;
        for (String step : steps) {
            int i = html.indexOf(step, at);
            assertTrue(i > at, "in order: " + step);
            at = i;
        }
        assertTrue(html.contains("safe sequence &lt;P1, P3, P0, P2, P4&gt;"), html);
        // the denied request: the pretend-granted state gets stuck at Work (2, 1, 0)
        String denied = render("banker-denied.oss").html();
        assertTrue(denied.contains("Work = (2, 1, 0): no unfinished process has Need ≤ Work, so the state is"
                + " <b>unsafe</b>"), denied);
    }

    @Test
    void aRunWhereEveryoneSleepsSaysSoNotThatNoTimePassed() throws IOException {
        // the philosophers take a fork, sleep 1 ms, and block: 1 ms passes, no CPU time is used
        Doc d = render("dining-philosophers.oss");
        assertTrue(d.html().contains("no task used a CPU: in the 1 ms the run lasted, every task slept or waited"),
                d.html());
        assertFalse(d.html().contains("took no simulated time"));
        // and the timeline shows that time: each philosopher sleeps 1 ms holding its left fork, then
        // is blocked on the right one until the end, a row per philosopher under the CPUs
        assertEquals(10, count(d.html(), "<rect class=\"wait sleep\""), d.html());
        assertTrue(d.html().contains("philosopher[0] (pid 2) sleeps: sleep, 0 ms – 1 ms"), d.html());
        assertTrue(d.html().contains("philosopher[0] (pid 2) sleeps: mutex fork[1], held by philosopher[1] (pid 3),"
                + " 1 ms – the end (still waiting)"), d.html());
    }

    @Test
    void withExplorationOffTheGraphSaysWhatWasTriedAndAFileThatDoesNotCompileClaimsNothing() {
        String ok = "scenario \"s\" {\n  mutex m\n  process P {\n    lock m\n    unlock m\n  }\n}\n";
        String off = renderText(ok, AnalyzeOptions.defaults().withExplore(null));
        assertTrue(off.contains("no deadlock in the run: it did not end in a circular wait (exploration was off"), off);
        assertFalse(off.contains("neither the run nor the run"));
        String broken = renderText(ok.replace("lock m\n", "lok m\n"), AnalyzeOptions.defaults());
        assertFalse(broken.contains("no deadlock"), broken);
        assertTrue(broken.contains("no graph: there is no run (the scenario has errors)"), broken);
    }

    @Test
    void roundRobinTimelineHasOneRectPerSliceWithItsReason() throws IOException {
        Doc d = render("sched-rr.oss");
        assertSelfContained(d.html());
        RunResult r = d.analysis().run().orElseThrow();
        assertEquals(4, r.gantt().size(), "P1, P2, P3, P1");
        assertTrue(d.html().contains("<svg class=\"timeline\""));
        assertEquals(r.gantt().size(), count(d.html(), "<rect class=\"slice\""));
        for (GanttSlice s : r.gantt()) {
            assertTrue(d.html().contains("data-pid=\"" + s.pid() + "\" data-cpu=\"" + s.cpu() + "\""));
        }
        // every slice has a hover title saying when and why it ended, as the kernel recorded it
        assertTrue(d.html().contains("<title>P1 (pid 2): 0 ms – 4 ms on CPU0 (4 ms); ended: preempted: its time slice was"
                + " used up</title>"));
        assertTrue(d.html().contains("<title>P2 (pid 3): 4 ms – 7 ms on CPU0 (3 ms); ended: exited</title>"));
        assertTrue(d.html().contains("<title>P1 (pid 2): 10 ms – 30 ms on CPU0 (20 ms); ended: exited"));
        assertEquals(1, count(d.html(), "class=\"why\">preempted<"));
        assertEquals(3, count(d.html(), "class=\"why\">exit<"));
        // the axis is in the run's unit, up to its end
        assertTrue(d.html().contains(">0 ms</text>"));
        assertTrue(d.html().contains(">30 ms</text>"));
        assertTrue(d.html().contains("no deadlock: neither the run nor any explored interleaving"));
    }

    @Test
    void traceJsonHasOneCompleteEventPerSliceInMicroseconds() throws IOException {
        Doc d = render("sched-rr.oss");
        RunResult r = d.analysis().run().orElseThrow();
        JsonObject root = JsonParser.parseString(new Timeline(r).traceJson()).getAsJsonObject();
        JsonArray events = root.getAsJsonArray("traceEvents");
        List<JsonObject> x = new ArrayList<>();
        for (JsonElement e : events) {
            if (e.getAsJsonObject().get("ph").getAsString().equals("X")) {
                x.add(e.getAsJsonObject());
            }
        }
        assertEquals(r.gantt().size(), x.size());
        for (int i = 0; i < x.size(); i++) {
            GanttSlice s = r.gantt().get(i);
            assertEquals(s.startNs() / 1000.0, x.get(i).get("ts").getAsDouble(), 1e-9);
            assertEquals((s.endNs() - s.startNs()) / 1000.0, x.get(i).get("dur").getAsDouble(), 1e-9);
            assertEquals(s.cpu(), x.get(i).get("tid").getAsInt());
            assertEquals(s.pid(), x.get(i).getAsJsonObject("args").get("task_pid").getAsInt());
        }
        assertEquals("P1 (pid 2)", x.get(0).get("name").getAsString());
        assertEquals(0.0, x.get(0).get("ts").getAsDouble());
        assertEquals(4000.0, x.get(0).get("dur").getAsDouble());
        assertEquals(10000.0, x.get(3).get("ts").getAsDouble());
        assertEquals(20000.0, x.get(3).get("dur").getAsDouble());
    }

    @Test
    void diningPhilosophersCycleIsRedAndTheScheduleListed() throws IOException {
        Doc d = render("dining-philosophers.oss");
        assertSelfContained(d.html());
        WaitGraph g = WaitGraph.of(d.analysis()).orElseThrow();
        assertTrue(g.source().startsWith("the default run deadlocked"));
        assertEquals(10, g.nodes().size(), "5 philosophers and 5 forks");
        assertEquals(10, g.cycle().size(), "every node is on the circular wait");
        assertEquals(10, g.edges().size());
        assertTrue(g.edges().stream().allMatch(g::inCycle));
        assertEquals(5, count(d.html(), "<g class=\"node task cycle\""));
        assertEquals(5, count(d.html(), "<g class=\"node resource cycle\""));
        assertEquals(10, count(d.html(), "<g class=\"edge cycle\""));
        assertTrue(d.html().contains("stroke=\"#d11\""));
        for (int i = 0; i < 5; i++) {
            assertTrue(d.html().contains(">philosopher[" + i + "] (pid " + (i + 2) + ")</text>"));
            assertTrue(d.html().contains(">mutex fork[" + i + "]</text>"));
        }
        // the explorer's shortest schedule: each philosopher takes its left fork
        assertEquals(5, count(d.html(), "<li class=\"step\">"));
        for (int i = 0; i < 5; i++) {
            assertTrue(d.html().contains(">philosopher[" + i + "] (pid " + (i + 2)
                    + ")</span> <span class=\"pos\">9:5</span> <code>lock fork[i]</code>"), "step " + (i + 1));
        }
        // DOT: held-by from each fork to its philosopher, waits to the next fork
        Set<String> edges = dotEdges(g.toDot());
        for (int i = 0; i < 5; i++) {
            assertTrue(edges.contains("r_mutex_fork_" + i + "_ -> t" + (i + 2) + " held by"), edges.toString());
            assertTrue(edges.contains("t" + (i + 2) + " -> r_mutex_fork_" + ((i + 1) % 5) + "_ waits"), edges.toString());
        }
    }

    @Test
    void twoLocksOppositeDrawsTheExplorersDeadlockAndItsTwoSteps() throws IOException {
        Doc d = render("two-locks-opposite.oss");
        assertSelfContained(d.html());
        assertFalse(d.analysis().run().orElseThrow().deadlocked(), "the default run is lucky");
        WaitGraph g = WaitGraph.of(d.analysis()).orElseThrow();
        assertTrue(g.source().startsWith("the explorer's deadlock"));
        assertEquals(Set.of("t2 -> r_mutex_b waits", "r_mutex_b -> t3 held by", "t3 -> r_mutex_a waits",
                "r_mutex_a -> t2 held by"), dotEdges(g.toDot()));
        assertEquals(4, g.cycle().size());
        assertTrue(g.toDot().contains("\"t2\" [label=\"A (pid 2)\", shape=ellipse, color=red"));
        assertEquals(2, count(d.html(), "<li class=\"step\">"));
        assertTrue(d.html().contains(">A (pid 2)</span> <span class=\"pos\">12:5</span> <code>lock a</code>"));
        assertTrue(d.html().contains(">B (pid 3)</span> <span class=\"pos\">21:5</span> <code>lock b</code>"));
        assertTrue(d.html().contains("oss run --schedule \"pid 2 at 12:5, pid 3 at 21:5\""));
        // A ran 0-2 ms on CPU0, B 5-7 ms: two slices, two rects
        assertEquals(d.analysis().run().get().gantt().size(), count(d.html(), "<rect class=\"slice\""));
    }

    @Test
    void forkCowShowsBothAddressSpacesAndTheCowMarkedPageTable() throws IOException {
        Doc d = render("fork-cow.oss");
        assertSelfContained(d.html());
        List<AddressSpaces.Space> spaces = AddressSpaces.of(d.analysis().run().orElseThrow());
        assertEquals(List.of(2, 3), spaces.stream().map(AddressSpaces.Space::pid).toList());
        for (AddressSpaces.Space sp : spaces) {
            assertEquals(5, sp.vmas().size(), "text, data, heap, the 4-page mmap, the stack");
            assertEquals(4, sp.walks().size(), "the four touched pages of x");
            assertEquals(4, sp.walks().get(0).levels().size(), "PML4, PDPT, PD, PT");
        }
        String h = d.html();
        assertEquals(2, count(h, "<svg class=\"vmamap\""));
        assertEquals(10, count(h, "<g class=\"vma\">"));
        assertTrue(h.contains("[stack] rw-p 132 KiB"));
        assertTrue(h.contains("/usr/bin/parent r-xp 16 KiB"));
        assertTrue(h.contains(">0x7ffff7ffb000</text>"), "the mmap's start address");
        // one PML4 entry per process, four PT entries, four pages; the shared page 0 is COW in the parent only
        assertEquals(2, count(h, "<span>PML4 \\[255\\]"));
        assertEquals(8, count(h, "<li class=\"page\">"));
        assertTrue(h.contains("<span class=\"cow\">PT [507] → frame 0x1007 P U A D COW</span>"));
        assertTrue(h.contains("<span>PT [507] → frame 0x1016 P W U A D</span>"), "the child's own copy of page 0");
        assertTrue(h.contains("snapshot “the child wrote page 0”"));
    }

    @Test
    void everyScenarioTextIsEscaped() {
        String text = """
                scenario "<script>alert('x')</script> & \\"q\\"" {
                  process P { compute 1 ms }
                }
                """;
        Analysis a = Analyzer.analyze("<img src=x onerror=alert(1)>.oss", text, AnalyzeOptions.defaults());
        String h = HtmlReport.render("<img src=x onerror=alert(1)>.oss", text, a);
        assertSelfContained(h);
        assertFalse(h.contains("<img"));
        assertTrue(h.contains("&lt;img src=x onerror=alert(1)&gt;.oss"));
        assertTrue(h.contains("&lt;script&gt;"));
    }

    @Test
    void aScenarioWithErrorsStillRenders() {
        String text = "scenario \"broken\" { process P { lock nothing } }\n";
        Analysis a = Analyzer.analyze("broken.oss", text, AnalyzeOptions.defaults());
        String h = HtmlReport.render("broken.oss", text, a);
        assertSelfContained(h);
        assertTrue(h.contains("no run (the scenario has errors)"));
        assertTrue(h.contains("error[OSS1101]"));
    }

    /** "from -> to label" for every edge line of a DOT digraph. */
    static Set<String> dotEdges(String dot) {
        assertTrue(dot.startsWith("digraph wait_for {") && dot.strip().endsWith("}"));
        Matcher m = Pattern.compile("(?m)^\\s*\"([^\"]+)\" -> \"([^\"]+)\" \\[label=\"([^\"]*)\"").matcher(dot);
        Set<String> out = new HashSet<>();
        while (m.find()) {
            out.add(m.group(1) + " -> " + m.group(2) + " " + m.group(3));
        }
        return out;
    }

    @Test
    void aBlockedSliceSaysWhatItBlockedOn() throws IOException {
        Doc d = render("producer-consumer.oss");
        // the kernel's own words: a task went to sleep on the buffer's lock (a zero-length
        // slice, like the consumer's first P(full) at 0 ms, is not drawn)
        assertTrue(d.html().contains("ended: blocked: semaphore mutex (value 0)"), d.html());
        assertTrue(d.html().contains("class=\"why\">blocked<"));
    }

    /** Two processes add 1 once each; by hand, `always count == 2` fails when both load 0 before either stores. */
    static final String LOST_UPDATE = """
            scenario "lost update" {
              int count = 0
              process a {
                count = count + 1
              }
              process b {
                count = count + 1
              }
              expect always count == 2
            }
            """;

    @Test
    void theCounterexampleListsTheValuesEachStepReadAndWrote() {
        Analysis a = Analyzer.analyze("t.oss", LOST_UPDATE, AnalyzeOptions.defaults());
        String html = HtmlReport.render("t.oss", LOST_UPDATE, a);
        assertSelfContained(html);
        String all = html.substring(html.indexOf("<section id=\"schedule\">"), html.indexOf("<section id=\"findings\">"));
        // the explorer's race has its own schedule; this is the failing expectation's
        int from = all.indexOf("<span class=\"code\">OSS3001</span>");
        assertTrue(from >= 0, all);
        String section = all.substring(from, all.indexOf("</details>", from));
        // the failing expectation's interleaving: two loads of 0, then two stores of 1
        assertEquals(2, count(section, "<span class=\"vals read\">read count = 0</span>"), section);
        assertEquals(2, count(section, "<span class=\"vals wrote\">wrote count = 1</span>"), section);
        assertEquals(0, count(section, "wrote count = 2"), "the update is lost: no step writes 2 in it");

        JsonObject json = oss.analysis.report.JsonReport.of("t.oss", a, false);
        JsonObject expectation = json.getAsJsonArray("expectations").get(0).getAsJsonObject();
        assertEquals("failed", expectation.get("status").getAsString());
        JsonArray steps = expectation.getAsJsonObject("schedule").getAsJsonArray("steps");
        List<String> values = new ArrayList<>();
        for (JsonElement st : steps) {
            for (String kind : new String[] {"reads", "writes"}) {
                for (JsonElement v : st.getAsJsonObject().getAsJsonArray(kind)) {
                    values.add(kind + " " + v.getAsJsonObject().get("variable").getAsString() + "="
                            + v.getAsJsonObject().get("value").getAsInt());
                }
            }
        }
        assertEquals(List.of("reads count=0", "reads count=0", "writes count=1", "writes count=1"),
                values.stream().sorted().toList());
        assertTrue(json.getAsJsonArray("counterexamples").size() >= 1);
        assertTrue(expectation.getAsJsonObject("schedule").get("replayed").getAsBoolean());
    }

    @Test
    void anUndecidedExpectationIsMarkedUndecidedNotFailed() {
        // 32 processes and an rwlock are more than the explorer holds: it decides nothing, and the run cannot refute `always`
        String text = """
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
                """;
        String html = renderText(text, AnalyzeOptions.defaults());
        assertTrue(html.contains("<li class=\"expect undecided\"><b>UNDECIDED</b> <code>expect always count == 0</code>"),
                html.substring(html.indexOf("<section id=\"findings\">")));
    }

    /**
     * signal-interrupted-calls: the waker (pid 3) kills the sleeper (pid 2) at 2 ms, and each child
     * (pids 6 and 7) kills its parent at 3 ms (eintr pid 4, restart pid 5): three sends (hollow, the sender's
     * pid) and three deliveries (filled, the receiver's), the four at 3 ms stacked in four lanes.
     */
    @Test
    void signalsAreMarkedOnTheTimelineBySenderAndReceiver() throws IOException {
        Doc d = render("signal-interrupted-calls.oss");
        assertSelfContained(d.html());
        assertEquals(3, count(d.html(), "<g class=\"sig sent\""));
        assertEquals(3, count(d.html(), "<g class=\"sig acted\""));
        assertTrue(d.html().contains("<g class=\"sig sent\" data-pid=\"3\"><title>2 ms: SIGUSR1 sent to sleeper (pid 2)"),
                d.html());
        assertTrue(d.html().contains("<g class=\"sig acted\" data-pid=\"2\"><title>2 ms: SIGUSR1 → sleeper (pid 2), handler at"),
                d.html());
        Matcher y = Pattern.compile("<g class=\"sig [a-z]+\" data-pid=\"[4-7]\"><title>3 ms[^<]*</title><(?:circle cx=\"[0-9.]+\" cy=\"([0-9]+)|path d=\"M[0-9.]+ ([0-9]+))")
                .matcher(d.html());
        java.util.Set<String> rows = new java.util.HashSet<>();
        while (y.find()) {
            rows.add(y.group(1) != null ? "c" + y.group(1) : "p" + y.group(2));
        }
        assertEquals(4, rows.size(), "four marks at 3 ms, each in its own lane: " + rows);
    }
}
