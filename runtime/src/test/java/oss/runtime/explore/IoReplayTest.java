package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import oss.ir.program.Program;

/**
 * Devices and epoll: the explorer (a device is a pipe its deliveries write, PipeSteps; a delivery is
 * a step of its own; EpollSteps) and the run (kernel.io) are one semantics. Every schedule the
 * explorer gives for the blocking, non-blocking and epoll examples and the scenarios here replays
 * in the kernel step for step,
 * its `device "PATH" delivers` steps included, to values that decide each {@code expect} line as
 * the explorer did (PipeReplayTest's check), and a deadlock it finds is one in the run. The expected
 * values are worked out by hand from read(2), epoll(7) and the device's line, next to each scenario.
 */
class IoReplayTest {
    static final List<String> TEXTS = List.of("""
            scenario "blocking reads of a device" {
              device "/dev/net0" at 1 ms, 2 ms size 100 B
              int a = 9
              int b = 9
              int c = 9
              process p {
                f = open "/dev/net0" O_RDONLY
                a = read f 1 KiB
                b = read f 1 KiB
                c = read f 1 KiB
                close f
              }
              // a read sleeps while nothing is buffered and more is to come, then takes all there is (at
              // most 1 KiB). Deliveries one at a time between the reads: 100 and 100; both before the first
              // read: 200 at once, and the next read finds nothing left to come: 0 (end of file)
              expect possible a == 100 && b == 100 && c == 0
              expect possible a == 200 && b == 0 && c == 0
              expect always a + b == 200 && c == 0
            }
            """, """
            scenario "a non-blocking read before the data" {
              device "/dev/net0" at 1 ms size 10 B
              int a = 9
              int b = 9
              process p {
                f = open "/dev/net0" O_RDONLY O_NONBLOCK
                a = read f 10 B
                b = read f 10 B
                close f
              }
              // O_NONBLOCK: before the delivery -1 (EAGAIN) instead of sleeping; after it the 10 bytes; once
              // they are read and nothing more is to come, 0
              expect possible a == -1 && b == -1
              expect possible a == -1 && b == 10
              expect possible a == 10 && b == 0
              expect always a != 0 && b != 9
            }
            """, """
            scenario "select waits for either device" {
              device "/dev/a" at 1 ms size 10 B
              device "/dev/b" at 2 ms size 20 B
              int n1 = 9
              int n2 = 9
              process p {
                fa = open "/dev/a" O_RDONLY
                fb = open "/dev/b" O_RDONLY
                n1 = select fa, fb
                n2 = poll fa, fb timeout 0 ms
                close fa
                close fb
              }
              // select sleeps until one of the two is readable and counts the readable ones: 1, or 2 when
              // both came before it looked. poll with timeout 0 does not wait: 0 to 2, but never fewer than
              // select saw (nothing is read in between)
              expect possible n1 == 1 && n2 == 1
              expect possible n1 == 2 && n2 == 2
              expect possible n1 == 1 && n2 == 2
              expect always n1 >= 1 && n2 >= n1
            }
            """, """
            scenario "a SIGIO that never comes" {
              device "/dev/net0" at 1 ms size 10 B
              process p {
                sigaction SIGIO {
                  int woken = 1
                }
                sigprocmask block SIGIO
                f = open "/dev/net0" O_RDONLY
                fcntl f O_ASYNC
                sigsuspend
                read f 10 B nowait
                close f
              }
              // after fcntl the delivery sends SIGIO, pending while blocked, taken by sigsuspend; but the
              // delivery may come before fcntl (the explorer has no clock), and then no SIGIO is ever sent
              // and sigsuspend sleeps for ever: a deadlock in that order, which the run shows when replayed
            }
            """, """
            scenario "aio_read before and after the data" {
              device "/dev/net0" at 1 ms size 100 B
              int early = 9
              int got = 9
              process p {
                f = open "/dev/net0" O_RDONLY
                a = aio_read f 1 KiB
                early = aio_return a
                aio_suspend a
                got = aio_return a
                close f
              }
              // the request is served when the delivery arrives, or at once if it came first. aio_return
              // before that is -1 (EINPROGRESS) and after aio_suspend the 100 bytes; if it was already done,
              // the first aio_return has the 100 and the second is -1 (aio_return(3): once per request)
              expect possible early == -1 && got == 100
              expect possible early == 100 && got == -1
              expect always early + got == 99
            }
            """, """
            scenario "level-triggered epoll reports data until it is read" {
              device "/dev/net0" at 1 ms size 2 KiB
              int n1 = 9
              int n2 = 9
              int r = 9
              process p {
                f = open "/dev/net0" O_RDONLY
                ep = epoll_create
                epoll_ctl ep add f in
                n1 = epoll_wait ep
                r = read f 1 KiB
                n2 = epoll_wait ep
                close ep
                close f
              }
              // epoll_wait sleeps until the delivery (or finds it on the ready list, when it came before
              // epoll_ctl polled the device): 1. Level-triggered: after 1 KiB of the 2 is read the device is
              // still readable, so it went back on the ready list, and the second epoll_wait returns 1 at once
              expect always n1 == 1 && r == 1024 && n2 == 1
            }
            """, """
            scenario "edge-triggered epoll starves a reader that does not drain" {
              device "/dev/net0" at 1 ms size 2 KiB
              int n1 = 9
              process p {
                f = open "/dev/net0" O_RDONLY
                ep = epoll_create
                epoll_ctl ep add f in et
                n1 = epoll_wait ep
                read f 1 KiB
                epoll_wait ep
                close ep
                close f
              }
              // one delivery, one edge: the first epoll_wait returns 1 and takes the descriptor off the ready
              // list; 1 KiB stays unread, and with no delivery left nothing puts it back: the second
              // epoll_wait sleeps for ever, in every interleaving (epoll(7), the EAGAIN question)
            }
            """);

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(PipeReplayTest.EXAMPLES)) {
            return files.filter(p -> p.getFileName().toString().matches("io-(blocking|nonblocking|epoll|epoll-et|sigio|aio)\\.oss")).sorted()
                    .toList();
        }
    }

    @Test
    void theExamplesAreThere() throws IOException {
        assertEquals(6, examples().size(), "examples/io-blocking, io-nonblocking, io-epoll, io-epoll-et, io-sigio, io-aio");
    }

    @TestFactory
    Stream<DynamicTest> everyScheduleReplaysToTheSameState() throws IOException {
        return Replayed.tests(examples(), TEXTS, PipeReplayTest::check);
    }

    /** Each scenario's expectations hold as worked out by hand; only the edge-triggered one deadlocks. */
    @Test
    void everyScenarioHoldsAsWorkedOut() {
        Replayed.holdAsWorkedOut(TEXTS, text -> text.contains("edge-triggered epoll starves")
                || text.contains("a SIGIO that never comes"));
    }

    /**
     * The examples explore to the end, without a deadlock (a polling loop waits for a delivery that will
     * come) but for io-epoll-et's starvation, which the explorer now finds, in 28 states: both deliveries
     * may come before the first epoll_wait, one edge for the two, as in the run's own order.
     */
    @Test
    void theExamplesExploreAndOnlyTheEdgeTriggeredOneDeadlocks() throws IOException {
        for (Path p : examples()) {
            Program program = ExploreVerdictTest.compile(Files.readString(p));
            ExploreResult x = DataExploreTest.explore(program, true);
            assertTrue(x.complete(), p + ": " + x.stoppedBy());
            assertEquals(p.toString().endsWith("io-epoll-et.oss"), x.deadlockFound(), p + ": " + x.findings());
        }
    }
}
