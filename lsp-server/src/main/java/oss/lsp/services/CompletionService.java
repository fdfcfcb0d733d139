package oss.lsp.services;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.compiler.parse.SettingKeys;
import oss.grammar.OssLexer;

/**
 * What may be written at the caret: statement keywords in a process body,
 * section keywords in the scenario, setting keys in machine/kernel, declared
 * names of the kind a statement wants, units after a number, metrics after
 * {@code expect NAME.}.
 */
public final class CompletionService {
    static final List<String> STATEMENTS = List.of("compute", "sleep", "io", "repeat", "for", "lock", "unlock",
            "trylock", "wait", "post", "P", "V", "claim", "request", "release", "fork", "exit", "mmap", "malloc",
            "munmap", "msync", "free", "brk", "read", "write", "access", "touch", "snapshot", "vfork", "exec", "thread",
            "join", "clone", "spin_lock", "spin_unlock", "read_lock", "read_unlock", "write_lock", "write_unlock",
            "seq_write", "seq_read", "cond_wait", "signal", "broadcast", "barrier", "semop", "choose",
            "int", "if", "while", "break", "assert", "await", "atomic", "atomic_inc", "atomic_dec", "atomic_add",
            "mb", "rmb", "wmb", "smp_mb", "smp_rmb", "smp_wmb", "pipe", "mkfifo", "open", "close", "msgget", "msgsnd",
            "msgrcv", "msgctl", "mq_open", "mq_send", "mq_receive", "mq_unlink", "shmget", "shmat", "shmdt", "shmctl",
            "shm_open", "shm_unlink", "kill", "raise", "sigaction", "sigprocmask", "pause", "sigsuspend", "alarm");
    static final List<String> SECTIONS = List.of("machine", "kernel", "mutex", "semaphore", "resource", "spinlock",
            "rwlock", "seqlock", "condvar", "barrier", "semset", "int", "process", "banker", "expect", "file", "library");
    static final List<String> UNITS = List.of("ns", "us", "ms", "s", "B", "KiB", "MiB", "GiB", "pages", "cycles");
    static final List<String> METRICS = List.of("turnaround", "response", "waiting", "finish", "arrival", "first_run",
            "cpu", "spin_time", "stime", "utime", "exit", "voluntary_switches", "involuntary_switches", "page_faults", "minor_faults",
            "major_faults", "cow_faults", "rss", "seq_retries", "signal");
    static final List<String> EXPECT_FLAGS = List.of("deadlock", "no", "safe", "unsafe", "granted", "denied",
            "zombies", "leaks", "safe_sequence", "finish_order", "always", "possible", "race");
    /** The names an expression reads: data variables and the constants of loops and process arrays. */
    static final Set<String> VALUES = Set.of("int", "loop", "index");
    /** Tokens after which an expression (so a variable) comes. */
    static final Set<Integer> BEFORE_EXPR = Set.of(OssLexer.ASSIGN, OssLexer.PLUS_ASSIGN, OssLexer.MINUS_ASSIGN,
            OssLexer.PLUS, OssLexer.MINUS, OssLexer.STAR, OssLexer.SLASH, OssLexer.PERCENT, OssLexer.EQ, OssLexer.NE,
            OssLexer.LT, OssLexer.LE, OssLexer.GT, OssLexer.GE, OssLexer.ANDAND, OssLexer.OROR, OssLexer.NOT,
            OssLexer.LBRACK, OssLexer.ASSERT, OssLexer.AWAIT);
    /** Keywords whose `(` opens an expression or a variable: conditions and atomic operations. */
    static final Set<Integer> EXPR_PAREN = Set.of(OssLexer.IF, OssLexer.WHILE, OssLexer.LPAREN, OssLexer.ATOMIC_INC,
            OssLexer.ATOMIC_DEC, OssLexer.ATOMIC_ADD, OssLexer.FETCH_ADD, OssLexer.XCHG, OssLexer.CMPXCHG,
            OssLexer.TEST_AND_SET, OssLexer.MIN, OssLexer.MAX, OssLexer.NOT, OssLexer.ANDAND, OssLexer.OROR);
    static final Set<String> BANKER_FLAGS = Set.of("safe", "unsafe", "granted", "denied", "safe_sequence");
    /** What a setting key takes next, where it is a word from a list. */
    static final Map<String, List<String>> SETTING_VALUES = Map.of(
            "scheduler", List.of("cfs", "fifo", "sjf", "stcf", "rr", "mlfq", "lottery"),
            "replacement", List.of("lru", "clock", "fifo", "opt", "random"),
            "deadlock", List.of("detect", "avoid", "ignore"),
            "malloc", List.of("ptmalloc", "freelist"),
            "memory_model", List.of("sc", "tso", "relaxed"),
            "freelist", List.of("first_fit", "best_fit", "worst_fit", "next_fit"),
            "paging", List.of("x86_64", "x86_32"));
    /** The kinds of name each statement keyword takes next. */
    static final Map<String, Set<String>> WANTS = Map.ofEntries(
            Map.entry("lock", Set.of("mutex")), Map.entry("unlock", Set.of("mutex")),
            Map.entry("trylock", Set.of("mutex")), Map.entry("wait", Set.of("semaphore", "child")),
            Map.entry("post", Set.of("semaphore")), Map.entry("P", Set.of("semaphore")),
            Map.entry("V", Set.of("semaphore")), Map.entry("claim", Set.of("resource")),
            Map.entry("request", Set.of("resource")), Map.entry("release", Set.of("resource")),
            Map.entry("spin_lock", Set.of("spinlock")), Map.entry("spin_unlock", Set.of("spinlock")),
            Map.entry("read_lock", Set.of("rwlock")), Map.entry("read_unlock", Set.of("rwlock")),
            Map.entry("write_lock", Set.of("rwlock")), Map.entry("write_unlock", Set.of("rwlock")),
            Map.entry("seq_write", Set.of("seqlock")), Map.entry("seq_read", Set.of("seqlock")),
            Map.entry("cond_wait", Set.of("condvar")), Map.entry("signal", Set.of("condvar")),
            Map.entry("broadcast", Set.of("condvar")), Map.entry("barrier", Set.of("barrier")),
            Map.entry("semop", Set.of("semset")), Map.entry("join", Set.of("thread")),
            Map.entry("free", Set.of("allocation")), Map.entry("munmap", Set.of("mapping")),
            Map.entry("msync", Set.of("mapping")), Map.entry("touch", Set.of("mapping")),
            Map.entry("access", Set.of("mapping")), Map.entry("read", Set.of("mapping", "allocation")),
            Map.entry("write", Set.of("mapping", "allocation")));

