package oss.runtime.observe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Records who ran on which CPU, joining back-to-back pieces of the same
 * task (a slice that ended with nobody else to run is not a switch).
 */
public final class GanttRecorder {
    private final List<GanttSlice>[] perCpu;

    @SuppressWarnings("unchecked")
    public GanttRecorder(int cpus) {
        perCpu = new List[cpus];
        for (int i = 0; i < cpus; i++) {
            perCpu[i] = new ArrayList<>();
        }
    }

    public void add(int cpu, int pid, long start, long end) {
        add(cpu, pid, start, end, "");
    }

    /** A slice that ended for {@code reason}; joined to the task's previous one when nothing ran between. */
    public void add(int cpu, int pid, long start, long end, String reason) {
        if (end <= start) {
            return;
        }
        List<GanttSlice> list = perCpu[cpu];
        if (!list.isEmpty()) {
            GanttSlice last = list.get(list.size() - 1);
            if (last.pid() == pid && last.endNs() == start) {
                list.set(list.size() - 1, new GanttSlice(cpu, pid, last.startNs(), end, reason));
                return;
            }
        }
        list.add(new GanttSlice(cpu, pid, start, end, reason));
    }

    /** Every slice, by CPU and then by time. */
    public List<GanttSlice> slices() {
        List<GanttSlice> all = new ArrayList<>();
        for (List<GanttSlice> l : perCpu) {
            all.addAll(l);
        }
        all.sort(Comparator.comparingInt(GanttSlice::cpu).thenComparingLong(GanttSlice::startNs));
        return all;
    }
}
