package oss.runtime.kernel.syscall;

import java.util.Map;

/** errno names and what strerror(3) says of them (glibc's texts), for strace's "-1 EAGAIN (...)". */
public final class Errno {
    private Errno() {
    }

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("EPERM", "Operation not permitted"),
            Map.entry("ENOENT", "No such file or directory"),
            Map.entry("ESRCH", "No such process"),
            Map.entry("EINTR", "Interrupted system call"),
            Map.entry("EIO", "Input/output error"),
            Map.entry("ENXIO", "No such device or address"),
            Map.entry("EBADF", "Bad file descriptor"),
            Map.entry("ECHILD", "No child processes"),
            Map.entry("EAGAIN", "Resource temporarily unavailable"),
            Map.entry("ENOMEM", "Cannot allocate memory"),
            Map.entry("EACCES", "Permission denied"),
            Map.entry("EFAULT", "Bad address"),
            Map.entry("EEXIST", "File exists"),
            Map.entry("ENOTDIR", "Not a directory"),
            Map.entry("EISDIR", "Is a directory"),
            Map.entry("EINVAL", "Invalid argument"),
            Map.entry("EMFILE", "Too many open files"),
            Map.entry("ENOSPC", "No space left on device"),
            Map.entry("ESPIPE", "Illegal seek"),
            Map.entry("EROFS", "Read-only file system"),
            Map.entry("EMLINK", "Too many links"),
            Map.entry("EPIPE", "Broken pipe"),
            Map.entry("ENOMSG", "No message of desired type"),
            Map.entry("EIDRM", "Identifier removed"),
            Map.entry("EMSGSIZE", "Message too long"),
            Map.entry("ETIMEDOUT", "Connection timed out"),
            Map.entry("ELOOP", "Too many levels of symbolic links"),
            Map.entry("ENOTEMPTY", "Directory not empty"),
            Map.entry("ENAMETOOLONG", "File name too long"));

    /** The first errno name in {@code text} ("EBADF: not open", "-1 (EAGAIN: ...)"), or null. */
    public static String in(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) == 'E' && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int j = i + 1;
                while (j < n && (Character.isUpperCase(text.charAt(j)) || Character.isDigit(text.charAt(j)))) {
                    j++;
                }
                String w = text.substring(i, j);
                if (TEXT.containsKey(w)) {
                    return w;
                }
            }
        }
        return null;
    }

    /** strerror(3)'s text, or the name itself for one this table lacks. */
    public static String describe(String errno) {
        return TEXT.getOrDefault(errno, errno);
    }
}
