package oss.runtime.kernel.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * A task's descriptor table (Linux's files_struct): descriptor numbers to open files. Threads and
 * {@code clone files} share one table; fork, vfork and clone without {@code files} copy it
 * (dup_fd), each open file gaining a reference. 0, 1 and 2 are the terminal's, not simulated: a
 * new descriptor gets the lowest free number from 3, as after a shell's exec.
 */
public final class FdTable {
    /** The first descriptor a program gets: 0, 1 and 2 are stdin, stdout and stderr. */
    static final int FIRST = 3;
    /** RLIMIT_NOFILE's default soft limit: descriptors 0 to 1023. */
    public static final int NOFILE = 1024;

    private final List<OpenFile> files = new ArrayList<>();
    /** Tasks using this table (its count): closed when the last one exits. */
    private int users = 1;

    /** The lowest free descriptor now holds {@code f}; -1 (EMFILE) when all are in use. */
    int install(OpenFile f) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i) == null) {
                files.set(i, f);
                return i + FIRST;
            }
        }
        if (files.size() + FIRST >= NOFILE) {
            return -1;
        }
        files.add(f);
        return files.size() - 1 + FIRST;
    }

    /** How many more descriptors fit. */
    int free() {
        int n = NOFILE - FIRST - files.size();
        for (OpenFile f : files) {
            n += f == null ? 1 : 0;
        }
        return n;
    }

    /** The open file of descriptor {@code fd}, or null when it is not open (EBADF). */
    public OpenFile get(long fd) {
        long i = fd - FIRST;
        return i < 0 || i >= files.size() ? null : files.get((int) i);
    }

    /** Frees descriptor {@code fd}; its open file, or null when it was not open. */
    OpenFile remove(long fd) {
        OpenFile f = get(fd);
        if (f != null) {
            files.set((int) (fd - FIRST), null);
        }
        return f;
    }

    /** The table a new task gets: this one, shared ({@code share}), or a copy whose files gain a reference. */
    public FdTable inherit(boolean share) {
        if (share) {
            users++;
            return this;
        }
        FdTable copy = new FdTable();
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
                out.add(i + FIRST);
            }
        }
        return out;
    }

    /** Whether some descriptor here is an end of {@code p} that writes ({@code write}) or reads. */
    public boolean holds(Pipe p, boolean write) {
        for (OpenFile f : files) {
            if (f != null && f.pipe == p && (write ? f.writes : f.reads)) {
                return true;
            }
        }
        return false;
    }
}
