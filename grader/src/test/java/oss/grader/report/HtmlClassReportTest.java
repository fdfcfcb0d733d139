package oss.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import oss.compiler.assign.Visibility;
import oss.grader.ClassResult;
import oss.grader.ClassSummary;
import oss.grader.StudentResult;
import oss.grader.TestResult;

/**
 * The class report: what it shows is there and right (bars as tall as their counts, every student
 * and test), it cannot be made to run a hostile submission's markup, and the pass-rate chart's
 * names cannot run into their bars. It also writes target/html-report/*.html to look at.
 */
class HtmlClassReportTest {
    private static final Pattern RECT = Pattern.compile(
            "<rect class=\"bar\" data-count=\"(\\d+)\" x=\"(\\d+)\" y=\"(\\d+)\" width=\"(\\d+)\" height=\"(\\d+)\"/>");

    @Test
    void aPartialTestsReasonIsItsFirstFailureNotItsCount() {
        StudentResult fay = new StudentResult("fay", "f.oss", StudentResult.Outcome.GRADED, 1, 2, "", List.of(
                new TestResult(1, "five philosophers", 1, 2, Visibility.VISIBLE, false,
                        "1 of 2 checks held\nf.oss:5:3: you have 4 processes named philosopher", 1, 2, List.of())), 1);
        assertEquals("five philosophers: f.oss:5:3: you have 4 processes named philosopher",
                HtmlClassReport.reason(fay));
    }

