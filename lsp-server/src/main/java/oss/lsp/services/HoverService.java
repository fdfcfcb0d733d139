package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.analysis.Analysis;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.Stmt;
import oss.runtime.explore.ExploreFinding;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.StatementFact;
import oss.runtime.observe.TaskReport;
import oss.ir.program.Span;

/**
 * Markdown hovers: a unit's conversions, what a declared name is, what a
 * keyword means in OS terms, what a variable held (DataHover), and what the
 * default run (and the explorer) saw at the statement under the caret.
 */
public final class HoverService {
    /** The hover at {@code pos}, with the range of the word it is about, or null. */
    public Hover hover(OssDocument doc, Position pos, CancelChecker cancel) {
        Lexed lx = doc.lexed(cancel);
        int i = lx.at(pos);
        Token t = lx.get(i);
        if (t == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        Range range = range(t, t);
        long pageSize = doc.compilation(cancel).program().map(p -> p.machine().pageSize()).orElse(4096L);
        Optional<UnitHover.Conversion> unit = UnitHover.at(lx, i, pageSize);
        if (unit.isPresent()) {
            parts.add(unit.get().markdown());
            range = range(unit.get().number(), unit.get().unit());
        } else {
            Optional<Occurrence> occ = doc.symbols(cancel).at(pos);
            if (occ.isPresent()) {
                parts.add(symbol(doc, occ.get().sym(), cancel));
                range = Positions.range(occ.get().span());
            } else {
                keyword(doc, t.getText(), pos, cancel).ifPresent(k -> parts.add("**" + t.getText() + "** — " + k));
            }
            // a variable: what it held here in the run, at the end, and along each schedule through here;
            // elsewhere in a statement, every value it read and wrote along those schedules
            Optional<String> data = DataHover.of(doc, t.getText(), pos, cancel);
            data.or(() -> DataHover.alongAt(doc, pos, cancel)).ifPresent(parts::add);
        }
        statement(doc, pos, cancel).ifPresent(parts::add);
        if (parts.isEmpty()) {
            return null;
        }
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, String.join("\n\n---\n\n", parts)), range);
    }

    /** From the start of {@code first} to the end of {@code last} (tokens of one line). */
    private static Range range(Token first, Token last) {
        return new Range(new Position(first.getLine() - 1, first.getCharPositionInLine()),
                new Position(last.getLine() - 1, last.getCharPositionInLine() + last.getText().length()));
    }

    private static String symbol(OssDocument doc, Sym sym, CancelChecker cancel) {
        if (sym.node() instanceof Declaration d) {
            return "```oss\n" + Describe.declaration(d) + "\n```\n" + KeywordDocs.of(d.kind().keyword()).orElse("");
        }
        if (sym.kind().equals("process")) {
            StringBuilder md = new StringBuilder("```oss\nprocess " + sym.name() + "\n```\n");
            doc.analysis().flatMap(Analysis::run).ifPresent(r -> {
                for (TaskReport t : r.tasks()) {
                    cancel.checkCanceled();
                    if (!t.forked() && (t.process().equals(sym.name()) || t.process().startsWith(sym.name() + "["))) {
                        md.append(FactText.task(t));
                    }
                }
            });
            return md.toString();
        }
        String what = switch (sym.kind()) {
            case "child" -> "the child's pid, for `wait " + sym.name() + "`";
            case "mapping" -> "a memory mapping (mmap) of process " + sym.scope();
            case "allocation" -> "a heap block (malloc) of process " + sym.scope();
            case "thread" -> "a thread of process " + sym.scope() + ", for `join " + sym.name() + "`";
            case "index" -> "the index of process " + sym.scope() + "'s copies";
            case "loop" -> "a loop variable";
            // Every other kind used to fall to "a loop variable", which a pipe or a shmid is not.
            case "int" -> (sym.node() instanceof Stmt.Var v && v.size().isPresent() ? "an int array" : "an int variable")
                    + " of process " + sym.scope() + " (its threads share it)";
            case "pipe" -> "a pipe of process " + sym.scope() + ": `" + sym.name() + ".read` is its read end, `"
                    + sym.name() + ".write` its write end, both inherited by fork";
            case "descriptor" -> "a file descriptor of process " + sym.scope() + (sym.node() instanceof Stmt.IoModel
                    ? ", an epoll instance from epoll_create" : ", from open");
            case "ipc" -> sym.node() instanceof Stmt.Ipc x ? ipc(x.call()) : "a System V or POSIX IPC name";
            case "aio" -> "an aio request of process " + sym.scope() + ", from aio_read: `aio_suspend " + sym.name()
                    + "` waits for it, `aio_return " + sym.name() + "` gives its count once";
            default -> "a name of process " + sym.scope();
        };
        return "`" + sym.name() + "`: " + what;
    }

    /**
     * A keyword's doc; `read` and `write` are two statements, and on a descriptor (`write p.write 96 KiB`)
     * the memory access's doc ("may take a copy-on-write fault") told the user the wrong call.
     */
    private static Optional<String> keyword(OssDocument doc, String word, Position pos, CancelChecker cancel) {
        if ((word.equals("read") || word.equals("write"))
                && AstWalk.statementAt(doc, pos, cancel).filter(s -> s instanceof Stmt.Fd).isPresent()) {
            return Optional.of(word.equals("read")
                    ? "`n = read FD SIZE [nowait]` or `read FD into y`: read(2) from a pipe or FIFO: what is there,"
                            + " at least 1 byte; waits while it is empty and a write end is open; 0 (end of file)"
                            + " once every write end is closed (pipe(7)). From a regular file: up to SIZE bytes at the"
                            + " file's offset, which moves on; 0 at the end of the file (read(2))."
                    : "`write FD PAYLOAD [nowait]`: write(2) to a pipe or FIFO: returns once every byte is in,"
                            + " waiting whenever the 64 KiB buffer is full; up to PIPE_BUF (4 KiB) it is atomic, a larger"
                            + " one may be interleaved with other writers' bytes; with no reader left, SIGPIPE and"
                            + " EPIPE (pipe(7)). To a regular file: at the file's offset, or at its end with O_APPEND,"
                            + " and the offset moves on (write(2)).");
        }
        return KeywordDocs.of(word);
    }

    /** What the variable a call sets holds, in the man pages' words. */
    private static String ipc(oss.compiler.ast.IpcCall call) {
        if (call instanceof oss.compiler.ast.IpcCall.MsgGet) {
            return "a System V message queue's id (msqid), from msgget";
        }
        if (call instanceof oss.compiler.ast.IpcCall.MqOpen) {
            return "a POSIX message queue's descriptor, from mq_open";
        }
        if (call instanceof oss.compiler.ast.IpcCall.ShmGet) {
            return "a System V shared-memory segment's id (shmid), from shmget";
        }
        if (call instanceof oss.compiler.ast.IpcCall.ShmAt) {
            return "the address shmat attached the segment at, for `read`, `write` and `shmdt`";
        }
        if (call instanceof oss.compiler.ast.IpcCall.ShmOpen) {
            return "a descriptor of a POSIX shared-memory object (in /dev/shm), from shm_open, for `mmap`";
        }
        return "the call's result: 0, or -1 when it failed";
    }

    /** Run facts shown at one statement; the rest are counted and named. */
    static final int SHOWN_FACTS = 4;

    private static Optional<String> statement(OssDocument doc, Position pos, CancelChecker cancel) {
        Optional<Stmt> st = AstWalk.statementAt(doc, pos, cancel);
        Optional<Analysis> a = doc.analysis();
        if (st.isEmpty() || a.isEmpty()) {
            return Optional.empty();
        }
        Span span = st.get().span();
        StringBuilder md = new StringBuilder();
        java.util.Set<Integer> forked = a.get().run().map(r -> r.tasks().stream().filter(t -> t.forked())
                .map(t -> t.pid()).collect(java.util.stream.Collectors.toSet())).orElse(java.util.Set.of());
        List<StatementFact> here = a.get().run().map(r -> factsAt(r, span)).orElse(List.of());
        here.stream().limit(SHOWN_FACTS)
                .forEach(f -> md.append(FactText.fact(f, forked.contains(f.pid()))).append("\n"));
        if (here.size() > SHOWN_FACTS) {
            // said, not dropped: a hover that lists 4 of 5 philosophers must not look like all of them
            md.append("… and ").append(here.size() - SHOWN_FACTS).append(" more (")
                    .append(here.stream().skip(SHOWN_FACTS).map(f -> f.process() + (forked.contains(f.pid()) ? "\\*"
                            : "") + " (pid " + f.pid() + ")").distinct().limit(6)
                            .collect(java.util.stream.Collectors.joining(", ")))
                    .append(here.size() - SHOWN_FACTS > 6 ? ", …" : "")
                    .append("); `oss run` lists them all\n");
        }
        a.get().explore().ifPresent(e -> {
            for (ExploreFinding f : e.findings()) {
                cancel.checkCanceled();
                if (f.at().line() == span.line() && f.at().column() == span.column()) {
                    md.append(FactText.finding(f)).append("\n");
                }
            }
        });
        return md.length() == 0 ? Optional.empty() : Optional.of(md.toString().strip());
    }

    static List<StatementFact> factsAt(RunResult r, Span span) {
        return r.facts().stream().filter(f -> f.span().line() == span.line() && f.span().column() == span.column())
                .toList();
    }
}
