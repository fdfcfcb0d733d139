package oss.compiler.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oss.compiler.ast.Block;
import oss.compiler.ast.Blocks;
import oss.compiler.ast.FdCall;
import oss.compiler.ast.FdRef;
import oss.compiler.ast.Stmt;
import oss.compiler.check.Diags;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.program.Span;

/**
 * The forgotten pipe end (OSS1310), where it is certain: a process or forked child that uses one
 * end of a pipe it holds and never names the other end at all, not even to close it. A read then
 * never sees end of file while that task lives (pipe(7): every write end, in every process, must
 * be closed), and a write never gets SIGPIPE while it holds a read end. Only pipes made in the
 * straight-line part of a body count (not in a branch or a loop), and a name set twice is left
 * alone: then who holds which pipe is not certain from the text.
 */
final class PipeEnds {
    private final Diags diags;

    private PipeEnds(Diags diags) {
        this.diags = diags;
    }

    /** Checks one process's body. */
    static void check(String process, Block body, Diags diags) {
        PipeEnds p = new PipeEnds(diags);
        Task t = p.new Task(process, Map.of(), null);
        t.walk(body, true);
        p.judgeOwn(t);
    }

    /** What one task's own statements (its threads' included, its children's not) do with pipes. */
    private final class Task {
        final String who;
        /** Pipes made before the fork that made this task, certain: name → the pipe statement. */
        final Map<String, Span> inherited;
        final Span forkedAt;
        /** Pipes this task makes in straight-line code, in order, and how often each name is set anywhere. */
        final Map<String, Span> made = new LinkedHashMap<>();
        final Map<String, Integer> sets = new HashMap<>();
        /** "p.read" → its first use here. */
        final Map<String, Span> uses = new HashMap<>();
        /** Each pipe this task made → the first fork that copied it into a child. */
        final Map<String, Span> copiedAt = new HashMap<>();

        Task(String who, Map<String, Span> inherited, Span forkedAt) {
            this.who = who;
            this.inherited = inherited;
            this.forkedAt = forkedAt;
        }

        void walk(Block b, boolean straight) {
            for (Stmt s : b.statements()) {
                if (s instanceof Stmt.Fd fd) {
                    fd(fd, straight);
                } else if (s instanceof Stmt.Fork f) {
                    child(f.body(), f.span());
                } else if (s instanceof Stmt.VFork v) {
                    child(v.body(), v.span());
                } else if (s instanceof Stmt.Clone c && c.flags().stream().noneMatch(n -> n.text().equals("files"))) {
                    child(c.body(), c.span());
                } else if (s instanceof Stmt.Exec) {
                    // a new program: it cannot name the old one's descriptors, which it keeps
                    continue;
                } else {
                    // threads and clone files share this task's table: what they do counts as this task's
                    for (Block inner : Blocks.of(s)) {
                        walk(inner, false);
                    }
                }
            }
        }

        private void fd(Stmt.Fd s, boolean straight) {
            if (s.call() instanceof FdCall.Pipe p && !p.socket() && s.variable().isPresent()) {
                String name = s.variable().get().text();
                if (sets.merge(name, 1, Integer::sum) == 1 && straight) {
                    made.put(name, s.span());
                }
                return;
            }
            FdRef ref = s.call() instanceof FdCall.Read r ? r.fd() : s.call() instanceof FdCall.Write w ? w.fd()
                    : s.call() instanceof FdCall.Close c ? c.fd() : null;
            if (ref != null && ref.end().isPresent()) {
                uses.putIfAbsent(ref.name().text() + ref.end().get().written(), s.span());
            }
        }

        private void child(Block body, Span at) {
            Map<String, Span> copied = new LinkedHashMap<>(inherited);
            for (Map.Entry<String, Span> e : made.entrySet()) {
                if (sets.get(e.getKey()) == 1) {
                    copied.put(e.getKey(), e.getValue());
                    copiedAt.putIfAbsent(e.getKey(), at);
                }
            }
            copied.keySet().removeIf(name -> sets.getOrDefault(name, 0) > 1);
            Task child = new Task("the child", copied, at);
            child.walk(body, true);
            for (Map.Entry<String, Span> e : copied.entrySet()) {
                if (child.sets.getOrDefault(e.getKey(), 0) == 0) {
                    judge(child, e.getKey(), e.getValue(), at, "inherited here");
                }
            }
            judgeOwn(child);
        }
    }

    /** The pipes a task made itself and passed on to a child: does it forget an end? */
    private void judgeOwn(Task t) {
        for (Map.Entry<String, Span> e : t.made.entrySet()) {
            Span fork = t.copiedAt.get(e.getKey());
            if (fork != null && t.sets.get(e.getKey()) == 1) {
                judge(t, e.getKey(), e.getValue(), fork, "a child gets a copy of both ends here");
            }
        }
    }

    private void judge(Task t, String pipe, Span madeAt, Span forkAt, String forkNote) {
        for (FdRef.End end : new FdRef.End[] {FdRef.End.READ, FdRef.End.WRITE}) {
            FdRef.End other = end == FdRef.End.READ ? FdRef.End.WRITE : FdRef.End.READ;
            String forgotten = pipe + end.written();
            Span use = t.uses.get(pipe + other.written());
            if (use == null || t.uses.containsKey(forgotten)) {
                continue;
            }
            String usesOther = pipe + other.written();
            String why = end == FdRef.End.WRITE
                    ? "so a read of `" + usesOther + "` never returns end of file while it lives: a pipe's read returns 0"
                            + " only when every write end is closed, in every process"
                    : "so a write to `" + usesOther + "` never gets SIGPIPE (EPIPE) while it lives: the pipe has a reader"
                            + " as long as any process holds a read end";
            List<Related> related = new ArrayList<>();
            related.add(new Related(forkAt, "`" + forgotten + "` " + forkNote));
            related.add(new Related(madeAt, "the pipe is made here"));
            diags.add(Diagnostic.of(Code.PIPE_END_LEFT_OPEN, use, t.who + " never"
                    + " closes `" + forgotten + "`, which it holds and never uses, " + why + "; close it first: `close "
                    + forgotten + "`").withRelated(related));
        }
    }
}
