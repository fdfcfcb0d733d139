package oss.compiler.util;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?" by edit distance. */
public final class Suggest {
    /** Beyond this many candidates there is no suggestion: each unknown name costs at most this many distances. */
    static final int MAX_CANDIDATES = 500;

    private Suggest() {}

    /**
     * The closest candidate within a distance that still looks like a typo, if any (ties: the
     * alphabetically first). Candidates whose length alone puts them beyond that distance are
     * skipped and each distance stops once it must exceed it, and there is no guess among more
     * than {@link #MAX_CANDIDATES}: with 10,000 declared names and 10,000 unknown ones, compiling
     * took 119 s in this method alone.
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        if (candidates.size() > MAX_CANDIDATES) {
            return Optional.empty(); // a typo among thousands of names: no guess is worth a quadratic compile
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.max(1, Math.min(3, word.length() / 3 + 1));
        String w = word.toLowerCase(java.util.Locale.ROOT);
        for (String c : candidates) {
            if (c.equals(word) || Math.abs(c.length() - word.length()) > limit) {
                continue;
            }
            int d = bounded(w, c.toLowerCase(java.util.Locale.ROOT), Math.min(limit, bestDistance));
            if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** {@link #distance}, or some value above {@code max} as soon as the distance must exceed it. */
    static int bounded(String a, String b, int max) {
        if (a.length() > 64 || b.length() > 64) {
            return distance(a, b);
        }
        int n = b.length();
        int[] prev2 = new int[n + 1];
        int[] prev = new int[n + 1];
        int[] cur = new int[n + 1];
        for (int j = 0; j <= n; j++) {
            prev[j] = j;
        }
        int prevMin = 0;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= n; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            // a later row takes from this row, or (a transposition) from the one before plus 1
            if (Math.min(rowMin, prevMin + 1) > max) {
                return max + 1;
            }
            prevMin = rowMin;
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[n];
    }

    /** " (did you mean `x`?)" or "". */
    public static String hint(String word, Collection<String> candidates) {
        return closest(word, candidates).map(s -> "; did you mean `" + s + "`?").orElse("");
    }

    /** Damerau-Levenshtein (optimal string alignment) distance. */
    public static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Math.max(a.length(), b.length());
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
