package oss.runtime.kernel.fs;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import oss.runtime.kernel.Task;
import oss.runtime.observe.LsofView;

/**
 * What {@code lsof} would list now: each live process's descriptors (a thread group's once, under
 * its leader, since its threads share the table), and the descriptors a hover shows after a call.
 * init is left out: it holds only the terminal, as every process does at birth.
 */
public final class Lsof {
    private Lsof() {}

    /** {@code views} with {@code fd} added: at a snapshot when some process holds more than the terminal, always at the end. */
    public static Map<String, String> addTo(Map<String, String> views, List<Task> tasks, boolean end) {
        LsofView v = of(tasks);
        boolean beyondTerminal = v.rows().stream().anyMatch(r -> r.fd() > 2 || !r.name().equals("/dev/tty"));
        if (end || beyondTerminal) {
            views.put("fd", v.text());
        }
        return views;
    }

    public static LsofView of(List<Task> tasks) {
        List<LsofView.Row> rows = new ArrayList<>();
        for (Task t : tasks) {
            if (t == null || t.pid < 2 || !t.alive() || t.tgid != t.pid || t.files == null) {
                continue;
            }
            for (int fd : t.files.open()) {
                rows.add(row(t, fd, t.files.get(fd)));
            }
        }
        return new LsofView(rows);
    }

    private static LsofView.Row row(Task t, int fd, OpenFile f) {
        char access = f.reads && f.writes ? 'u' : f.reads ? 'r' : 'w';
        if (f.inode != null && f.inode.regular()) {
            return new LsofView.Row(t.comm, t.pid, fd, access, "REG", Long.toString(f.inode.size), Long.toString(f.pos),
                    Long.toString(f.inode.ino), f.inode.path);
        }
        if (f.inode != null && f.inode.type == Inode.Type.DIRECTORY) {
            return new LsofView.Row(t.comm, t.pid, fd, access, "DIR", Long.toString(f.inode.size), Long.toString(f.pos),
                    Long.toString(f.inode.ino), f.inode.path);
        }
        if (f.inode != null || f.device != null) {
            // an epoll instance is an anonymous inode (lsof's a_inode), a device a character one
            return new LsofView.Row(t.comm, t.pid, fd, access,
                    f.device instanceof oss.runtime.kernel.io.EventPoll ? "a_inode" : "CHR", "-", "-", "-",
                    f.inode != null ? f.inode.path : f.device.path());
        }
        return new LsofView.Row(t.comm, t.pid, fd, access, f.sendTo != null ? "unix" : "FIFO", "-", "-", "-",
                f.pipe.name);
    }

    /**
     * The task's descriptors in a hover's words, one line per open file description: the numbers
     * that share it first ("0, 1, 2: the terminal /dev/tty"), so a dup or a fork's copy reads as one
     * description with one offset.
     */
    public static List<String> table(Task t) {
        if (t.files == null) {
            return List.of();
        }
        Map<OpenFile, List<Integer>> byFile = new IdentityHashMap<>();
        List<OpenFile> order = new ArrayList<>();
        for (int fd : t.files.open()) {
            OpenFile f = t.files.get(fd);
            byFile.computeIfAbsent(f, k -> {
                order.add(k);
                return new ArrayList<>();
            }).add(fd);
        }
        List<String> out = new ArrayList<>();
        for (OpenFile f : order) {
            String fds = byFile.get(f).toString().replaceAll("[\\[\\]]", "");
            out.add("descriptor" + (byFile.get(f).size() > 1 ? "s " : " ") + fds + ": " + f.describe()
                    + (f.inode != null && f.inode.regular() ? ", offset " + f.pos + " of " + f.inode.size : "")
                    + (f.refs > byFile.get(f).size() ? " (shared with " + (f.refs - byFile.get(f).size())
                    + " descriptor(s) of other processes)" : ""));
        }
        return out;
    }
}
