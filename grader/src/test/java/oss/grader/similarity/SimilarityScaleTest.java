package oss.grader.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A class of 1,000 generated submissions with ten disguised copies planted: every copy is found,
 * hardly anything else is, and the time it took is printed (a measurement, not a timed test: the
 * figure is in docs/grading.md).
 */
class SimilarityScaleTest {
    private static final String[] LOCKS = {"m", "lock_a", "guard", "l1"};
    private static final String[] SEMS = {"s", "room", "slots"};

    /** One submission: a few locks, maybe a semaphore and a counter, two to four processes. */
    private static List<String> generate(Random r, int n) {
        List<String> decls = new ArrayList<>();
        int locks = 1 + r.nextInt(3);
        for (int i = 0; i < locks; i++) {
            decls.add("  mutex " + LOCKS[i] + n);
        }
        boolean sem = r.nextBoolean();
        if (sem) {
            decls.add("  semaphore " + SEMS[r.nextInt(SEMS.length)] + n + " = " + (1 + r.nextInt(4)));
        }
        decls.add("  int count" + n + " = 0");
        List<String> procs = new ArrayList<>();
        int processes = 2 + r.nextInt(3);
        for (int p = 0; p < processes; p++) {
            StringBuilder b = new StringBuilder("  process worker" + p + "_" + n + " {\n");
            int statements = 4 + r.nextInt(7);
            for (int s = 0; s < statements; s++) {
                String lock = LOCKS[r.nextInt(locks)] + n;
                switch (r.nextInt(7)) {
                    case 0 -> b.append("    compute ").append(1 + r.nextInt(9)).append(" ms\n");
                    case 1 -> b.append("    sleep ").append(1 + r.nextInt(9)).append(" ms\n");
                    case 2 -> b.append("    lock ").append(lock).append("\n    count").append(n).append(" = count")
                            .append(n).append(" + ").append(1 + r.nextInt(3)).append("\n    unlock ").append(lock)
                            .append('\n');
                    case 3 -> b.append("    repeat ").append(2 + r.nextInt(4)).append(" {\n      compute ")
                            .append(1 + r.nextInt(5)).append(" ms\n      sleep ").append(1 + r.nextInt(5))
                            .append(" ms\n    }\n");
                    case 4 -> b.append("    if (count").append(n).append(" > ").append(r.nextInt(5))
                            .append(") {\n      compute ").append(1 + r.nextInt(4)).append(" ms\n    }\n");
                    case 5 -> b.append("    lock ").append(lock).append("\n    compute ").append(1 + r.nextInt(3))
                            .append(" ms\n    unlock ").append(lock).append('\n');
                    default -> b.append("    io ").append(1 + r.nextInt(9)).append(" ms\n");
                }
            }
            procs.add(b.append("  }\n").toString());
        }
        List<String> out = new ArrayList<>(decls);
        out.addAll(procs);
        if (r.nextBoolean()) {
            out.add("  expect no deadlock");
        }
        return out;
    }

    private static String text(List<String> items, String title) {
        return "scenario \"" + title + "\" {\n" + String.join("\n", items) + "\n}\n";
    }

    /** Another student's names, comments, title and order of items. */
    private static String disguise(List<String> items, int from, int to) {
        List<String> moved = new ArrayList<>(items);
        Collections.reverse(moved);
        String t = text(moved, "copied").replaceAll("(\\w)" + from + "\\b", "$1" + to + "x")
                .replace("worker", "thread").replace("count", "total").replace("  process", "  // mine\n  process");
        return t;
    }

    @Test
    void aThousandSubmissions() {
        Random r = new Random(2026);
        List<Source> sources = new ArrayList<>();
        Set<String> planted = new HashSet<>();
        for (int n = 0; n < 990; n++) {
            List<String> items = generate(r, n);
            sources.add(new Source(String.format("s%04d", n), "", text(items, "mine")));
            if (n % 99 == 7) {
                int to = 990 + planted.size();
                sources.add(new Source(String.format("s%04d", to), "", disguise(items, n, to)));
                planted.add(String.format("s%04d ~ s%04d", n, to));
            }
        }
        assertEquals(1000, sources.size());
        long start = System.nanoTime();
        SimilarityReport report = Similarity.compare(sources, Optional.empty(), SimilarityOptions.DEFAULT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Set<String> found = new HashSet<>();
        for (SimilarityPair p : report.pairs()) {
            found.add(p.studentA() + " ~ " + p.studentB());
        }
        for (String pair : planted) {
            assertTrue(found.contains(pair), pair + " not found in " + SimilarityText.summary(report));
        }
        int others = found.size() - planted.size();
        System.out.printf("similarity: 1,000 submissions (499,500 pairs) compared in %d ms; %d planted copies"
                + " found, %d other pairs at or above 50%%%n", millis, planted.size(), others);
        assertTrue(others <= 5, "pairs listed that are no copies: " + SimilarityText.summary(report));
    }
}
