package oss.runtime.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oss.runtime.hw.mem.PageTable;
import oss.runtime.hw.mem.Pte;
import oss.runtime.kernel.mm.MemoryManager;
import oss.runtime.observe.AccessFact;
import oss.runtime.observe.StatementFact;
import oss.ir.program.Span;

/**
 * Keeps, per (statement, task), what the run saw there, so an editor can
 * show it on hover without running again. Bounded: at most {@link #LIMIT}
 * statements are kept (the first ones reached), so a long run costs a
 * fixed amount of memory.
 */
public final class FactRecorder {
    static final int LIMIT = 4000;

    /** {@code at} tells apart what happens more than once at one statement and each time matters: signal deliveries. */
    private record Key(Span span, int pid, long at) {
        Key(Span span, int pid) {
            this(span, pid, -1);
        }

        // Written out: a record's generated equals and hashCode link an invokedynamic call site on first
        // use, spinning method-handle classes that cost every short `oss run` a few milliseconds (Startup).
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && pid == k.pid && at == k.at && span.equals(k.span);
        }

        @Override
        public int hashCode() {
            return (span.hashCode() * 31 + pid) * 31 + Long.hashCode(at);
        }
    }

    /** A statement's memory accesses summed over every time it ran. */
    private static final class Accesses {
        AccessFact first;
        long count;
        long minor;
        long major;
        long cow;
        long tlbHits;
        long tlbMisses;
        long cycles;
        final Map<String, Long> levels = new TreeMap<>();
    }

    private final Map<Key, StatementFact> facts = new LinkedHashMap<>();
    private final Map<Key, Accesses> accesses = new LinkedHashMap<>();

    public void record(Span span, Task t, long now, String kind, String summary, List<String> details) {
        if (span == null || !span.isKnown() || facts.size() >= LIMIT) {
            return;
        }
        Key key = "signal".equals(kind) ? new Key(span, t.pid, now) : new Key(span, t.pid);
        facts.putIfAbsent(key, new StatementFact(span, t.pid, t.process, now, kind, summary, details,
                null));
    }

    /** Gives the fact {@code t} left at {@code span} these details, when it has none yet (its first time there). */
    public void detailIfNone(Span span, Task t, List<String> details) {
        if (span == null || !span.isKnown() || details.isEmpty()) {
            return;
        }
        Key key = new Key(span, t.pid);
        StatementFact f = facts.get(key);
        if (f != null && f.details().isEmpty() && f.access() == null) {
            facts.put(key, new StatementFact(f.span(), f.pid(), f.process(), f.timeNs(), f.kind(), f.summary(), details,
                    null));
        }
    }

    public void accessed(Span span, Task t, long now, MemoryManager.Access a, boolean write) {
        if (span == null || !span.isKnown()) {
            return;
        }
        Key key = new Key(span, t.pid);
        Accesses acc = accesses.get(key);
        if (acc == null) {
            if (accesses.size() >= LIMIT) {
                return;
            }
            acc = new Accesses();
            accesses.put(key, acc);
            acc.first = fact(a, write);
            facts.putIfAbsent(key, null);
        }
        acc.count++;
        acc.cycles += a.cycles();
        switch (a.fault()) {
            case MINOR -> acc.minor++;
            case MAJOR -> acc.major++;
            case COW -> {
                acc.cow++;
                acc.minor++;
            }
            default -> { }
        }
        if (a.tlbHit()) {
            acc.tlbHits++;
        } else {
            acc.tlbMisses++;
        }
        if (a.cacheLevel() != null) {
            acc.levels.merge(a.cacheLevel(), 1L, Long::sum);
        }
        if (facts.get(key) == null) {
            facts.put(key, new StatementFact(span, t.pid, t.process, now, "access", "", List.of(), null));
        }
    }

    private static AccessFact fact(MemoryManager.Access a, boolean write) {
        List<AccessFact.Level> walk = null;
        if (a.walk() != null) {
            walk = new ArrayList<>();
            for (PageTable.Level l : a.walk().levels()) {
                walk.add(new AccessFact.Level(l.name(), l.tableFrame(), l.index(), l.entry(), Pte.describe(l.entry())));
            }
        }
        long frame = a.paddr() < 0 ? -1 : a.paddr() >>> MemoryManager.PAGE_SHIFT;
        return new AccessFact(a.va(), write, walk, frame, a.paddr(), a.tlbHit(), a.cacheLevel(),
                a.fault().name().toLowerCase(java.util.Locale.ROOT), a.cycles(),
                a.walk() == null ? null : a.walk().cacheNote());
    }

    List<StatementFact> all() {
        List<StatementFact> out = new ArrayList<>();
        for (var e : facts.entrySet()) {
            Accesses acc = accesses.get(e.getKey());
            if (acc == null) {
                out.add(e.getValue());
                continue;
            }
            StatementFact base = e.getValue();
            out.add(new StatementFact(base.span(), base.pid(), base.process(), base.timeNs(), "access",
                    summary(acc), details(acc), acc.first));
        }
        return out;
    }

    private static String summary(Accesses acc) {
        AccessFact f = acc.first;
        String what = (f.write() ? "write" : "read") + " of 0x" + Long.toHexString(f.va());
        if (f.fault().equals("segv")) {
            return what + ": segmentation fault (SIGSEGV)";
        }
        if (f.fault().equals("bus")) {
            return what + ": beyond the end of the file (SIGBUS)";
        }
        if (f.fault().equals("oom")) {
            return what + ": out of memory (the OOM killer's SIGKILL)";
        }
        if (acc.count == 1) {
            return what + ": " + (f.fault().equals("none") ? "no fault" : f.fault() + " fault") + ", TLB "
                    + (f.tlbHit() ? "hit" : "miss") + ", data from " + f.cacheLevel();
        }
        return what + " first; " + acc.count + " accesses, " + (acc.minor + acc.major) + " faults ("
                + acc.minor + " minor, " + acc.major + " major, " + acc.cow + " copy-on-write)";
    }

    private static List<String> details(Accesses acc) {
        List<String> d = new ArrayList<>();
        AccessFact f = acc.first;
        if (f.walk() != null) {
            d.add("page walk of 0x" + Long.toHexString(f.va()) + (f.walkNote() == null ? ":" : " (" + f.walkNote()
                    + "):"));
            for (AccessFact.Level l : f.walk()) {
                d.add(String.format("  %-4s table frame %#x [%d] = %s", l.name(), l.tableFrame(), l.index(), l.decoded()));
            }
        }
        if (f.frame() >= 0) {
            d.add(String.format("frame %#x, physical address %#x", f.frame(), f.paddr()));
        }
        d.add("TLB " + acc.tlbHits + " hits, " + acc.tlbMisses + " misses; data from " + acc.levels.entrySet().stream()
                .map(x -> x.getKey() + " " + x.getValue()).reduce((a, b) -> a + ", " + b).orElse("-"));
        d.add(acc.cycles + " cycles in all (TLB, page walks, fault handling, caches)");
        return d;
    }
}
