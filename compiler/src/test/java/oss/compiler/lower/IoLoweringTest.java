package oss.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.format.Formatter;
import oss.ir.program.IoOp;
import oss.ir.program.Op;
import oss.ir.program.Signal;

/** The I/O models' calls lower to IoOps on the body's slots, with OSS1351 where one cannot work as written. */
class IoLoweringTest {

    static Compilation compile(String body) {
        return Compiler.compile("io.oss", "scenario \"io\" {\n  device \"/dev/d\" at 1 ms size 1 KiB\n"
                + "  process A {\n    f = open \"/dev/d\" O_RDONLY\n" + body + "\n  }\n}\n");
    }

    static List<String> diags(String body) {
        return compile(body).diagnostics().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.code()).toList();
    }

    static List<IoOp> ops(String body) {
        Compilation c = compile(body);
        assertTrue(c.program().isPresent(), () -> c.diagnostics().toString());
        return c.program().get().processes().get(0).body().stream().filter(o -> o instanceof Op.IoModel)
                .map(o -> ((Op.IoModel) o).call()).toList();
    }

    @Test
    void eachCallAndItsOperands() {
        List<IoOp> ops = ops("""
                    int n = 0
                    n = select f, f timeout 2 ms
                    poll f timeout 0 ms
                    ep = epoll_create
                    epoll_ctl ep add f in et
                    n = epoll_wait ep
                    epoll_ctl ep del f
                    fcntl f O_ASYNC
                    a = aio_read f 512 B notify SIGIO
                    aio_suspend a
                    n = aio_return a
                """);
        IoOp.Select select = (IoOp.Select) ops.get(0);
        assertEquals(List.of(0, 0), select.slots());
        assertEquals(2_000_000L, select.timeoutNs());
        assertTrue(select.result() != null && !select.poll());
        assertEquals(0L, ((IoOp.Select) ops.get(1)).timeoutNs());
        int ep = ((IoOp.EpollCreate) ops.get(2)).slot();
        IoOp.EpollCtl add = (IoOp.EpollCtl) ops.get(3);
        assertTrue(add.add() && add.edge() && add.epSlot() == ep && add.slot() == 0);
        assertEquals(-1L, ((IoOp.EpollWait) ops.get(4)).timeoutNs());
        IoOp.EpollCtl del = (IoOp.EpollCtl) ops.get(5);
        assertTrue(!del.add() && !del.edge());
        assertTrue(ops.get(6) instanceof IoOp.Fcntl);
        IoOp.AioRead aio = (IoOp.AioRead) ops.get(7);
        assertEquals(512, aio.bytes());
        assertEquals(Signal.SIGIO, aio.signal());
        assertEquals(aio.requestSlot(), ((IoOp.AioSuspend) ops.get(8)).requestSlot());
        assertEquals(aio.requestSlot(), ((IoOp.AioReturn) ops.get(9)).requestSlot());
    }

    @Test
    void callsThatCannotWorkAsWritten() {
        assertEquals(List.of("5:5 BAD_IO_CALL"), diags("    epoll_create"));
        assertEquals(List.of("6:18 BAD_IO_CALL"), diags("    ep = epoll_create\n    epoll_ctl ep mod f"));
        assertEquals(List.of("6:24 BAD_IO_CALL"), diags("    ep = epoll_create\n    epoll_ctl ep add f out"));
        assertEquals(List.of("6:24 BAD_IO_CALL"), diags("    ep = epoll_create\n    epoll_ctl ep del f et"));
        assertEquals(List.of("5:13 BAD_IO_CALL"), diags("    fcntl f O_NONBLOCK"));
        assertEquals(List.of("5:5 BAD_IO_CALL"), diags("    aio_read f 1 KiB"));
        assertEquals(List.of("5:33 BAD_IO_CALL"), diags("    a = aio_read f 1 KiB notify SIGKILL"));
        assertEquals(List.of("6:26 NOT_POSITIVE"), diags("    int n = 0\n    n = select f timeout -1 ms"));
    }

    @Test
    void theFormatterWritesThemBack() {
        String text = """
                scenario "io" {
                  device "/dev/d" at 1 ms size 1 KiB

                  process A {
                    f = open "/dev/d" O_RDONLY
                    int n = 0
                    n = select f, f timeout 2 ms
                    n = poll f
                    ep = epoll_create
                    epoll_ctl ep add f in et
                    n = epoll_wait ep timeout 0 ms
                    epoll_ctl ep del f
                    fcntl f O_ASYNC
                    a = aio_read f 512 B notify SIGIO
                    aio_suspend a
                    n = aio_return a
                  }
                }
                """;
        assertEquals(Optional.of(text), Formatter.format(text));
    }
}
