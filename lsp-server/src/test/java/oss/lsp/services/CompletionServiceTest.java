package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.junit.jupiter.api.Test;

class CompletionServiceTest {
    static final String SRC = """
            scenario "c" {
              machine {
                cpus 2
                @M
              }
              kernel {
                @K
              }
              mutex fork[2]
              mutex m
              semaphore room = 1
              resource printer 2
              @S
              process a {
                x = mmap 16 KiB anon private rw
                @B
              }
              process b {
                y = malloc 64 B
                @C
              }
              @E
            }
            """;

    private static List<String> labels(String marked) {
        String text = SRC;
        for (String m : new String[] {"@M", "@K", "@S", "@B", "@C", "@E"}) {
            text = text.replace(m, marked.startsWith(m) ? marked.substring(2) : "");
        }
        Cursor c = Cursor.of(text);
        return new CompletionService().complete(c.doc(), c.pos(), () -> { }).stream().map(CompletionItem::getLabel)
                .toList();
    }

    @Test
    void statementKeywordsInABody() {
        List<String> l = labels("@Blo|");
        assertTrue(l.containsAll(List.of("lock", "compute", "fork", "mmap", "cond_wait")), l.toString());
        assertFalse(l.contains("mutex"));
    }

    @Test
    void sectionKeywordsAtScenarioLevel() {
        List<String> l = labels("@S|");
        assertTrue(l.containsAll(List.of("mutex", "process", "banker", "expect", "kernel")), l.toString());
        assertFalse(l.contains("lock"));
    }

    @Test
    void settingKeysInMachineAndKernel() {
        assertTrue(labels("@Mpa|").containsAll(List.of("page_size", "tlb", "cache")));
        assertTrue(labels("@K|").containsAll(List.of("scheduler", "context_switch", "replacement")));
    }

    @Test
    void namesOfTheRightKind() {
        assertEquals(List.of("fork", "m"), labels("@Block |"));
        assertEquals(List.of("room"), labels("@BP(|"));
        assertEquals(List.of("printer"), labels("@Brequest pr|"));
        assertEquals(List.of("x"), labels("@Bwrite |"));
        assertEquals(List.of("y"), labels("@Cfree |"));
    }

    @Test
    void unitsAfterANumber() {
        List<String> l = labels("@Bcompute 3 |");
        assertTrue(l.containsAll(List.of("ms", "us", "ns", "s", "KiB", "pages")), l.toString());
    }

    @Test
    void metricsAfterExpectName() {
        List<String> l = labels("@Eexpect a.|");
        assertTrue(l.containsAll(List.of("turnaround", "waiting", "minor_faults")), l.toString());
        List<String> flags = labels("@Eexpect |");
        assertTrue(flags.containsAll(List.of("deadlock", "zombies", "a", "b")), flags.toString());
    }

    @Test
    void completionFitsWhereTheCursorIs() {
        // after `lock `: the mutexes, never a whole scenario
        List<String> afterLock = at("scenario \"x\" {\n  mutex fork\n  process a {\n    lock |\n  }\n}\n");
        assertEquals(List.of("fork"), afterLock);
        // whole scenarios only where one can begin
        assertTrue(at("|").containsAll(List.of("philosophers", "producer-consumer")), at("|").toString());
        // a setting's values after its key
        assertEquals(List.of("lru", "clock", "fifo", "opt", "random"),
                at("scenario \"x\" {\n  kernel {\n    replacement |\n  }\n}\n"));
        // the banker's expectation words only with a banker table
        List<String> plain = at("scenario \"x\" {\n  process a {\n    compute 1 ms\n  }\n  expect |\n}\n");
        assertTrue(plain.contains("deadlock") && !plain.contains("safe") && !plain.contains("denied"), plain.toString());
        List<String> banker = at("scenario \"x\" {\n  banker {\n    resources A\n    total 1\n"
                + "    P0 alloc 0 max 1\n  }\n  expect |\n}\n");
        assertTrue(banker.contains("safe") && banker.contains("denied"), banker.toString());
    }

    static final String DATA = """
            scenario "d" {
              kernel {
                @K
              }
              int count = 0
              mutex m
              process a[i in 0..1] {
                int mine = 0
                @B
              }
              process b {
                int theirs = 0
              }
              @E
            }
            """;

    private static List<String> data(String marker, String marked) {
        return at(DATA.replace(marker, marked).replaceAll("@[KBE]", ""));
    }

    @Test
    void variablesWhereAnExpressionGoes() {
        for (String line : List.of("mine = |", "count = mine + |", "if (|", "while (count < |", "slot[|", "assert |",
                "await |", "r = fetch_add(|", "r = fetch_add(count, |")) {
            List<String> l = data("@B", line);
            assertTrue(l.containsAll(List.of("count", "mine", "i")), line + ": " + l);
            assertFalse(l.contains("theirs") || l.contains("m") || l.contains("lock"), line + ": " + l);
        }
        // a statement or the variable it sets at the start of a line
        List<String> start = data("@B", "|");
        assertTrue(start.containsAll(List.of("count", "mine", "while", "atomic", "lock")), start.toString());
        // P(...) still wants a semaphore, lock a mutex
        assertEquals(List.of("m"), data("@B", "lock |"));
    }

    @Test
    void expectationsOfValues() {
        List<String> top = data("@E", "expect |");
        assertTrue(top.containsAll(List.of("count", "a", "b", "always", "possible", "race", "deadlock")), top.toString());
        List<String> always = data("@E", "expect always |");
        assertTrue(always.containsAll(List.of("assert", "count", "b")), always.toString());
        List<String> own = data("@E", "expect b.|");
        assertTrue(own.containsAll(List.of("theirs", "exit", "finish")) && !own.contains("mine"), own.toString());
        assertEquals(List.of("sc", "tso", "relaxed"), data("@K", "memory_model |"));
    }

    private static List<String> at(String marked) {
        Cursor c = Cursor.of(marked);
        return new CompletionService().complete(c.doc(), c.pos(), () -> { }).stream().map(CompletionItem::getLabel)
                .toList();
    }
}
