package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/**
 * The {@code ipcs -u} and {@code ipcs -l} sections of the ipcs view, worked out by hand from what
 * msgctl MSG_INFO, shmctl SHM_INFO and semctl SEM_INFO count (ipcs(1), msgctl(2), shmctl(2),
 * semctl(2)) and the limits in /proc/sys/kernel (proc(5)).
 */
class IpcsSummaryTest {
    private static String ipcs(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        RunResult r = Simulator.run(c.program().get(), RunOptions.defaults());
        return r.snapshots().get(0).views().get("ipcs");
    }

    @Test
    void theSummaryCountsQueuedMessagesSegmentPagesAndSemaphores() {
        String v = ipcs("""
                scenario "u" {
                  kernel { msgmax 4 KiB }
                  semset s = [1, 0, 2]
                  process A {
                    q = msgget 42
                    msgsnd q type 1 100 B
                    msgsnd q type 2 28 B
                    g = shmget 7 8 KiB
                    a = shmat g
                    write a[0]
                    snapshot "now"
                    shmdt a
                    shmctl g IPC_RMID
                    msgctl q IPC_RMID
                  }
                }
                """);
        // one queue holding 2 messages of 100 + 28 = 128 bytes
        assertTrue(v.contains("allocated queues = 1\nused headers = 2\nused space = 128 bytes\n"), v);
        // one 8 KiB segment: 2 pages, 1 touched (the write at offset 0), shmem never swapped
        assertTrue(v.contains("segments allocated 1\npages allocated 2\npages resident  1\npages swapped   0\n"), v);
        // the declared set of 3 semaphores
        assertTrue(v.contains("used arrays = 1\nallocated semaphores = 3\n"), v);
        // msgmax from the scenario (4 KiB), msgmnb Linux's default 16384 (MSGMNB)
        assertTrue(v.contains("max size of message (bytes) = 4096\ndefault max size of queue (bytes) = 16384\n"), v);
        // SHMMAX = 2^64 - 1 - 2^24 bytes = 18014398509465599 KiB (rounded down); SHMALL pages times 4096
        // overflow, so util-linux prints 2^64 - 4096 bytes = 18014398509481980 KiB
        assertTrue(v.contains("max seg size (kbytes) = 18014398509465599\n"
                + "max total shared memory (kbytes) = 18014398509481980\n"), v);
        assertTrue(v.contains("semaphore max value = 32767\n"), v);
    }

    /** shmctl IPC_RMID says how many still have the segment attached: the same count ipcs shows (nattch). */
    @Test
    void aSegmentMarkedForRemovalCountsItsAttachersAsIpcsDoes() {
        Compilation c = Compiler.compile("t.oss", """
                scenario "rm" {
                  process A {
                    g = shmget 7 8 KiB
                    a = shmat g
                    b = shmat g
                    shmctl g IPC_RMID  // two attaches in this process: nattch 2
                  }
                }
                """);
        RunResult r = Simulator.run(c.program().get(), RunOptions.defaults());
        var rm = r.facts().stream().filter(f -> f.kind().equals("shmctl")).map(f -> f.summary()).toList();
        assertTrue(rm.size() == 1 && rm.get(0).endsWith("until its last detach, 2 attached"), rm.toString());
    }
}
