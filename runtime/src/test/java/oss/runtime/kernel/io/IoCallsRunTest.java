package oss.runtime.kernel.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/**
 * select, poll, epoll, fcntl O_ASYNC and aio in a run, each value worked out next to it from the
 * man pages (select(2), poll(2), epoll(7), fcntl(2), aio(7)). Stores to the shared ints cost 1 ns
 * each, which no expected time below depends on.
 */
class IoCallsRunTest {
    private static RunResult run(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        return Simulator.run(c.program().get(), RunOptions.defaults());
    }

    private static boolean reports(RunResult r, Code code) {
        return r.findings().stream().anyMatch(f -> f.code() == code);
    }

    @Test
    void selectCountsWhatIsReadableAndTimesOut() {
        // d sends at 5 ms. poll with timeout 0 at 0: nothing, 0 at once. select with timeout 2 ms sleeps
        // and returns 0 at 2 ms; select without one sleeps until 5 ms: 1 (d, listed twice, is counted
        // each time: 2). A regular file counts as always readable (select(2)): 1 at once.
        RunResult r = run("""
                scenario "t" {
                  device "/dev/d" at 5 ms size 1 KiB
                  file "/f" size 1 KiB
                  int a = 0
                  int b = 0
                  int c = 0
                  int e = 0
                  process p {
                    d = open "/dev/d" O_RDONLY
                    g = open "/f" O_RDONLY
                    a = poll d timeout 0 ms
                    b = select d timeout 2 ms
                    c = select d, d
                    e = select g
                    close d
                    close g
                  }
                }
                """);
        assertArrayEquals(new int[] {0, 0, 2, 1}, r.data().shared());
    }

    @Test
    void levelTriggeredReportsAgainEdgeTriggeredOnlyOnArrival() {
        // 2 KiB arrive at 1 ms on each device. Each reader takes 1 KiB and waits again with timeout 1 ms.
        // Level-triggered: the rest is still readable, so the second epoll_wait returns 1 at once.
        // Edge-triggered: no new arrival, so it times out and returns 0 (epoll(7)).
        String text = """
                scenario "t" {
                  device "/dev/d" at 1 ms size 2 KiB
                  int first = 0
                  int second = 0
                  process p {
                    d = open "/dev/d" O_RDONLY
                    ep = epoll_create
                    epoll_ctl ep add d in MODE
                    first = epoll_wait ep
                    read d 1 KiB
                    second = epoll_wait ep timeout 1 ms
                    close ep
                    close d
                  }
                }
                """;
        assertArrayEquals(new int[] {1, 1}, run(text.replace(" MODE", "")).data().shared());
        assertArrayEquals(new int[] {1, 0}, run(text.replace("MODE", "et")).data().shared());
    }

    @Test
    void epollCtlFailsAsEpollCtl2Says() {
        // add twice: EEXIST; del of one not added: ENOENT; a regular file: EPERM. Each -1, OSS2930.
        RunResult r = run("""
                scenario "t" {
                  device "/dev/d" at 1 ms size 1 KiB
                  file "/f" size 1 KiB
                  int a = 0
                  int b = 0
                  int c = 0
                  int e = 0
                  process p {
                    d = open "/dev/d" O_RDONLY
                    g = open "/f" O_RDONLY
                    ep = epoll_create
                    a = epoll_ctl ep add d
                    b = epoll_ctl ep add d
                    c = epoll_ctl ep del g
                    e = epoll_ctl ep add g
                    close ep
                    close d
                    close g
                  }
                }
                """);
        assertArrayEquals(new int[] {0, -1, -1, -1}, r.data().shared());
        assertTrue(reports(r, Code.IO_CALL_FAILED));
    }

    @Test
    void aHandledSignalEndsSelectWithEintrEvenWithRestart() {
        // signal(7): select is never restarted after a handler, whatever SA_RESTART says: -1 at 1 ms.
        RunResult r = run("""
                scenario "t" {
                  device "/dev/d" at 10 ms size 16 B
                  int a = 0
                  process p {
                    sigaction SIGUSR1 restart {
                      int h = 1
                    }
                    c = fork {
                      sleep 1 ms
                      kill parent SIGUSR1
                    }
                    d = open "/dev/d" O_RDONLY
                    a = select d
                    close d
                    wait c
                  }
                }
                """);
        assertArrayEquals(new int[] {-1}, r.data().shared());
    }

    @Test
    void sigioComesAtEachArrivalToTheOwner() {
        // fcntl O_ASYNC makes p the owner: arrivals at 1 and 2 ms send SIGIO, whose handler counts; each
        // ends one pause (a compute would take both while running, and the second would merge into the first).
        RunResult r = run("""
                scenario "t" {
                  device "/dev/d" at 1 ms, 2 ms size 16 B
                  int got = 0
                  process p {
                    sigaction SIGIO {
                      got = got + 1
                    }
                    d = open "/dev/d" O_RDONLY
                    fcntl d O_ASYNC
                    pause
                    pause
                    close d
                  }
                }
                """);
        assertArrayEquals(new int[] {2}, r.data().shared());
    }

    @Test
    void aioCompletesOnArrivalAndReturnsOnce() {
        // aio_read at 0 returns at once; the request completes at 4 ms with min(1 KiB, 16 B) = 16;
        // aio_suspend sleeps until then, so p ends at 4 ms (and 3 stores of 1 ns). The second
        // aio_return is refused: -1, OSS2930.
        RunResult r = run("""
                scenario "t" {
                  device "/dev/d" at 4 ms size 16 B
                  int n = 0
                  int m = 0
                  int s = 0
                  process p {
                    d = open "/dev/d" O_RDONLY
                    a = aio_read d 1 KiB
                    s = aio_suspend a
                    n = aio_return a
                    m = aio_return a
                    close d
                  }
                }
                """);
        assertArrayEquals(new int[] {16, -1, 0}, r.data().shared());
        assertTrue(reports(r, Code.IO_CALL_FAILED));
        assertEquals(4_000_003L, r.tasks().stream().filter(t -> t.process().equals("p")).findFirst().orElseThrow()
                .finishNs());
    }

    @Test
    void edgeTriggeredStarvationIsReportedAtTheEnd() {
        // 2 KiB at 1 ms; one read of 1 KiB per edge-triggered wake-up: the second epoll_wait sleeps for
        // good with 1 KiB unread: OSS2931.
        RunResult r = run("""
                scenario "t" {
                  device "/dev/d" at 1 ms size 2 KiB
                  process p {
                    d = open "/dev/d" O_RDONLY
                    ep = epoll_create
                    epoll_ctl ep add d et
                    epoll_wait ep
                    read d 1 KiB
                    epoll_wait ep
                  }
                }
                """);
        assertTrue(reports(r, Code.EPOLL_ET_STARVED));
        assertTrue(reports(r, Code.BLOCKED_FOREVER));
    }
}
