package oss.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.format.Formatter;
import oss.grammar.OssLexer;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Severity;

/**
 * Textbook names are names: every keyword of the lexer is used as the name of
 * every kind of declaration, and only the few documented in docs/language.md
 * ("Reserved words") may fail, each for the reason given there.
 */
class KeywordNamesTest {
    /** Reserved, and why (docs/language.md lists the same words with the same reasons). */
    static final Map<String, String> RESERVED = Map.of(
            "any", "`wait any` waits for any child: a semaphore named `any` would make `wait any` mean two things",
            "in", "`for i in 0..3` and `process p[i in 0..4]`: a name `in` reads as the loop's `in`");

    /** One scenario per kind of declaration, with the name used where that kind is used. */
    static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("mutex", "  mutex K\n  process P {\n    lock K\n    unlock K\n  }\n");
        KINDS.put("mutex array", "  mutex K[2]\n  process P {\n    lock K[1]\n    unlock K[1]\n  }\n");
        KINDS.put("semaphore", "  semaphore K = 1\n  process P {\n    wait K\n    post K\n  }\n");
        KINDS.put("semaphore via P/V", "  semaphore K = 1\n  process P {\n    P(K)\n    V(K)\n  }\n");
        KINDS.put("resource", "  resource K 2\n  process P {\n    claim K 1\n    request K 1\n    release K 1\n  }\n");
        KINDS.put("spinlock", "  spinlock K\n  process P {\n    spin_lock K\n    spin_unlock K\n  }\n");
        KINDS.put("rwlock", "  rwlock K\n  process P {\n    read_lock K\n    read_unlock K\n  }\n");
        KINDS.put("seqlock", "  seqlock K\n  process P {\n    seq_write K {\n      compute 1 ms\n    }\n  }\n");
        KINDS.put("condvar", "  mutex m\n  condvar K\n  process P {\n    lock m\n    signal K\n    unlock m\n  }\n");
        KINDS.put("barrier", "  barrier K 1\n  process P {\n    barrier K\n  }\n");
        KINDS.put("semset", "  semset K = [1, 1]\n  process P {\n    semop K[0] -1\n    semop K[0] +1\n  }\n");
        KINDS.put("process", "  process K {\n    compute 1 ms\n  }\n  expect K.exit == 0\n");
        KINDS.put("process array index", "  process P[K in 0..1] {\n    compute (K + 1) ms\n  }\n");
        KINDS.put("fork variable", "  process P {\n    K = fork {\n      compute 1 ms\n    }\n    wait K\n  }\n");
        KINDS.put("thread variable", "  process P {\n    K = thread {\n      compute 1 ms\n    }\n    join K\n  }\n");
        KINDS.put("mmap variable", "  process P {\n    K = mmap 1 pages anon private rw\n    write K[0]\n    munmap K\n  }\n");
        KINDS.put("malloc variable", "  process P {\n    K = malloc 16 B\n    write K[0]\n    free K\n  }\n");
        KINDS.put("for variable", "  process P {\n    for K in 0..1 {\n      compute 1 ms\n    }\n  }\n");
    }

    static List<String> keywords() {
        Set<String> out = new TreeSet<>();
        for (int t = 1; t <= OssLexer.VOCABULARY.getMaxTokenType(); t++) {
            String lit = OssLexer.VOCABULARY.getLiteralName(t);
            if (lit != null && lit.length() > 2 && Character.isLetter(lit.charAt(1))) {
                out.add(lit.substring(1, lit.length() - 1));
            }
        }
        return new ArrayList<>(out);
    }

    static String scenario(String kind, String name) {
        return "scenario \"k\" {\n" + KINDS.get(kind).replace("K", name) + "}\n";
    }

    @Test
    void everyKeywordButTheReservedOnesIsANameOfEveryKind() {
        Map<String, List<String>> failures = new TreeMap<>();
        for (String k : keywords()) {
            for (String kind : KINDS.keySet()) {
                String text = scenario(kind, k);
                Compilation c = Compiler.compile("k.oss", text);
                List<Diagnostic> errors = c.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
                if (!errors.isEmpty() || c.program().isEmpty()) {
                    failures.computeIfAbsent(k, x -> new ArrayList<>()).add(kind + ": "
                            + (errors.isEmpty() ? "no program" : errors.get(0).message()));
                    continue;
                }
                // the formatter round-trips the name: parse, format, parse gives the same text again
                String formatted = Formatter.format(text).orElseThrow();
                assertEquals(formatted, Formatter.format(formatted).orElseThrow(), kind + " named " + k);
            }
        }
        Map<String, List<String>> unexpected = new TreeMap<>(failures);
        unexpected.keySet().removeAll(RESERVED.keySet());
        assertEquals(Map.of(), unexpected, "keywords that cannot be names, and where");
        for (String r : RESERVED.keySet()) {
            assertEquals(true, failures.containsKey(r), "`" + r + "` is listed as reserved but works as a name");
        }
    }
}
