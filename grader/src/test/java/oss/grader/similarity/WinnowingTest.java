package oss.grader.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WinnowingTest {
    private static List<Token> tokens(String... words) {
        List<Token> out = new ArrayList<>();
        for (String w : words) {
            out.add(new Token(w, 1, 0));
        }
        return out;
    }

    @Test
    void keepsTheRightmostMinimumOfEachWindowOnce() {
        // windows of 3 over 5 3 3 7 1 9: [5 3 3] -> the 3 at 2, [3 3 7] -> the same, [3 7 1] -> 1 at 4, [7 1 9] -> the same
        List<Winnowing.Fingerprint> kept = Winnowing.winnow(new long[] {5, 3, 3, 7, 1, 9}, 3);
        assertEquals(List.of(new Winnowing.Fingerprint(3, 2), new Winnowing.Fingerprint(1, 4)), kept);
    }

    @Test
    void fewerHashesThanAWindowKeepTheirMinimum() {
        assertEquals(List.of(new Winnowing.Fingerprint(2, 1)), Winnowing.winnow(new long[] {4, 2}, 4));
        assertEquals(List.of(), Winnowing.winnow(new long[0], 4));
    }

    @Test
    void oneHashPerKgramAndEqualKgramsHashEqual() {
        long[] h = Winnowing.kgrams(tokens("a", "b", "c", "a", "b", "c", "d"), 3);
        assertEquals(5, h.length);
        assertEquals(h[0], h[3]); // a b c twice
        assertNotEquals(h[0], h[1]);
        assertNotEquals(h[3], h[4]); // a b c vs b c d
        assertEquals(0, Winnowing.kgrams(tokens("a", "b"), 3).length);
    }

    /** The paper's guarantee: a shared run of at least w + k - 1 tokens shares a kept fingerprint. */
    @Test
    void aSharedRunOfWPlusKMinusOneTokensIsAlwaysFound() {
        int k = 8;
        int w = 4;
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<String> run = new ArrayList<>();
            for (int i = 0; i < w + k - 1; i++) {
                run.add("r" + random.nextInt(1000));
            }
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            for (int i = 0; i < random.nextInt(30); i++) {
                a.add("a" + random.nextInt(1000));
            }
            for (int i = 0; i < random.nextInt(30); i++) {
                b.add("b" + random.nextInt(1000));
            }
            a.addAll(run);
            b.addAll(run);
            for (int i = 0; i < random.nextInt(30); i++) {
                a.add("a" + random.nextInt(1000));
                b.add("b" + random.nextInt(1000));
            }
            Set<Long> ka = new HashSet<>();
            Winnowing.winnow(Winnowing.kgrams(tokens(a.toArray(String[]::new)), k), w).forEach(f -> ka.add(f.hash()));
            Set<Long> kb = new HashSet<>();
            Winnowing.winnow(Winnowing.kgrams(tokens(b.toArray(String[]::new)), k), w).forEach(f -> kb.add(f.hash()));
            ka.retainAll(kb);
            assertFalse(ka.isEmpty(), "trial " + trial);
        }
    }
}
