package oss.runtime.observe;

import java.util.List;

/**
 * The {@code lsof} view of the processes' open descriptors (and of {@code ls -l /proc/PID/fd}):
 * one row per descriptor, with lsof's columns, except that lsof's SIZE/OFF (a size for a regular
 * file, an offset with {@code -o}) is two columns here, since a scenario asks about both. The FD
 * column is the number and lsof's access letter: r (read), w (write), u (both).
 */
public record LsofView(List<Row> rows) {
    /** One descriptor: TYPE is REG, DIR, CHR or FIFO as lsof prints them; "-" where lsof has nothing to say. */
    public record Row(String command, int pid, int fd, char access, String type, String size, String offset,
            String node, String name) {}

    public LsofView {
        rows = List.copyOf(rows);
    }

    public String text() {
        if (rows.isEmpty()) {
            return "no live process holds a descriptor (every one was closed at exit)\n";
        }
        String[] head = {"COMMAND", "PID", "FD", "TYPE", "SIZE", "OFF", "NODE", "NAME"};
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
        }
        for (Row r : rows) {
            String[] c = cells(r);
            for (int i = 0; i < c.length; i++) {
                w[i] = Math.max(w[i], c[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, head, w);
        for (Row r : rows) {
            line(out, cells(r), w);
        }
        return out.toString();
    }

    private static String[] cells(Row r) {
        return new String[] {r.command(), Integer.toString(r.pid()), r.fd() + String.valueOf(r.access()), r.type(),
                r.size(), r.offset(), r.node(), r.name()};
    }

    /** Names and types left-aligned, numbers right-aligned, as lsof prints them; the last column unpadded. */
    private static void line(StringBuilder out, String[] c, int[] w) {
        for (int i = 0; i < c.length; i++) {
            boolean left = i == 0 || i == 3 || i == c.length - 1;
            String cell = left ? String.format("%-" + w[i] + "s", c[i]) : String.format("%" + w[i] + "s", c[i]);
            out.append(i == c.length - 1 ? c[i] : cell).append(i == c.length - 1 ? "\n" : " ");
        }
    }
}
