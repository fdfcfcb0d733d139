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
            "seq_write", "seq_read", "cond_wait", "signal", "broadcast", "barrier", "semop", "choose");
    static final List<String> SECTIONS = List.of("machine", "kernel", "mutex", "semaphore", "resource", "spinlock",
            "rwlock", "seqlock", "condvar", "barrier", "semset", "process", "banker", "expect", "file", "library");
    static final List<String> UNITS = List.of("ns", "us", "ms", "s", "B", "KiB", "MiB", "GiB", "pages", "cycles");
    static final List<String> METRICS = List.of("turnaround", "response", "waiting", "finish", "arrival", "first_run",
            "cpu", "spin_time", "exit", "voluntary_switches", "involuntary_switches", "page_faults", "minor_faults",
            "major_faults", "cow_faults", "rss", "seq_retries", "signal");
    static final List<String> EXPECT_FLAGS = List.of("deadlock", "no", "safe", "unsafe", "granted", "denied",
            "zombies", "leaks", "safe_sequence", "finish_order");
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

    public List<CompletionItem> complete(OssDocument doc, Position pos, CancelChecker cancel) {
        CompletionContext cx = new CompletionContext(doc.text(), pos);
        Token last = cx.last();
        if (last != null && last.getType() == OssLexer.NUMBER) {
            return items(UNITS, CompletionItemKind.Unit, "unit");
        }
        if (cx.line.size() >= 3 && cx.line.get(0).getType() == OssLexer.EXPECT && last.getType() == OssLexer.DOT) {
            return items(METRICS, CompletionItemKind.Field, "metric");
        }
        if (last != null && (last.getType() == OssLexer.EXPECT || last.getType() == OssLexer.NO)) {
            List<CompletionItem> out = items(EXPECT_FLAGS, CompletionItemKind.EnumMember, "expectation");
            out.addAll(names(doc, pos, Set.of("process")));
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
                return names(doc, pos, kinds);
            }
            return List.of();
        }
        return switch (cx.block) {
            case "body" -> items(STATEMENTS, CompletionItemKind.Keyword, "statement");
            case "scenario" -> items(SECTIONS, CompletionItemKind.Keyword, "section");
            case "machine" -> items(SettingKeys.MACHINE, CompletionItemKind.Property, "machine setting");
            case "kernel" -> items(SettingKeys.KERNEL, CompletionItemKind.Property, "kernel setting");
            case "banker" -> items(List.of("resources", "total", "available", "alloc", "max", "need", "request"),
                    CompletionItemKind.Keyword, "banker row");
            default -> items(List.of("scenario"), CompletionItemKind.Keyword, "the document");
        };
    }

    private static List<CompletionItem> names(OssDocument doc, Position pos, Set<String> kinds) {
        String scope = doc.compilation().ast().flatMap(s -> AstWalk.processAt(s, pos)).map(p -> p.name().text())
                .orElse(null);
        Set<String> seen = new LinkedHashSet<>();
        List<CompletionItem> out = new ArrayList<>();
        for (Sym s : SymbolIndex.of(doc).all()) {
            if (kinds.contains(s.kind()) && (!s.local() || s.scope().equals(scope)) && seen.add(s.name())) {
                CompletionItem item = new CompletionItem(s.name());
                item.setKind(s.local() ? CompletionItemKind.Variable : CompletionItemKind.Reference);
                item.setDetail(s.kind());
                out.add(item);
            }
        }
        return out;
    }

    private static List<CompletionItem> items(List<String> words, CompletionItemKind kind, String detail) {
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