    /** An assignment's items, a test's checks and the words they take (docs/grading.md). */
    static final List<String> ASSIGNMENT_ITEMS = List.of("submission", "starter", "budget", "test");
    static final List<String> BUDGET_KEYS = List.of("time", "states", "steps", "memory", "size");
    static final List<String> CHECKS = List.of("expect", "require", "forbid", "unchanged", "predict", "feedback");
    static final List<String> TEST_WORDS = List.of("points", "visible", "hidden", "after_due_date", "after_published",
            "partial");
    static final List<String> PARTS = List.of("scenario", "machine", "kernel", "banker", "declarations", "processes",
            "process");

    public List<CompletionItem> complete(OssDocument doc, Position pos, CancelChecker cancel) {
        CompletionContext cx = new CompletionContext(doc.lexed(cancel), pos, cancel);
        Token last = cx.last();
        List<CompletionItem> assignment = assignment(cx, last);
        if (assignment != null) {
            return assignment;
        }
        if (last != null && last.getType() == OssLexer.NUMBER) {
            return items(UNITS, CompletionItemKind.Unit, "unit");
        }
        if (cx.line.size() >= 3 && cx.line.get(0).getType() == OssLexer.EXPECT && last.getType() == OssLexer.DOT) {
            // a process's own variables (expect P.r == 1) next to its metrics
            List<CompletionItem> out = variablesOf(doc, cx.line.get(cx.line.size() - 2).getText(), cancel);
            out.addAll(items(METRICS, CompletionItemKind.Field, "metric"));
            return out;
        }
        if (last != null && !cx.line.isEmpty() && cx.line.get(0).getType() == OssLexer.EXPECT
                && (last.getType() == OssLexer.ALWAYS || last.getType() == OssLexer.POSSIBLE
                        || BEFORE_EXPR.contains(last.getType()) || last.getType() == OssLexer.LPAREN)) {
            List<CompletionItem> out = new ArrayList<>();
            if (last.getType() == OssLexer.ALWAYS || last.getType() == OssLexer.POSSIBLE) {
                out.addAll(items(List.of("assert"), CompletionItemKind.Keyword, "expectation"));
            }
            out.addAll(names(doc, pos, Set.of("int", "process"), cancel));
            return out;
        }
        if (last != null && "body".equals(cx.block) && expressionFollows(cx)) {
            return names(doc, pos, VALUES, cancel);
        }
        if (last != null && ("kernel".equals(cx.block) || "machine".equals(cx.block))
                && SETTING_VALUES.containsKey(last.getText())) {
            return items(SETTING_VALUES.get(last.getText()), CompletionItemKind.EnumMember, last.getText());
        }
        List<CompletionItem> talk = TalkCompletion.complete(cx, last, doc, pos, cancel);
        if (talk != null) {
            return talk;
        }
        if (last != null && (last.getType() == OssLexer.EXPECT || last.getType() == OssLexer.NO)) {
            // the banker's words only where there is a banker table to judge
            boolean banker = doc.ast(cancel).map(s -> s.sections().stream()
                    .anyMatch(x -> x instanceof oss.compiler.ast.BankerNode)).orElse(false);
            List<String> flags = EXPECT_FLAGS.stream().filter(f -> banker || !BANKER_FLAGS.contains(f)).toList();
            List<CompletionItem> out = items(flags, CompletionItemKind.EnumMember, "expectation");
            out.addAll(names(doc, pos, Set.of("process", "int"), cancel));
            return out;
        }
        if (last != null) {
            String want = last.getType() == OssLexer.LPAREN && cx.line.size() >= 2
                    ? cx.line.get(cx.line.size() - 2).getText() : last.getText();
            if (last.getType() == OssLexer.COMMA && !cx.line.isEmpty()) {
                want = cx.line.get(0).getText();
            }
            Set<String> kinds = WANTS.get(want);
            if (cx.line.size() >= 2 && cx.line.get(0).getType() == OssLexer.COND_WAIT) {
                kinds = Set.of("mutex");
            }
            if (kinds != null && !"top".equals(cx.block) && !"scenario".equals(cx.block)) {
                return names(doc, pos, kinds, cancel);
            }
            return List.of();
        }
        return switch (cx.block) {
            case "body" -> {
                // a statement, or the variable an assignment sets
                List<CompletionItem> out = items(STATEMENTS, CompletionItemKind.Keyword, "statement");
                out.addAll(names(doc, pos, Set.of("int"), cancel));
                yield out;
            }
            case "scenario" -> items(SECTIONS, CompletionItemKind.Keyword, "section");
            case "machine" -> items(SettingKeys.MACHINE, CompletionItemKind.Property, "machine setting");
            case "kernel" -> items(SettingKeys.KERNEL, CompletionItemKind.Property, "kernel setting");
            case "banker" -> items(List.of("resources", "total", "available", "alloc", "max", "need", "request"),
                    CompletionItemKind.Keyword, "banker row");
            default -> scenarios();
        };
    }

