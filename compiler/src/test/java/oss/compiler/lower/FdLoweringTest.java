package oss.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.program.FdOp;
import oss.ir.program.Op;

/** Pipes, FIFOs and descriptors lower to FdOps on the body's slots, with clear diagnostics at the right column. */
class FdLoweringTest {

    static Compilation compile(String body) {
        return Compiler.compile("f.oss", "scenario \"f\" {\n  int y = 0\n  process A {\n" + body + "\n  }\n}\n");
    }

    static List<String> diags(String body) {
        return compile(body).diagnostics().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.code().id() + " " + d.message()).toList();
    }

    static List<Op> ops(String body) {
        Compilation c = compile(body);
        assertTrue(c.program().isPresent(), () -> c.diagnostics().toString());
        return c.program().get().processes().get(0).body();
    }

    @Test
    void aPipeAndItsEnds() {
        List<Op> ops = ops("""
                    p = pipe
                    write p.write 10 KiB
                    read p.read 4 KiB nowait
                    close p.write
                """);
        assertEquals(new FdOp.Pipe(0, "p"), ((Op.Fd) ops.get(0)).call());
        assertEquals(new FdOp.Write(0, FdOp.WRITE_END, 10 * 1024, null, null, false), ((Op.Fd) ops.get(1)).call());
        assertEquals(new FdOp.Read(0, FdOp.READ_END, 4096, null, null, null, true), ((Op.Fd) ops.get(2)).call());
        assertEquals(new FdOp.Close(0, FdOp.WRITE_END), ((Op.Fd) ops.get(3)).call());
    }

    @Test
    void anIntPayloadAndTheResultsGoThroughTemporaries() {
        List<Op> ops = ops("""
                    int n = 0
                    p = pipe
                    n = write p.write y + 1
                    read p.read into y
                """);
        // y is shared: loaded first, then the write, then n gets the result
        assertTrue(ops.stream().anyMatch(o -> o instanceof Op.Load), ops.toString());
        FdOp.Write w = (FdOp.Write) ops.stream().filter(o -> o instanceof Op.Fd f && f.call() instanceof FdOp.Write)
                .map(o -> ((Op.Fd) o).call()).findFirst().orElseThrow();
        assertEquals(4, w.bytes());
        assertTrue(w.value() != null && w.result() != null && !w.result().visible());
        Op last = ops.get(ops.size() - 1);
        // `read into y`: y changes only when an int arrived
        assertTrue(last instanceof Op.If i && i.then().get(0) instanceof Op.Store, ops.toString());
    }

    @Test
    void wrongKindsAndUnknownNames() {
        assertEquals(List.of("5:10 OSS1103 `read p`: `p` is a pipe, two descriptors: name one end, `p.read` or `p.write`"),
                diags("    p = pipe\n    read p 4 KiB"));
        assertEquals(List.of("5:11 OSS1103 `close f.read`: `f` is a descriptor from open, which has no ends: write"
                + " `close f`"), diags("    f = open \"q\" O_RDONLY\n    close f.read"));
        List<String> unknown = diags("    pipes = pipe\n    close pipe.write");
        assertEquals(1, unknown.size(), unknown.toString());
        assertTrue(unknown.get(0).startsWith("5:11 OSS1101 `close pipe`: `pipe` is not set here"), unknown.toString());
        assertTrue(unknown.get(0).contains("did you mean `pipes`"), unknown.toString());
        List<String> child = diags("    c = fork { compute 1 ms }\n    write c.write 1 KiB");
        assertTrue(child.get(0).startsWith("5:11 OSS1103 `write c`: `c` is a child process, not a pipe or a"
                + " descriptor from open"), child.toString());
        assertTrue(diags("    p = pipe\n    n = read p.read 4 KiB").get(0).startsWith("5:5 OSS1101 unknown variable `n`"));
    }

    @Test
    void aSocketPairHasTheEndsZeroAndOne() {
        // s[0] sits in the read end's half of the slot, s[1] in the write end's: both are read and written
        List<Op> ops = ops("    s = socketpair\n    write s[0] 4 KiB\n    read s[1] 4 KiB\n    close s[1]");
        assertEquals(new FdOp.Pipe(0, "s", true), ((Op.Fd) ops.get(0)).call());
        assertEquals(FdOp.READ_END, ((FdOp.Write) ((Op.Fd) ops.get(1)).call()).end());
        assertEquals(new FdOp.Close(0, FdOp.WRITE_END), ((Op.Fd) ops.get(3)).call());
        assertEquals(List.of("5:11 OSS1103 `s[2]`: `s` is a socket pair (socketpair), whose ends are `s[0]` and"
                + " `s[1]`"), diags("    s = socketpair\n    close s[2]"));
        assertEquals(List.of("5:11 OSS1103 `s.read`: `s` is a socket pair (socketpair), whose ends are `s[0]` and"
                + " `s[1]`"), diags("    s = socketpair\n    close s.read"));
        assertEquals(List.of("5:11 OSS1103 `p[0]`: `p` is a pipe, whose ends are `p.read` and `p.write`"),
                diags("    p = pipe\n    close p[0]"));
        assertEquals(List.of("5:10 OSS1103 `read s`: `s` is a socket pair, two descriptors: name one end, `s[0]` or"
                + " `s[1]`"), diags("    s = socketpair\n    read s 4 KiB"));
        assertEquals(Code.BAD_FD_CALL, compile("    socketpair").diagnostics().get(0).code());
    }

    @Test
    void openFlags() {
        List<Op> ops = ops("    mkfifo \"chan\"\n    f = open \"chan\" O_WRONLY O_NONBLOCK");
        assertEquals(new FdOp.Open(0, "chan", FdOp.O_WRONLY | FdOp.O_NONBLOCK), ((Op.Fd) ops.get(1)).call());
        assertEquals(List.of("4:21 OSS1101 unknown flag `O_RDONY` for open (flags: O_RDONLY, O_WRONLY, O_RDWR,"
                + " O_NONBLOCK, O_CREAT, O_TRUNC, O_APPEND); did you mean `O_RDONLY`?"),
                diags("    f = open \"chan\" O_RDONY"));
        assertEquals(List.of("4:30 OSS1311 open takes one access mode, and `O_RDONLY` is already one: `O_WRONLY`"
                + " cannot be added (O_RDWR opens both ways)"), diags("    f = open \"chan\" O_RDONLY O_WRONLY"));
        assertEquals(Code.BAD_FD_CALL, compile("    pipe").diagnostics().get(0).code());
    }

    @Test
    void theForgottenWriteEndIsWarnedAboutWhereItIsCertain() {
        List<Diagnostic> d = compile("""
                    p = pipe
                    c = fork {
                      read p.read 4 KiB
                    }
                    close p.read
                    close p.write
                """).diagnostics();
        assertEquals(1, d.size(), d.toString());
        assertEquals(Code.PIPE_END_LEFT_OPEN, d.get(0).code());
        assertEquals(6, d.get(0).span().line());
        assertTrue(d.get(0).message().startsWith("the child never closes `p.write`"), d.get(0).message());
        assertEquals(5, d.get(0).related().get(0).span().line(), "the fork that copied it");
        // the parent reads and never names p.write: it keeps the pipe open for itself
        List<Diagnostic> parent = compile("""
                    p = pipe
                    c = fork {
                      close p.read
                      write p.write 4 KiB
                      close p.write
                    }
                    read p.read 4 KiB
                """).diagnostics();
        assertEquals(1, parent.size(), parent.toString());
        assertTrue(parent.get(0).message().startsWith("A never closes `p.write`"), parent.get(0).message());
        // both ends closed where unused: nothing to say; nor for a pipe made in a branch
        assertEquals(List.of(), diags("""
                    p = pipe
                    c = fork {
                      close p.write
                      read p.read 4 KiB
                    }
                    close p.read
                    write p.write 1 KiB
                    close p.write
                """));
        assertEquals(List.of(), diags("""
                    if (y == 0) {
                      p = pipe
                      c = fork {
                        read p.read 4 KiB
                      }
                    }
                """).stream().filter(s -> s.contains("OSS1310")).toList());
    }
}
