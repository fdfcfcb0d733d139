package oss.analysis.report.html;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import oss.analysis.Analysis;
import oss.analysis.Counterexample;
import oss.analysis.ExpectationResult;
import oss.ir.diag.Diagnostic;
import oss.runtime.explore.Schedule;
import oss.runtime.observe.GanttSlice;
import oss.runtime.observe.RunResult;

/**
 * One self-contained HTML page of an analysis, the pictures of {@code oss
 * run --html} and of the editor's webview: the timeline (who ran when on
 * which CPU and why each slice ended), each process's address space and
 * page-table tree, the wait-for graph with the circular wait in red, and
 * the explorer's counterexample schedule step by step. Inline CSS and SVG
 * only: no script, no external resource, so a strict Content-Security-Policy
 * webview shows it as is. Every piece of scenario text is escaped.
 */
public final class HtmlReport {
    /** Slices listed in the table under the chart at most (the chart shows all). */
    static final int TABLE_ROWS = 400;
    /** Schedules drawn at most; every finding's detail keeps its own. */
    static final int MAX_SCHEDULES = 6;

    private static final String[] PALETTE = {
        "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#86bc86",
        "#a0cbe8", "#ffbe7d", "#8cd17d", "#f1ce63", "#d4a6c8"
    };

    private HtmlReport() {}

    /** The page for the document {@code sourceName} with text {@code text}, analysed as {@code a}. */
    public static String render(String sourceName, String text, Analysis a) {
        List<String> lines = text == null ? List.of() : text.lines().toList();
        String title = a.compilation().ast().map(s -> s.title()).orElse(sourceName);
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>oss report: ").append(Esc.html(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style></head><body>\n");
        h.append("<header><h1>").append(Esc.html(title)).append("</h1><div class=\"muted\">")
                .append(Esc.html(sourceName)).append(summary(a)).append("</div></header>\n");
        h.append("<nav><a href=\"#timeline\">Timeline</a> · <a href=\"#memory\">Address space</a> · "
                + "<a href=\"#graph\">Wait-for graph</a> · <a href=\"#schedule\">Counterexample schedule</a> · "
                + "<a href=\"#findings\">Findings</a></nav>\n");

