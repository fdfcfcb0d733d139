package oss.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import oss.runtime.kernel.syscall.SyscallNames;

/**
 * (In the compiler's package, to read its list; in this module, which sees the runtime too.) The compiler checks {@code expect P.syscalls.NAME} against its own list (it does not depend on
 * the runtime); the run counts by SyscallNames. The two lists must be one, and every name in the
 * source of SyscallNames.of must be in them, or an expectation on a real call would be refused.
 */
class SyscallNamesAgreeTest {
    @Test
    void theCompilersListIsTheRunsList() throws Exception {
        assertEquals(new TreeSet<>(SyscallNames.ALL), new TreeSet<>(ExpectationLowerer.SYSCALL_NAMES));
        String source = Files.readString(Path.of("..", "runtime", "src", "main", "java", "oss", "runtime", "kernel",
                "syscall", "SyscallNames.java"));
        var m = java.util.regex.Pattern.compile("return \"([a-z0-9_]+)\";").matcher(source);
        int names = 0;
        while (m.find()) {
            names++;
            assertTrue(SyscallNames.ALL.contains(m.group(1)), m.group(1) + " is returned but not in ALL");
        }
        assertTrue(names > 30, "read the names SyscallNames.of returns");
    }
}
