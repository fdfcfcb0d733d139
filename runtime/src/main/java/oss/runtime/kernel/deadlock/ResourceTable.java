package oss.runtime.kernel.deadlock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's view of resource classes with instances: Available, and per
 * task its Max (claim), Allocation and pending Request, i.e. the matrices of
 * the banker's and the detection algorithms. Rows are kept in the order
 * tasks first touched a resource, which makes safe sequences deterministic.
 */
public final class ResourceTable {
    private final String[] names;
    private final int[] available;
    private final Map<Integer, Row> rows = new LinkedHashMap<>();

    /** One task's row. {@code request} is null unless it is waiting. */
    public static final class Row {
        public final int pid;
        public int[] claim;
        public final int[] allocation;
        public int[] request;

        Row(int pid, int kinds) {
            this.pid = pid;
            this.allocation = new int[kinds];
        }
    }

    public ResourceTable(String[] names, int[] instances) {
        this.names = names.clone();
        this.available = instances.clone();
    }

    public int kinds() {
        return names.length;
    }

    public String name(int r) {
        return names[r];
    }

    public int[] available() {
        return available.clone();
    }

    public Row row(int pid) {
        return rows.computeIfAbsent(pid, p -> new Row(p, names.length));
    }

    public Row existing(int pid) {
        return rows.get(pid);
    }

    public List<Row> rows() {
        return new ArrayList<>(rows.values());
    }

    public boolean fits(int[] amounts) {
        for (int r = 0; r < amounts.length; r++) {
            if (amounts[r] > available[r]) {
                return false;
            }
        }
        return true;
    }

    public void grant(int pid, int[] amounts) {
        Row row = row(pid);
        for (int r = 0; r < amounts.length; r++) {
            available[r] -= amounts[r];
            row.allocation[r] += amounts[r];
        }
        row.request = null;
    }

    /** Gives back what the task holds of {@code amounts}, never more. */
    public void release(int pid, int[] amounts) {
        Row row = row(pid);
        for (int r = 0; r < amounts.length; r++) {
            int n = Math.min(amounts[r], row.allocation[r]);
            row.allocation[r] -= n;
            available[r] += n;
        }
    }

    public void releaseAll(int pid) {
        Row row = rows.get(pid);
        if (row != null) {
            release(pid, row.allocation.clone());
            row.request = null;
            row.claim = null;
        }
    }

    /**
     * Banker's safety test of granting {@code amounts} to {@code pid} now,
     * over every task that has a claim (tasks without one are ignored: under
     * avoidance they may not request).
     */
    public boolean safeAfterGrant(int pid, int[] amounts) {
        List<Row> claimed = rows.values().stream().filter(r -> r.claim != null).toList();
        int n = claimed.size();
        int[] avail = available.clone();
        int[][] alloc = new int[n][];
        int[][] need = new int[n][];
        for (int i = 0; i < n; i++) {
            Row row = claimed.get(i);
            alloc[i] = row.allocation.clone();
            need[i] = new int[names.length];
            for (int r = 0; r < names.length; r++) {
                if (row.pid == pid) {
                    alloc[i][r] += amounts[r];
                }
                need[i][r] = Math.max(0, row.claim[r] - alloc[i][r]);
            }
        }
        for (int r = 0; r < names.length; r++) {
            avail[r] -= amounts[r];
        }
        return Banker.safeSequence(avail, alloc, need).isPresent();
    }

    public String describe(int[] amounts) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < amounts.length; r++) {
            if (amounts[r] != 0) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(names[r]).append(' ').append(amounts[r]);
            }
        }
        return sb.length() == 0 ? "nothing" : sb.toString();
    }

    @Override
    public String toString() {
        return "available " + Arrays.toString(available);
    }
}
