package oss.grader.autograder;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** File steps both packages share: a file replaced whole or not at all, and scripts made executable. */
final class Packages {
    private Packages() {}

    /** A half-written package is never left under the name asked for (an upload would fail late). */
    static void replace(Path tmp, Path target) throws IOException {
        // A temporary file is made private (rw-------); the package is for others to read.
        mode(tmp, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover .part file is harmless; the error that matters has been reported.
        }
    }

    /** rwxr-xr-x where the file system has unix modes. */
    static void executable(Path p) throws IOException {
        mode(p, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_EXECUTE));
    }

    private static void mode(Path p, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, mode);
        } catch (UnsupportedOperationException e) {
            // Not a unix file system: nothing to set (PrairieLearn makes its entrypoint executable itself).
        }
    }
}