    @Test
    void histogramBarsAreAsTallAsTheirCounts() throws IOException {
        String html = HtmlClassReport.render(Classes.whole());
        write("class.html", html);
        Matcher m = RECT.matcher(html);
        List<int[]> bars = new ArrayList<>();
        while (m.find()) {
            bars.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(5))});
        }
        // histogram [2,1,0,0,0,0,0,0,1,1]: the tallest (2) is the full 160 px, 1 is 80 px
        int[] counts = {2, 1, 0, 0, 0, 0, 0, 0, 1, 1};
        int[] heights = {160, 80, 0, 0, 0, 0, 0, 0, 80, 80};
        assertEquals(10, bars.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(counts[i], bars.get(i)[0], "count of bin " + i);
            assertEquals(heights[i], bars.get(i)[2], "height of bin " + i);
            assertEquals(Charts.HIST_TOP + Charts.HIST_HEIGHT, bars.get(i)[1] + bars.get(i)[2], "standing on the axis");
        }
    }

    @Test
    void summaryStudentsAndTestsAreAllThere() {
        String html = HtmlClassReport.render(Classes.whole());
        // mean 43/15 = 2.87 (41 %), median 4/3 = 1.33 (19 %), lowest 0, highest 7
        for (String s : List.of(">2.87</div><div class=\"muted\">mean (41 %)", ">1.33</div><div class=\"muted\">median (19 %)",
                ">0</div><div class=\"muted\">lowest (0 %)", ">7</div><div class=\"muted\">highest (100 %)")) {
            assertTrue(html.contains(s), s);
        }
        for (String student : List.of("alice", "bob", "carol", "dave", Esc.html(Classes.HOSTILE))) {
            assertTrue(html.contains("<h2>" + student + " <span class=\"score\">"), student);
        }
        for (String test : List.of("1. no deadlock", "2. structure", "3. hidden one")) {
            assertTrue(html.contains(">" + test + "</text>"), test + " in the pass-rate chart");
        }
        // pass rates: 2 of 5 = 128 px of 320, 2 of 5, 1 of 5 = 64 px
        assertTrue(html.contains(">2/5 (40 %)</text>") && html.contains(">1/5 (20 %)</text>"));
        assertEquals(2, count(html, "width=\"128\" height=\"16\""));
        assertEquals(1, count(html, "width=\"64\" height=\"16\""));
        assertTrue(html.contains("--schedule &quot;philosopher[0],philosopher[1],philosopher[2]&quot;"),
                "bob's schedule line, in a pre");
        assertTrue(html.contains(Esc.html(Classes.CAROL_ERRORS)) && html.contains(Esc.html(Classes.DAVE_REJECTED)));
        assertTrue(html.contains("1 did not compile, 1 rejected"));
    }

    @Test
    void nothingFromASubmissionIsMarkup() {
        String html = HtmlClassReport.render(Classes.whole());
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script"), "no script at all: the page has none of its own");
        assertFalse(lower.contains("<img"));
        assertFalse(html.contains(Classes.HOSTILE) || html.contains(Classes.HOSTILE_FILE), "no raw name or file");
        assertTrue(html.contains("x&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;.oss"), "the file name, as text");
        assertTrue(html.contains("&lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;  [31m&amp;amp; "),
                "the feedback as text, its control characters blanked");
        for (char c : html.toCharArray()) {
            assertTrue(c >= 0x20 || c == '\n' || c == '\t', "no control character: " + (int) c);
        }
        String page = lower.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        for (String external : List.of("http:", "https:", "<link", "url(", "@import", "src=\"", "<iframe", "<object")) {
            assertFalse(page.contains(external), "no external resource: " + external);
        }
    }

    @Test
    void passRateNamesEndBeforeTheirBars() throws IOException {
        ClassResult big = big();
        String html = HtmlClassReport.render(big);
        write("big.html", html);
        Matcher svg = Pattern.compile("data-name-column=\"(\\d+)\"").matcher(html);
        assertTrue(svg.find());
        int column = Integer.parseInt(svg.group(1));
        Matcher names = Pattern.compile("<text class=\"name\" x=\"(\\d+)\" y=\"\\d+\" text-anchor=\"end\">([^<]*)</text>")
                .matcher(html);
        Matcher bars = Pattern.compile("<rect class=\"track\" x=\"(\\d+)\"").matcher(html);
        int n = 0;
        while (names.find()) {
            assertTrue(bars.find());
            int end = Integer.parseInt(names.group(1));
            String label = names.group(2).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
            // right-aligned before its bar, so a longer text grows left, away from the bar
            assertTrue(end < Integer.parseInt(bars.group(1)), "label ends at " + end + ", bar at " + bars.group(1));
            assertTrue(label.codePointCount(0, label.length()) <= Charts.NAME_CHARS, label);
            // and it fits inside the picture at 7.5 px a character (12 px sans-serif averages about 6.5)
            assertTrue(end - label.codePoints().map(c -> c >= 0x2E80 ? 2 : 1).sum() * 7.5 >= 0, label + " fits");
            assertTrue(column - end >= 8, "a gap of 8 px");
            n++;
        }
        assertEquals(big.summary().tests().size(), n);
        assertTrue(html.contains("<title>8. " + "a very long test name that goes on and on about the banker"),
                "the whole name in the tooltip");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static void write(String name, String html) throws IOException {
        Written.file(Path.of("target", "html-report", name), html);
    }

    /** 40 students with scores spread over the range, 8 tests, one with a long name and one in CJK. */
    static ClassResult big() {
        String[] names = {"no deadlock", "every philosopher eats", "five philosophers", "one extra semaphore",
            "turnaround of P1", "死锁检测", "FIFO faults", "a very long test name that goes on and on about the banker's"
                    + " safe sequence and the request"};
        double[] points = {4, 2, 2, 1, 1, 1, 2, 3};
        double max = 16;
        List<StudentResult> students = new ArrayList<>();
        int[] passed = new int[8];
        for (int s = 0; s < 40; s++) {
            List<TestResult> tests = new ArrayList<>();
            double score = 0;
            for (int t = 0; t < 8; t++) {
                boolean ok = (s * 7 + t * 3) % 10 < 10 - t;
                score += ok ? points[t] : 0;
                passed[t] += ok ? 1 : 0;
                tests.add(new TestResult(t + 1, names[t], ok ? points[t] : 0, points[t],
                        t == 3 ? Visibility.HIDDEN : Visibility.VISIBLE, ok, ok ? "checked" : "student" + s
                        + ".oss:4:2: failed\n  oss run student.oss --schedule \"p,q,p\"", 1, 1, List.of()));
            }
            students.add(new StudentResult(String.format(Locale.ROOT, "student%02d", s), "student" + s + ".oss",
                    StudentResult.Outcome.GRADED, score, max, "", tests, 10));
        }
        int[] histogram = new int[10];
        double sum = 0;
        for (StudentResult s : students) {
            histogram[(int) Math.min(9, Math.floor(s.score() / max * 10 + 1e-9))]++;
            sum += s.score();
        }
        List<ClassSummary.TestRate> rates = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            rates.add(new ClassSummary.TestRate(t + 1, names[t], points[t], passed[t], 40));
        }
        double[] sorted = students.stream().mapToDouble(StudentResult::score).sorted().toArray();
        return new ClassResult("Week 5", "week5.oss", max, students, new ClassSummary(40, sum / 40,
                (sorted[19] + sorted[20]) / 2, sorted[0], sorted[39],
                java.util.Arrays.stream(histogram).boxed().toList(), rates));
    }
}