    /** What an assignment file takes at the caret, or null where the scenario's rules apply (a test's `expect`). */
    private static List<CompletionItem> assignment(CompletionContext cx, Token last) {
        Token first = cx.line.isEmpty() ? null : cx.line.get(0);
        if ("assignment".equals(cx.block)) {
            if (first != null && first.getType() == OssLexer.TEST && last.getType() != OssLexer.POINTS) {
                return items(TEST_WORDS, CompletionItemKind.EnumMember, "test attribute");
            }
            return last == null ? items(ASSIGNMENT_ITEMS, CompletionItemKind.Keyword, "assignment item") : List.of();
        }
        if ("budget".equals(cx.block)) {
            return last == null || last.getType() != OssLexer.NUMBER
                    ? items(BUDGET_KEYS, CompletionItemKind.Property, "budget") : null;
        }
        if (!"test".equals(cx.block)) {
            return null;
        }
        if (last == null) {
            return items(CHECKS, CompletionItemKind.Keyword, "check");
        }
        int kind = first.getType();
        if (kind == OssLexer.REQUIRE) {
            if (last.getType() == OssLexer.REQUIRE) {
                return items(List.of("finishes", "count"), CompletionItemKind.Keyword, "requirement");
            }
            return cx.line.size() == 2 && "count".equals(last.getText())
                    ? items(oss.compiler.assign.Kinds.COUNTABLE, CompletionItemKind.EnumMember, "what to count") : List.of();
        }
        if (kind == OssLexer.FORBID && (last.getType() == OssLexer.FORBID || last.getType() == OssLexer.COMMA)) {
            return items(oss.compiler.assign.Kinds.FORBIDDABLE, CompletionItemKind.EnumMember, "forbidden");
        }
        if (kind == OssLexer.UNCHANGED && (last.getType() == OssLexer.UNCHANGED || last.getType() == OssLexer.COMMA)) {
            return items(PARTS, CompletionItemKind.EnumMember, "part of the starter");
        }
        return kind == OssLexer.EXPECT ? null : List.of();
    }

