package oss.runtime.kernel.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/**
 * read(2) of a device in a run: it sleeps until a byte is readable, takes min(size, buffered),
 * fails with EAGAIN at once with O_NONBLOCK or {@code nowait}, and returns 0 once every delivery
 * has arrived and been read. Each expected value is worked out next to it.
 */
class DeviceRunTest {
    private static RunResult run(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        return Simulator.run(c.program().get(), RunOptions.defaults());
    }

    @Test
    void aReadTakesWhatIsBufferedUpToItsSizeThenEndOfFile() {
        // 1 KiB readable at 1, 2 and 3 ms. The reader computes 3.5 ms first: at 3.5 all 3 KiB are
        // buffered. read 2 KiB gets 2048 (the stream keeps no boundaries), read 2 KiB the last 1024,
        // then 0: 3 of 3 arrived, nothing left.
        RunResult r = run("""
                scenario "t" {
                  device "/dev/d" every 1 ms count 3 size 1 KiB
                  int a = 0
                  int b = 0
                  int c = 0
                  process p {
                    f = open "/dev/d" O_RDONLY
                    compute 3500 us
                    a = read f 2 KiB
                    b = read f 2 KiB
                    c = read f 2 KiB
                    close f
                  }
                }
                """);
        assertArrayEquals(new int[] {2048, 1024, 0}, r.data().shared());
    }

    @Test
    void nonblockingFailsWithEagainWhereBlockingSleeps() {
        // 16 B readable at 2 ms and 4 ms. At 0: nowait gives -1 (EAGAIN); so does a read of the
        // O_NONBLOCK descriptor. The plain read then sleeps until 2 ms and gets 16; the process ends
        // at 2 ms + 1 ns (the store to c, a shared variable) + the 1 ms compute, while the second
        // delivery (4 ms) is never read.
        RunResult r = run("""
                scenario "t" {
                  device "/dev/d" at 2 ms, 4 ms size 16 B
                  int a = 0
                  int b = 0
                  int c = 0
                  process p {
                    f = open "/dev/d" O_RDONLY
                    g = open "/dev/d" O_RDONLY O_NONBLOCK
                    a = read f 1 KiB nowait
                    b = read g 1 KiB
                    c = read f 1 KiB
                    compute 1 ms
                    close f
                    close g
                  }
                }
                """);
        assertArrayEquals(new int[] {-1, -1, 16}, r.data().shared());
        assertEquals(3_000_001L, r.tasks().stream().filter(t -> t.process().equals("p")).findFirst().orElseThrow()
                .finishNs());
    }

    @Test
    void anArrivalComesAfterABurstThatEndsInItsInstant() {
        // docs/language.md, "What a run does": burst completions run before wake-ups and arrivals in
        // one instant. The compute ends at 1 ms, when the delivery becomes readable: the nowait read
        // right after the burst still finds nothing (-1), the blocking one after it gets the 16 B.
        RunResult r = run("""
                scenario "t" {
                  device "/dev/d" at 1 ms size 16 B
                  int a = 0
                  int b = 0
                  process p {
                    f = open "/dev/d" O_RDONLY
                    compute 1 ms
                    a = read f 16 B nowait
                    b = read f 16 B
                    close f
                  }
                }
                """);
        assertArrayEquals(new int[] {-1, 16}, r.data().shared());
    }

    @Test
    void stdinReadsADeclaredTerminal() {
        // descriptor 0 is open on /dev/tty in every process; declared as a device, the terminal's
        // input is its deliveries: the read sleeps until 1 ms and gets the 16 B, then end of file.
        // Without the device line the terminal has no input: 0 at once, as after Ctrl-D.
        String text = """
                scenario "t" {
                  DEVICE
                  int a = 0
                  int b = 0
                  process p {
                    a = read stdin 64 B
                    b = read stdin 64 B
                  }
                }
                """;
        assertArrayEquals(new int[] {16, 0}, run(text.replace("DEVICE", "device \"/dev/tty\" at 1 ms size 16 B"))
                .data().shared());
        assertArrayEquals(new int[] {0, 0}, run(text.replace("DEVICE", "")).data().shared());
    }

    @Test
    void latencyAndBandwidthDelayTheWakeUp() {
        // sent at 5 ms, 64 KiB at 100 MiB/s takes 0.625 ms on the wire, after 1 ms latency: readable at
        // 6.625 ms, when the sleeping reader wakes, stores to a (1 ns) and ends.
        RunResult r = run("""
                scenario "t" {
                  device "/dev/net1" every 5 ms count 1 size 64 KiB latency 1 ms bandwidth 100 MiB/s
                  int a = 0
                  process p {
                    f = open "/dev/net1" O_RDONLY
                    a = read f 64 KiB
                    close f
                  }
                }
                """);
        assertArrayEquals(new int[] {65536}, r.data().shared());
        assertEquals(6_625_001L, r.tasks().stream().filter(t -> t.process().equals("p")).findFirst().orElseThrow()
                .finishNs());
    }

    @Test
    void aHandledSignalEndsADeviceReadWithEintrWithoutRestart() {
        // the reader sleeps on a device that sends at 10 ms; its parent's child sends SIGUSR1 at 1 ms.
        // signal(7): a read on a slow device is interrupted, -1 EINTR without SA_RESTART (signal()
        // in glibc is BSD's, which restarts: sigaction without `restart` does not).
        RunResult r = run("""
                scenario "t" {
                  device "/dev/d" at 10 ms size 16 B
                  int a = 0
                  int h = 0
                  process p {
                    sigaction SIGUSR1 {
                      h = 1
                    }
                    c = fork {
                      sleep 1 ms
                      kill parent SIGUSR1
                    }
                    f = open "/dev/d" O_RDONLY
                    a = read f 16 B
                    close f
                    wait c
                  }
                }
                """);
        assertArrayEquals(new int[] {-1, 1}, r.data().shared());
    }
}
