package oss.lsp.services;

import java.util.List;
import oss.runtime.explore.ExploreFinding;
import oss.runtime.observe.AccessFact;
import oss.runtime.observe.Durations;
import oss.runtime.observe.StatementFact;
import oss.runtime.observe.TaskReport;

/** Markdown for what the default run recorded: statement facts, memory accesses, task metrics. */
final class FactText {
    private FactText() {}

    /** A forked task is its process's name with a star, as in the run's table and the report. */
    static String fact(StatementFact f, boolean forked) {
        StringBuilder md = new StringBuilder();
        md.append("**").append(f.process()).append(forked ? "\\*" : "").append("** (pid ").append(f.pid()).append(") at ")
                .append(time(f.timeNs())).append(": ").append(f.summary()).append("\n");
        for (String d : f.details()) {
            md.append("- ").append(d).append("\n");
        }
        if (f.access() != null) {
            md.append(access(f.access()));
        }
        return md.toString();
    }

    static String access(AccessFact a) {
        StringBuilder md = new StringBuilder("\nFirst access, ").append(a.write() ? "write" : "read").append(":\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| virtual address | `0x").append(Long.toHexString(a.va())).append("` |\n");
        if (a.walk() == null) {
            md.append("| translation | TLB hit: no page walk |\n");
        } else {
            if (a.walkNote() != null) {
                md.append("| page walk | ").append(a.walkNote()).append(" |\n");
            }
            for (AccessFact.Level l : a.walk()) {
                md.append("| ").append(l.name()).append(" | index ").append(l.index()).append(", entry `0x")
                        .append(Long.toHexString(l.entry())).append("` ").append(l.decoded()).append(" |\n");
            }
        }
        // hexadecimal, as the page-table entries above and every /proc view write frames
        md.append("| frame | ").append(a.frame() < 0 ? "none" : "`0x" + Long.toHexString(a.frame()) + "`")
                .append(" (physical `0x")
                .append(Long.toHexString(Math.max(a.paddr(), 0))).append("`) |\n");
        md.append("| TLB | ").append(a.tlbHit() ? "hit" : "miss").append(" |\n");
        md.append("| data from | ").append(a.cacheLevel() == null ? "—" : a.cacheLevel()).append(" |\n");
        md.append("| fault | ").append(a.fault()).append(" |\n");
        md.append("| cycles | ").append(a.cycles()).append(" |\n");
        return md.toString();
    }

    static String finding(ExploreFinding f) {
        return "**Explorer:** " + f.code().id() + " " + f.message() + " (a schedule of " + oss.runtime.explore.Schedule.count(f.schedule().steps().size())
                + " leads here)";
    }

    static String task(TaskReport t) {
        return "- " + t.process() + " (pid " + t.pid() + "): " + t.state().name().toLowerCase(java.util.Locale.ROOT)
                + (t.finishNs() >= 0 ? ", finished at " + time(t.finishNs()) + ", turnaround " + time(t.turnaroundNs())
                        : "")
                + ", waiting " + time(t.waitingNs()) + ", cpu " + time(t.cpuNs()) + "\n";
    }

    static String time(long ns) {
        return Durations.format(ns);
    }

    static List<String> none() {
        return List.of();
    }
}