    /**
     * Whole scenarios as snippets, offered only where a scenario can begin (an empty file):
     * contributed by the editor they came up everywhere, `lock p` offering the philosophers.
     */
    static final String[][] SCENARIOS = {
            new String[] {"scenario", "A scenario with a machine, one process and an expectation", "scenario \"${1:Title}\" {\n  machine {\n    cpus ${2:1}\n  }\n\n  process ${3:worker} {\n    compute ${4:2} ms\n    $0\n  }\n\n  expect no deadlock\n}"},
            new String[] {"philosophers", "N philosophers, each taking the left fork first (deadlocks)", "scenario \"${1:Dining philosophers}\" {\n  machine {\n    cpus 2\n  }\n\n  mutex fork[${2:5}]\n\n  process philosopher[i in 0 .. ${3:4}] {\n    lock fork[i]\n    compute 1 ms\n    lock fork[(i + 1) % ${2:5}]\n    compute 1 ms  // eat\n    unlock fork[(i + 1) % ${2:5}]\n    unlock fork[i]\n  }\n\n  expect ${4:deadlock}\n}"},
            new String[] {"producer-consumer", "A bounded buffer guarded by three semaphores", "scenario \"${1:Producer and consumer}\" {\n  semaphore mutex = 1  // mutual exclusion on the buffer\n  semaphore empty = ${2:3}  // free slots\n  semaphore full = 0   // filled slots\n\n  process producer {\n    repeat ${3:6} {\n      compute 1 ms  // make an item\n      P(empty)\n      P(mutex)\n      compute 100 us  // put it in the buffer\n      V(mutex)\n      V(full)\n    }\n  }\n\n  process consumer {\n    repeat ${3:6} {\n      P(full)\n      P(mutex)\n      compute 100 us  // take an item out\n      V(mutex)\n      V(empty)\n      compute 2 ms  // use it\n    }\n  }\n\n  expect no deadlock\n}"}
    };

    private static List<CompletionItem> scenarios() {
        List<CompletionItem> out = items(List.of("scenario", "assignment"), CompletionItemKind.Keyword, "the document");
        for (String[] s : SCENARIOS) {
            CompletionItem item = new CompletionItem(s[0]);
            item.setKind(CompletionItemKind.Snippet);
            item.setDetail(s[1]);
            item.setInsertText(s[2]);
            item.setInsertTextFormat(org.eclipse.lsp4j.InsertTextFormat.Snippet);
            out.add(item);
        }
        return out;
    }

    /** Whether what the line has so far ends where an expression starts: `x = `, `if (`, `a[`, `count + `. */
    private static boolean expressionFollows(CompletionContext cx) {
        Token last = cx.last();
        if (BEFORE_EXPR.contains(last.getType())) {
            return true;
        }
        if (last.getType() == OssLexer.LPAREN) {
            Token before = cx.line.size() >= 2 ? cx.line.get(cx.line.size() - 2) : null;
            return before == null || EXPR_PAREN.contains(before.getType()) || BEFORE_EXPR.contains(before.getType());
        }
        if (last.getType() == OssLexer.COMMA) {
            // an atomic operation's operands: fetch_add(x, |
            return cx.line.stream().anyMatch(t -> t.getType() >= OssLexer.ATOMIC_INC && t.getType() <= OssLexer.TEST_AND_SET);
        }
        return false;
    }

    /** The data variables of the process named {@code process}, for {@code expect P.}. */
    private static List<CompletionItem> variablesOf(OssDocument doc, String process, CancelChecker cancel) {
        Set<String> seen = new LinkedHashSet<>();
        List<CompletionItem> out = new ArrayList<>();
        for (Sym s : doc.symbols(cancel).all()) {
            if (s.local() && "int".equals(s.kind()) && process.equals(s.scope()) && seen.add(s.name())) {
                CompletionItem item = new CompletionItem(s.name());
                item.setKind(CompletionItemKind.Variable);
                item.setDetail("int of " + process);
                out.add(item);
            }
        }
        return out;
    }

    static List<CompletionItem> names(OssDocument doc, Position pos, Set<String> kinds, CancelChecker cancel) {
        String scope = doc.ast(cancel).flatMap(s -> AstWalk.processAt(s, pos)).map(p -> p.name().text())
                .orElse(null);
        Set<String> seen = new LinkedHashSet<>();
        List<CompletionItem> out = new ArrayList<>();
        for (Sym s : doc.symbols(cancel).all()) {
            cancel.checkCanceled();
            if (kinds.contains(s.kind()) && (!s.local() || s.scope().equals(scope)) && seen.add(s.name())) {
                CompletionItem item = new CompletionItem(s.name());
                item.setKind(s.local() ? CompletionItemKind.Variable : CompletionItemKind.Reference);
                item.setDetail(s.kind());
                out.add(item);
            }
        }
        return out;
    }

    static List<CompletionItem> items(List<String> words, CompletionItemKind kind, String detail) {
        List<CompletionItem> out = new ArrayList<>();
        for (String w : words) {
            CompletionItem item = new CompletionItem(w);
            item.setKind(kind);
            item.setDetail(detail);
            KeywordDocs.of(w).ifPresent(item::setDocumentation);
            out.add(item);
        }
        return out;
    }
}
