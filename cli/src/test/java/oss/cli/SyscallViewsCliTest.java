package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** --show strace,top and --trace-syscalls on examples/syscalls-cost.oss; without them neither view prints. */
class SyscallViewsCliTest {
    @Test
    void theViewsPrintOnlyWhenAsked() {
        CliTest.Outcome plain = CliTest.oss("run", CliTest.EXAMPLES + "syscalls-cost.oss");
        assertEquals(0, plain.code(), plain.out());
        assertFalse(plain.out().contains("% time"), plain.out());
        assertFalse(plain.out().contains("(strace -f -tt"), plain.out());
        // the CPU column splits: 500 us of user time, 150.6 us of system time
        assertTrue(plain.out().contains("USER") && plain.out().contains("650.6  500 150.6"), plain.out());

        CliTest.Outcome o = CliTest.oss("run", CliTest.EXAMPLES + "syscalls-cost.oss", "--show", "strace,top",
                "--trace-syscalls");
        assertEquals(0, o.code(), o.out());
        // 500 reads of 150 ns: 75 us, 49.80 % of the 150.6 us
        assertTrue(o.out().contains(" 49.80    0.000075           0       500           read"), o.out());
        assertTrue(o.out().contains("100.00    0.000151           0      1004           total"), o.out());
        // over the whole run P was on its CPU all the time; 2 CPUs: 650.6 us of 1301.2 us, 11.6 % sy
        assertTrue(o.out().contains("      2 X 100.0       0   0:00.00 P"), o.out());
        assertTrue(o.out().contains("%Cpu(s):  38.4 us,  11.6 sy,  50.0 id"), o.out());
        // the third call, the first read, is entered after two entries of 150 ns and one write's
        assertTrue(o.out().contains("[pid 2] 0.000000 pipe2([3, 4], 0) = 0"), o.out());
        assertTrue(o.out().contains("[pid 2] 0.000000 read(3, ..., 64) = 64"), o.out());
        assertTrue(o.out().contains("[pid 2] 0.000650 exit_group(0) = ?"), o.out());
    }
}
