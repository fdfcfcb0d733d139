package oss.runtime.kernel.fs;

/**
 * A task's fs_struct: its current directory, against which a relative path is resolved. fork
 * copies it (so a child's chdir leaves its parent where it was); threads share it (CLONE_FS).
 * The root is always {@code /} (no chroot).
 */
public final class FsStruct {
    /** The current directory, as a canonical absolute path. */
    String cwd = "/";
    /** Tasks using it: threads share one. */
    int users = 1;

    public String cwd() {
        return cwd;
    }
}
