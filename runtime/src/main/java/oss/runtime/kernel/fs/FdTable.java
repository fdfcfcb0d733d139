package oss.runtime.kernel.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * A task's descriptor table (Linux's files_struct): descriptor numbers to open files. Threads and
 * {@code clone files} share one table; fork, vfork and clone without {@code files} copy it
 * (dup_fd), each open file gaining a reference. A new table has 0, 1 and 2 (stdin, stdout,
 * stderr) open on the terminal, as a program started from a shell finds them, so the lowest free
 * descriptor of a first open is 3; closing one of them frees its number for the next open (the
 * lowest free number, open(2)), which is how a shell's {@code >} redirects before dup2 existed.
 */
public final class FdTable {
    /** Descriptors 0, 1 and 2: the terminal's, open in every new table. */
    static final int STDIO = 3;
    /** RLIMIT_NOFILE's default soft limit: descriptors 0 to 1023. */
    public static final int NOFILE = 1024;

    private final List<OpenFile> files = new ArrayList<>();
    /** Tasks using this table (its count): closed when the last one exits. */
    private int users = 1;

    /**
     * A table with stdin, stdout and stderr open: one open file description of the terminal,
     * opened read-write and duplicated three times, as getty and login leave it to the shell.
     */
    public FdTable() {
        OpenFile tty = new OpenFile(Inode.tty(), true, true, false, false, false);
        tty.refs = STDIO;
        for (int i = 0; i < STDIO; i++) {
            files.add(tty);
        }
    }

    private FdTable(boolean empty) {
    }

    /** The lowest free descriptor now holds {@code f}; -1 (EMFILE) when all are in use. */
    public int install(OpenFile f) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i) == null) {
                files.set(i, f);
                return i;
            }
        }
        if (files.size() >= NOFILE) {
            return -1;
        }
        files.add(f);
        return files.size() - 1;
    }

    /**
     * dup2's install: {@code fd} now holds {@code f}; what it held before, or null. The caller
     * releases the old file (dup2 closes it silently) and has checked {@code fd} is below NOFILE.
     */
    OpenFile installAt(int fd, OpenFile f) {
        while (files.size() <= fd) {
            files.add(null);
        }
        return files.set(fd, f);
    }

    /** How many more descriptors fit. */
    int free() {
        int n = NOFILE - files.size();
        for (OpenFile f : files) {
            n += f == null ? 1 : 0;
        }
        return n;
    }

    /** The open file of descriptor {@code fd}, or null when it is not open (EBADF). */
    public OpenFile get(long fd) {
        return fd < 0 || fd >= files.size() ? null : files.get((int) fd);
    }

    /** Frees descriptor {@code fd}; its open file, or null when it was not open. */
    OpenFile remove(long fd) {
        OpenFile f = get(fd);
        if (f != null) {
            files.set((int) fd, null);
        }
        return f;
    }

    /** The table a new task gets: this one, shared ({@code share}), or a copy whose files gain a reference. */
    public FdTable inherit(boolean share) {
        if (share) {
            users++;
            return this;
        }
        FdTable copy = new FdTable(true);
        for (OpenFile f : files) {
            if (f != null) {
                f.refs++;
            }
            copy.files.add(f);
        }
        return copy;
    }

    /** One task stops using it; true when it was the last (then every descriptor must be closed). */
    boolean release() {
        return --users == 0;
    }

    /** Descriptor numbers in use, ascending. */
    public List<Integer> open() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i) != null) {
                out.add(i);
            }
        }
        return out;
    }

    /** Whether some descriptor here is an end of {@code p} that writes ({@code write}) or reads. */
    public boolean holds(Pipe p, boolean write) {
        for (OpenFile f : files) {
            if (f != null && (write ? f.writes && (f.sendTo != null ? f.sendTo : f.pipe) == p : f.reads && f.pipe == p)) {
                return true;
            }
        }
        return false;
    }
}