        h.append("<section id=\"timeline\"><h2>1. Timeline</h2>\n");
        if (a.run().isPresent() && (!a.run().get().gantt().isEmpty() || !a.run().get().waits().isEmpty())) {
            Timeline t = new Timeline(a.run().get());
            if (a.run().get().gantt().isEmpty()) {
                h.append("<p class=\"muted\">no task used a CPU: in the ").append(Esc.html(
                        oss.runtime.observe.Durations.format(a.run().get().endNs())))
                        .append(" the run lasted, every task slept or waited (the rows below the CPUs)</p>\n");
            }
            h.append(timelineSvg(t, a.compilation().program().map(p -> p.devices()).orElse(List.of())))
                    .append(timelineTable(t));
        } else {
            h.append("<p class=\"muted\">").append(a.run().isEmpty() ? "no run (" + why(a) + ")"
                    : a.run().get().endNs() > 0
                            ? "no task used a CPU: in the " + Esc.html(oss.runtime.observe.Durations.format(
                                    a.run().get().endNs())) + " the run lasted, every task slept or waited"
                            : "no task used a CPU, and the run took no simulated time").append("</p>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"memory\"><h2>2. Address space</h2>\n");
        a.compilation().program().map(ReplacementTables::of).ifPresent(h::append);
        List<AddressSpaces.Space> spaces = a.run().map(AddressSpaces::of).orElse(List.of());
        if (spaces.isEmpty()) {
            h.append("<p class=\"muted\">no address space to draw: /proc maps are of live processes, so add "
                    + "<code>snapshot \"label\"</code> while a process still has its memory (the end of the run shows "
                    + "only those still alive)</p>\n");
        }
        for (AddressSpaces.Space sp : spaces) {
            String who = a.run().flatMap(r -> r.tasks().stream().filter(x -> x.pid() == sp.pid()).findFirst())
                    .map(x -> x.process() + (x.forked() ? "*" : "")).orElse("?");
            h.append("<div class=\"space\" data-pid=\"").append(sp.pid()).append("\"><h3>").append(Esc.html(who))
                    .append(" (pid ").append(sp.pid()).append(")</h3><div class=\"muted\">snapshot “")
                    .append(Esc.html(sp.snapshot())).append("” at ")
                    .append(Esc.html(oss.runtime.observe.Durations.format(sp.timeNs()))).append("</div>\n")
                    .append("<div class=\"cols\"><div>").append(AddressSpaces.mapSvg(sp)).append("</div><div><h4>Page-table tree of the touched pages</h4>")
                    .append(AddressSpaces.treeHtml(sp)).append("</div></div></div>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"graph\"><h2>3. Resource-allocation / wait-for graph</h2>\n");
        a.banker().map(BankerTables::of).ifPresent(h::append);
        Optional<WaitGraph> g = WaitGraph.of(a);
        if (a.banker().isPresent() && a.run().map(r -> r.tasks().size() <= 1).orElse(true) && g.isEmpty()) {
            // a banker table alone: its matrices and steps above are the whole picture
        } else if (g.isPresent()) {
            h.append("<p class=\"muted\">").append(Esc.html(g.get().source()))
                    .append(". Dashed: waits for; solid: held by; red: the circular wait.</p>\n").append(g.get().toSvg());
        } else if (a.run().isEmpty()) {
            h.append("<p class=\"muted\">no graph: there is no run (").append(why(a)).append(")</p>\n");
        } else if (a.explore().isPresent()) {
            h.append("<p class=\"muted\">no deadlock: neither the run nor any explored interleaving ended in a"
                    + " circular wait</p>\n");
        } else {
            h.append("<p class=\"muted\">no deadlock in the run: it did not end in a circular wait (exploration"
                    + " was off, so other interleavings were not tried)</p>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"schedule\"><h2>4. Counterexample schedule</h2>\n");
        if (!a.counterexamples().isEmpty()) {
            int shown = 0;
            for (Counterexample cx : a.counterexamples()) {
                if (shown++ == MAX_SCHEDULES) {
                    h.append("<p class=\"muted\">… and ").append(a.counterexamples().size() - MAX_SCHEDULES)
                            .append(" more schedules (each finding's detail has its own)</p>\n");
                    break;
                }
                h.append(schedule(cx, shown == 1));
            }
        } else {
            h.append("<p class=\"muted\">").append(a.explore().map(x -> Esc.html(x.summary())).orElse("exploration was off"))
                    .append("</p>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"findings\"><h2>Findings and expectations</h2>\n<ul class=\"findings\">\n");
        for (Diagnostic d : a.diagnostics()) {
            h.append("<li class=\"").append(d.severity().label()).append("\"><span class=\"pos\">").append(d.span().line())
                    .append(':').append(d.span().column()).append("</span> <b>").append(Esc.html(d.severity().label()))
                    .append("[").append(d.code().id()).append("]</b> ").append(Esc.html(d.message())).append("</li>\n");
        }
        for (ExpectationResult r : a.expectations()) {
            // undecided is a warning (the budget ran out), not a failure
            String status = switch (r.status()) {
                case PASSED -> "pass";
                case FAILED -> "fail";
                case UNDECIDED -> "undecided";
            };
            h.append("<li class=\"expect ").append(status).append("\"><b>")
                    .append(status.toUpperCase(Locale.ROOT)).append("</b> <code>").append(Esc.html(r.expectation().text()))
                    .append("</code> <span class=\"muted\">").append(Esc.html(r.message())).append("</span></li>\n");
        }
        h.append("</ul></section>\n<footer class=\"muted\">rendered by oss</footer>\n</body></html>\n");
        return h.toString();
    }

    private static String summary(Analysis a) {
        StringBuilder s = new StringBuilder();
        a.run().ifPresent(r -> s.append(" — ").append(r.cpus()).append(r.cpus() == 1 ? " CPU" : " CPUs").append(", ")
                .append(r.tasks().size() - 1).append(" tasks, ended at ")
                .append(oss.runtime.observe.Durations.format(r.endNs()))
                .append(r.deadlocked() ? ", deadlocked" : ""));
        a.explore().ifPresent(x -> s.append(" — explorer: ").append(x.summary()));
        return Esc.html(s.toString());
    }

    private static String why(Analysis a) {
        return a.hasErrors() ? "the scenario has errors" : "no processes";
    }

    static String color(int pid) {
        return pid == 0 ? "#bbbbbb" : PALETTE[(pid - 2 + PALETTE.length * 4) % PALETTE.length];
    }

    /** One row per CPU; a rect (class "slice") per Gantt slice with a title for hover; why each slice ended under it. */
    static String timelineSvg(Timeline t) {
        return timelineSvg(t, List.of());
    }

    /** The timeline with, when the scenario declares devices, a row of their arrivals under the axis. */
    static String timelineSvg(Timeline t, List<oss.ir.program.DeviceDecl> devices) {
        RunResult r = t.run();
        // room on the left for the longest row name ("philosopher[4]"), at about 7 px a character
        int longest = r.waits().stream().mapToInt(w -> t.shortName(w.pid()).length()).max().orElse(0);
        int left = Math.max(70, 14 + longest * 7);
        int plot = 900;
        int rowH = 30;
        int rowGap = 26;
        int top = 14;
        // below the CPUs, one row per task that ever slept or was blocked: the time off the CPU
        java.util.List<Integer> waiters = r.waits().stream().map(oss.runtime.observe.WaitSpan::pid).distinct()
                .sorted().toList();
        int waitH = 20;
        int waitGap = 8;
        // under the axis, one row of signal marks when the run sent or acted on any
        java.util.List<oss.runtime.observe.StatementFact> signals = r.facts().stream()
                .filter(f -> f.kind().equals("signal")).toList();
        int sigTop = top + r.cpus() * (rowH + rowGap) + 28;
        int[] lanes = signalLanes(signals, left, plot, t.end());
        int sigRow = signals.isEmpty() ? 0 : 8 + 14 * (java.util.Arrays.stream(lanes).max().orElse(0) + 1);
        // issue 15, the I/O models: one lane per device, a mark where each delivery becomes readable, so that
        // the CPU rows and the sleeps below read against the data's arrivals
        int devTop = sigTop + sigRow;
        int devRow = devices.isEmpty() ? 0 : 8 + 16 * devices.size();
        sigRow += devRow;
        int waitTop = top + r.cpus() * (rowH + rowGap) + 34 + sigRow;
        int height = top + r.cpus() * (rowH + rowGap) + 30 + sigRow
                + (waiters.isEmpty() ? 0 : 14 + waiters.size() * (waitH + waitGap));
        double end = t.end();
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(left + plot + 20)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(left + plot + 20).append(' ')
                .append(height).append("\" role=\"img\">\n");
        s.append("<defs><pattern id=\"cs\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
                + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ddd\"/>"
                + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999\" stroke-width=\"2\"/></pattern></defs>\n");
        // axis
        double step = niceStep(end / t.perUnit() / 10) * t.perUnit();
        int axisY = top + r.cpus() * (rowH + rowGap);
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(axisY).append("\" x2=\"").append(left + plot)
                .append("\" y2=\"").append(axisY).append("\" stroke=\"#333\" class=\"axis\"/>\n");
        for (double v = 0; v <= end + step / 1000; v += step) {
            double x = left + v / end * plot;
            s.append("<line class=\"tick\" x1=\"").append(f(x)).append("\" y1=\"").append(top - 4).append("\" x2=\"")
                    .append(f(x)).append("\" y2=\"").append(axisY + 4).append("\" stroke=\"#e4e4e4\"/>")
                    .append("<text x=\"").append(f(x)).append("\" y=\"").append(axisY + 16)
                    .append("\" text-anchor=\"middle\" class=\"tlabel\">").append(Esc.html(t.format(Math.round(v))))
                    .append("</text>\n");
        }
        for (int c = 0; c < r.cpus(); c++) {
            int y = top + c * (rowH + rowGap);
            s.append("<text x=\"").append(left - 8).append("\" y=\"").append(y + rowH / 2 + 4)
                    .append("\" text-anchor=\"end\" class=\"cpu\">CPU").append(c).append("</text>")
                    .append("<rect x=\"").append(left).append("\" y=\"").append(y).append("\" width=\"").append(plot)
                    .append("\" height=\"").append(rowH).append("\" fill=\"#fafafa\" stroke=\"#e0e0e0\" class=\"row\"/>\n");
        }
        double[] lastNoteX = new double[r.cpus()];
        java.util.Arrays.fill(lastNoteX, -1e9);
        for (Timeline.Bar b : t.bars()) {
            GanttSlice sl = b.slice();
            int y = top + sl.cpu() * (rowH + rowGap);
            double x = left + sl.startNs() / end * plot;
            double w = Math.max(0.8, (sl.endNs() - sl.startNs()) / end * plot);
            String tip = b.name() + ": " + t.format(sl.startNs()) + " – " + t.format(sl.endNs()) + " on CPU" + sl.cpu()
                    + " (" + t.format(sl.endNs() - sl.startNs()) + "); ended: " + b.why();
            s.append("<g><title>").append(Esc.html(tip)).append("</title><rect class=\"slice\" data-pid=\"").append(sl.pid())
                    .append("\" data-cpu=\"").append(sl.cpu()).append("\" x=\"").append(f(x)).append("\" y=\"").append(y)
                    .append("\" width=\"").append(f(w)).append("\" height=\"").append(rowH).append("\" fill=\"")
                    .append(sl.pid() == 0 ? "url(#cs)" : color(sl.pid())).append("\" stroke=\"#fff\" stroke-width=\"0.5\"/>");
            String label = t.shortName(sl.pid());
            if (sl.pid() != 0 && w > label.length() * 7.2 + 6) {
                s.append("<text x=\"").append(f(x + 4)).append("\" y=\"").append(y + rowH / 2 + 4)
                        .append("\" class=\"slabel\">").append(Esc.html(label)).append("</text>");
            }
            if (sl.pid() != 0) {
                double ex = x + w;
                s.append("<line x1=\"").append(f(ex)).append("\" y1=\"").append(y + rowH).append("\" x2=\"").append(f(ex))
                        .append("\" y2=\"").append(y + rowH + 5).append("\" stroke=\"#333\" class=\"axis\"/>");
                if (ex - lastNoteX[sl.cpu()] > b.reason().length() * 6.6 + 4) {
                    s.append("<text x=\"").append(f(ex)).append("\" y=\"").append(y + rowH + 15)
                            .append("\" text-anchor=\"middle\" class=\"why\">").append(Esc.html(b.reason())).append("</text>");
                    lastNoteX[sl.cpu()] = ex;
                }
            }
            s.append("</g>\n");
        }
        if (!signals.isEmpty()) {
            s.append(signalMarks(t, signals, lanes, left, plot, end, sigTop));
        }
        for (int d = 0; d < devices.size(); d++) {
            s.append(deviceMarks(t, devices.get(d), left, plot, end, devTop + 16 * d));
        }
        for (int i = 0; i < waiters.size(); i++) {
            int pid = waiters.get(i);
            int y = waitTop + i * (waitH + waitGap);
            s.append("<text x=\"").append(left - 8).append("\" y=\"").append(y + waitH / 2 + 4)
                    .append("\" text-anchor=\"end\" class=\"wlabel\">").append(Esc.html(t.shortName(pid))).append("</text>\n");
        }
        for (oss.runtime.observe.WaitSpan w : r.waits()) {
            int y = waitTop + waiters.indexOf(w.pid()) * (waitH + waitGap);
            long to = w.endNs() < 0 ? (long) end : w.endNs();
            double x = left + w.startNs() / end * plot;
            double wd = Math.max(0.8, (to - w.startNs()) / end * plot);
            String what = w.state().equals("D") ? "waits for a device" : "sleeps";
            String tip = t.shortName(w.pid()) + " (pid " + w.pid() + ") " + what + ": " + w.on() + ", "
                    + t.format(w.startNs()) + " – " + (w.endNs() < 0 ? "the end (still waiting)" : t.format(w.endNs()));
            s.append("<g><title>").append(Esc.html(tip)).append("</title><rect class=\"wait ")
                    .append(w.state().equals("D") ? "io" : "sleep").append("\" data-pid=\"").append(w.pid())
                    .append("\" x=\"").append(f(x)).append("\" y=\"").append(y).append("\" width=\"").append(f(wd))
                    .append("\" height=\"").append(waitH).append("\" fill=\"").append(color(w.pid()))
                    .append("\" fill-opacity=\"0.25\" stroke=\"").append(color(w.pid())).append("\"/>");
            String label = w.on();
            // what it waits on without the parenthesis ("\"/dev/net0\"", "epoll instance 0"), when the whole does not fit
            String head = label == null || !label.contains(" (") ? null : label.substring(0, label.indexOf(" ("));
            if (label != null && wd > label.length() * 6.6 + 8) {
                s.append("<text x=\"").append(f(x + 4)).append("\" y=\"").append(y + waitH / 2 + 4)
                        .append("\" class=\"wtext\">").append(Esc.html(label)).append("</text>");
            } else if (head != null && wd > head.length() * 6.6 + 8) {
                s.append("<text x=\"").append(f(x + 4)).append("\" y=\"").append(y + waitH / 2 + 4)
                        .append("\" class=\"wtext\">").append(Esc.html(head)).append("</text>");
            } else if (label != null && wd > 24) {
                s.append("<text x=\"").append(f(x + 4)).append("\" y=\"").append(y + waitH / 2 + 4)
                        .append("\" class=\"wtext\">").append(w.state().equals("D") ? "D" : "S").append("</text>");
            }
            s.append("</g>\n");
        }
        return s.append("</svg>\n").toString();
    }

    /**
     * One device's lane: a mark (class "arrival") at each instant a delivery becomes readable, with
     * what arrived as its tooltip. A blocking reader's sleep that goes on past a mark on another
     * device's lane is the data that waits; a non-blocking poller's CPU bar spans the marks.
     */
    static String deviceMarks(Timeline t, oss.ir.program.DeviceDecl d, int left, int plot, double end, int y) {
        StringBuilder s = new StringBuilder();
        s.append("<text x=\"").append(left - 8).append("\" y=\"").append(y + 11)
                .append("\" text-anchor=\"end\" class=\"wlabel device\">").append(Esc.html(d.path())).append("</text>")
                .append("<line x1=\"").append(left).append("\" y1=\"").append(y + 7).append("\" x2=\"").append(left + plot)
                .append("\" y2=\"").append(y + 7).append("\" stroke=\"#e4e4e4\"/>\n");
        for (int k = 0; k < d.sendNs().size(); k++) {
            long at = d.readableAt(k);
            if (at > end) {
                break;
            }
            double x = left + at / end * plot;
            String tip = t.format(at) + ": delivery " + (k + 1) + " of " + d.sendNs().size() + " on " + d.path() + " ("
                    + (d.sizeBytes() % 1024 == 0 ? d.sizeBytes() / 1024 + " KiB" : d.sizeBytes() + " B") + ") can be read";
            s.append("<g class=\"arrival\"><title>").append(Esc.html(tip)).append("</title><path d=\"M")
                    .append(f(x - 5)).append(' ').append(y + 12).append(" L").append(f(x + 5)).append(' ').append(y + 12)
                    .append(" L").append(f(x)).append(' ').append(y + 2).append(" Z\" fill=\"#333\"/></g>\n");
        }
        return s.toString();
    }

    /**
     * The signal row: a kill is a hollow mark in the sender's colour, an action on a signal (a
     * handler entered, a stop, an end by a default action) a filled triangle in the receiver's,
     * each with the sentence the text report's Signals section has as its tooltip.
     */
    private static String signalMarks(Timeline t, java.util.List<oss.runtime.observe.StatementFact> signals, int[] lanes,
            int left, int plot, double end, int top) {
        StringBuilder s = new StringBuilder();
        s.append("<text x=\"").append(left - 8).append("\" y=\"").append(top + 12)
                .append("\" text-anchor=\"end\" class=\"wlabel\">signals</text>")
                .append("<text x=\"").append(left + plot).append("\" y=\"").append(top + 12)
                .append("\" text-anchor=\"end\" class=\"wtext legend\">○ sent (kill, raise)   ▼ acted on: handler, stop or end</text>\n");
        for (int i = 0; i < signals.size(); i++) {
            oss.runtime.observe.StatementFact f = signals.get(i);
            double x = markX(f, left, plot, end);
            int y = top + 14 * lanes[i];
            boolean sent = f.summary().contains(" sent to ") || f.summary().contains(" raised by ");
            String tip = t.format(f.timeNs()) + ": " + f.summary() + " (at " + f.span().line() + ":" + f.span().column()
                    + ")";
            s.append("<g class=\"sig ").append(sent ? "sent" : "acted").append("\" data-pid=\"").append(f.pid())
                    .append("\"><title>").append(Esc.html(tip)).append("</title>");
            if (sent) {
                s.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(y + 8).append("\" r=\"4\" fill=\"#fff\" stroke=\"")
                        .append(color(f.pid())).append("\" stroke-width=\"2\"/>");
            } else {
                s.append("<path d=\"M").append(f(x - 6)).append(' ').append(y + 2).append(" L").append(f(x + 6)).append(' ')
                        .append(y + 2).append(" L").append(f(x)).append(' ').append(y + 16).append(" Z\" fill=\"")
                        .append(color(f.pid())).append("\" stroke=\"#333\" stroke-width=\"0.5\"/>");
            }
            s.append("</g>\n");
        }
        return s.toString();
    }

    private static double markX(oss.runtime.observe.StatementFact f, int left, int plot, double end) {
        return left + (end <= 0 ? 0 : f.timeNs() / end * plot);
    }

    /** A lane per mark, the first free one (up to 4), so marks at nearly the same time stack instead of hiding each other. */
    private static int[] signalLanes(java.util.List<oss.runtime.observe.StatementFact> signals, int left, int plot,
            double end) {
        int[] lane = new int[signals.size()];
        double[] last = new double[4];
        java.util.Arrays.fill(last, -1e9);
        for (int i = 0; i < signals.size(); i++) {
            double x = markX(signals.get(i), left, plot, end);
            int l = 0;
            while (l < last.length - 1 && x - last[l] < 14) {
                l++;
            }
            lane[i] = l;
            last[l] = x;
        }
        return lane;
    }

    /**
     * One schedule, step by step, each step with the values it read and wrote in the kernel's
     * replay: the lost update is in the values (two reads of 0, two writes of 1), not in the
     * statements. The first is open, the others folded.
     */
    private static String schedule(Counterexample cx, boolean open) {
        StringBuilder h = new StringBuilder("<details class=\"cx\"").append(open ? " open" : "").append("><summary>")
                .append("<span class=\"code\">").append(cx.code() == null ? "witness" : Esc.html(cx.code().id()))
                .append("</span> ")
                .append(Esc.html(cx.title())).append(" <span class=\"pos\">").append(cx.at().line()).append(':')
                .append(cx.at().column()).append("</span></summary>\n<p class=\"muted\">")
                .append(oss.runtime.explore.Schedule.count(cx.steps().size())).append("; replay them with <code>oss run --schedule \"")
                .append(Esc.html(cx.replayText())).append("\"</code>")
                .append(cx.replayed() ? "" : "; the values are not shown: this schedule was not replayed in the kernel")
                .append("</p>\n<ol class=\"steps\">\n");
        for (Counterexample.Step st : cx.steps()) {
            Schedule.Step s = st.step();
            h.append("<li class=\"step\"><span class=\"who\" style=\"border-color:").append(color(s.pid())).append("\">")
                    .append(Esc.html(st.who())).append("</span> <span class=\"pos\">").append(s.line()).append(':')
                    .append(s.column()).append("</span> ").append(s.flush() ? "<span class=\"muted\">flush</span> "
                            : s.signal() > 0 ? "<span class=\"muted\">takes " + oss.ir.program.Signal.of(s.signal())
                                    .map(Enum::name).orElse("?") + " at</span> "
                            : s.sleep() ? "<span class=\"muted\">goes to sleep in</span> "
                            : s.alarm() ? "<span class=\"muted\">its alarm fires (SIGALRM) at</span> " : "")
                    .append("<code>").append(Esc.html(st.source())).append("</code>")
                    .append(s.branch() >= 0 ? " <span class=\"muted\">[branch " + s.branch() + "]</span>" : "");
            if (!st.reads().isEmpty()) {
                h.append(" <span class=\"vals read\">read ").append(Esc.html(values(st.reads()))).append("</span>");
            }
            if (!st.writes().isEmpty()) {
                h.append(" <span class=\"vals wrote\">").append(s.flush() ? "to memory " : "wrote ")
                        .append(Esc.html(values(st.writes()))).append("</span>");
            }
            h.append("</li>\n");
        }
        return h.append("</ol></details>\n").toString();
    }

    private static String values(List<Counterexample.Value> vs) {
        return String.join(", ", vs.stream().map(Counterexample.Value::toString).toList());
    }

    private static String timelineTable(Timeline t) {
        StringBuilder s = new StringBuilder("<details open><summary>Every slice and why it ended</summary>\n"
                + "<table class=\"slices\"><thead><tr><th>CPU</th><th>task</th><th>from</th><th>to</th><th>ran</th><th>ended</th>"
                + "</tr></thead><tbody>\n");
        int n = 0;
        for (Timeline.Bar b : t.bars()) {
            if (n++ >= TABLE_ROWS) {
                s.append("<tr><td colspan=\"6\" class=\"muted\">… ").append(t.bars().size() - TABLE_ROWS)
                        .append(" more slices (all are in the chart)</td></tr>\n");
                break;
            }
            GanttSlice sl = b.slice();
            s.append("<tr><td>CPU").append(sl.cpu()).append("</td><td><span class=\"sw\" style=\"background:")
                    .append(color(sl.pid())).append("\"></span>").append(Esc.html(b.name())).append("</td><td>")
                    .append(Esc.html(t.format(sl.startNs()))).append("</td><td>").append(Esc.html(t.format(sl.endNs())))
                    .append("</td><td>").append(Esc.html(t.format(sl.endNs() - sl.startNs()))).append("</td><td>")
                    .append(Esc.html(b.why())).append("</td></tr>\n");
        }
        return s.append("</tbody></table></details>\n").toString();
    }

    static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / mag;
        return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
    }

    private static String f(double v) {
        return String.format(Locale.US, "%.1f", v);
    }

    /**
     * Readable wherever it is shown: every text at least 11 px, pictures at their own size
     * (a section scrolls sideways when one is wider than the window, instead of shrinking the
     * text in it), and the colours of the VS Code theme when the report is in a webview (its
     * --vscode-* variables), light or dark by the system's preference in a browser.
     */
    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0 auto;max-width:1100px;padding:16px;color:var(--vscode-editor-foreground,#222);background:var(--vscode-editor-background,#fff)}
            h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;border-bottom:1px solid var(--vscode-panel-border,#ddd);padding-bottom:4px;margin-top:28px}
            h3{font-size:15px;margin:14px 0 2px}h4{font-size:13px;margin:4px 0}
            .muted{color:var(--vscode-descriptionForeground,#666)}nav{margin:8px 0 0;font-size:13px}a{color:var(--vscode-textLink-foreground,#2a5db0)}
            section{overflow-x:auto}svg{max-width:none;height:auto;flex:none}
            svg text{font:12px system-ui,Helvetica,Arial,sans-serif;fill:var(--vscode-editor-foreground,#222)}
            svg .slabel{fill:#fff;font-weight:600}svg .why{font-size:11px;fill:var(--vscode-descriptionForeground,#444)}svg .tlabel{font-size:11px;fill:var(--vscode-descriptionForeground,#555)}
            svg .cpu{font-weight:600}svg .addr{font:11px ui-monospace,Menlo,Consolas,monospace;fill:var(--vscode-descriptionForeground,#555)}
            svg .gap{fill:#888;font-size:11px}svg .elabel{font-size:11px;fill:var(--vscode-descriptionForeground,#555)}svg .cycle .elabel{fill:#c00}
            svg .row{fill:var(--vscode-editorWidget-background,#fafafa);stroke:var(--vscode-editorWidget-border,#e0e0e0)}
            svg .wlabel{font-size:11px}svg .wtext{font-size:11px}svg .wait.io{stroke-dasharray:4 2}
            svg .vlabel,svg .nlabel{fill:#222}
            svg .axis{stroke:var(--vscode-editor-foreground,#333)}svg .tick{stroke:var(--vscode-editorIndentGuide-background,#e4e4e4)}
            table.slices{border-collapse:collapse;font-size:12px;margin-top:6px}
            table.repl{border-collapse:collapse;font:12px ui-monospace,Menlo,Consolas,monospace;margin:6px 0 14px}
            table.repl td,table.repl th{border:1px solid var(--vscode-panel-border,#ddd);padding:2px 6px;text-align:center;min-width:14px}
            table.repl td.new{font-weight:700;background:var(--vscode-diffEditor-insertedTextBackground,#e6f4ea)}
            table.repl tr.fault td{color:#c00;font-weight:700}
            table.slices td,table.slices th{border-bottom:1px solid var(--vscode-panel-border,#eee);padding:2px 8px;text-align:left}
            .sw{display:inline-block;width:10px;height:10px;margin-right:5px;vertical-align:middle}
            .cols{display:flex;gap:24px;flex-wrap:wrap}.pt ul{margin:0;padding-left:18px;font:12px ui-monospace,Menlo,Consolas,monospace}
            .pt li.page>span{color:var(--vscode-textLink-foreground,#2a5db0)}.cow{background:#fff3c4;color:#222}
            ol.steps li{margin:3px 0}.vals{font:12px ui-monospace,monospace;margin-left:8px;padding:0 4px;border-radius:3px}.vals.read{background:#e8f0fe;color:#1a3d7c}.vals.wrote{background:#fdecea;color:#7c1a1a}details.cx{margin:6px 0}.who{border-left:6px solid;padding-left:5px;font-weight:600}.pos{color:var(--vscode-descriptionForeground,#777);font:12px ui-monospace,monospace}
            code{background:var(--vscode-textCodeBlock-background,#f4f4f4);padding:1px 4px;border-radius:3px}.code{font-weight:600;color:#a00}
            ul.findings{list-style:none;padding-left:0}ul.findings li{margin:3px 0}.error b{color:#c00}.warning b{color:#b60}
            .info b{color:#2a5db0}.pass b{color:#2a7d2a}.fail b{color:#c00}.undecided b{color:#b60}footer{margin-top:30px;font-size:12px}
            @media (prefers-color-scheme: dark){body{background:var(--vscode-editor-background,#1e1e1e);color:var(--vscode-editor-foreground,#ddd)}
            svg text{fill:var(--vscode-editor-foreground,#ddd)}svg .slabel{fill:#fff}code{background:var(--vscode-textCodeBlock-background,#333)}
            .muted{color:var(--vscode-descriptionForeground,#aaa)}svg .why{fill:var(--vscode-descriptionForeground,#bbb)}svg .vlabel,svg .nlabel{fill:#222}
            svg .row{fill:var(--vscode-editorWidget-background,#2a2a2a);stroke:var(--vscode-editorWidget-border,#444)}svg .axis{stroke:var(--vscode-editor-foreground,#ccc)}
            svg .tick{stroke:var(--vscode-editorIndentGuide-background,#333)}}
            """;

}
