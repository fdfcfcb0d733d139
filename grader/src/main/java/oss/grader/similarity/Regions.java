package oss.grader.similarity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The matching regions of a pair: each shared fingerprint is a seed (a k-gram at some position in
 * each file), seeds on one diagonal are joined into runs where the tokens between them match
 * too, runs are kept longest first without overlapping, and each run is cut where a top-level
 * item ends (items were reordered, so one run can be two places in the file) and shown as the
 * lines its tokens came from.
 */
final class Regions {
    /** A hash that occurs more often than this in one file seeds only its first occurrences. */
    private static final int MAX_OCCURRENCES = 8;

    private Regions() {}

    private record Run(int a, int b, int length) {}

    static List<Region> of(Prepared a, Prepared b, Set<Long> shared, SimilarityOptions options) {
        int k = options.k();
        Map<Long, List<Integer>> inB = positions(b, shared);
        Map<Integer, List<int[]>> byDiagonal = new HashMap<>();
        for (Winnowing.Fingerprint f : a.kept()) {
            List<Integer> bs = inB.get(f.hash());
            if (bs == null) {
                continue;
            }
            for (int pb : bs) {
                if (equal(a.tokens(), f.position(), b.tokens(), pb, k)) {
                    byDiagonal.computeIfAbsent(pb - f.position(), d -> new ArrayList<>())
                            .add(new int[] {f.position(), pb});
                }
            }
        }
        List<Run> runs = new ArrayList<>();
        for (List<int[]> seeds : byDiagonal.values()) {
            seeds.sort(Comparator.comparingInt(s -> s[0]));
            int start = -1;
            int end = -1;
            int d = 0;
            for (int[] s : seeds) {
                if (start >= 0 && s[0] <= end + options.window() + k
                        && equal(a.tokens(), end, b.tokens(), end + d, Math.max(0, s[0] - end))) {
                    end = Math.max(end, s[0] + k);
                    continue;
                }
                if (start >= 0) {
                    runs.add(new Run(start, start + d, end - start));
                }
                start = s[0];
                end = s[0] + k;
                d = s[1] - s[0];
            }
            if (start >= 0) {
                runs.add(new Run(start, start + d, end - start));
            }
        }
        runs.sort(Comparator.comparingInt(Run::length).reversed().thenComparingInt(Run::a).thenComparingInt(Run::b));
        boolean[] usedA = new boolean[a.tokens().size()];
        boolean[] usedB = new boolean[b.tokens().size()];
        List<int[]> pieces = new ArrayList<>();
        for (Run r : runs) {
            if (overlaps(usedA, r.a(), r.length()) || overlaps(usedB, r.b(), r.length())) {
                continue;
            }
            for (int i = 0; i < r.length(); i++) {
                usedA[r.a() + i] = true;
                usedB[r.b() + i] = true;
            }
            cut(a, b, r, pieces);
        }
        return merge(a, b, pieces);
    }

    private static Map<Long, List<Integer>> positions(Prepared p, Set<Long> shared) {
        Map<Long, List<Integer>> out = new HashMap<>();
        for (Winnowing.Fingerprint f : p.kept()) {
            if (shared.contains(f.hash())) {
                List<Integer> at = out.computeIfAbsent(f.hash(), h -> new ArrayList<>());
                if (at.size() < MAX_OCCURRENCES) {
                    at.add(f.position());
                }
            }
        }
        return out;
    }

    private static boolean equal(List<Token> a, int i, List<Token> b, int j, int length) {
        if (i + length > a.size() || j + length > b.size()) {
            return false;
        }
        for (int x = 0; x < length; x++) {
            if (!a.get(i + x).text().equals(b.get(j + x).text())) {
                return false;
            }
        }
        return true;
    }

    private static boolean overlaps(boolean[] used, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (used[i]) {
                return true;
            }
        }
        return false;
    }

    /** One line range pair per stretch of the run that stays inside one top-level item in both files. */
    private static void cut(Prepared a, Prepared b, Run r, List<int[]> out) {
        int from = 0;
        for (int i = 1; i <= r.length(); i++) {
            boolean end = i == r.length()
                    || a.tokens().get(r.a() + i).section() != a.tokens().get(r.a() + i - 1).section()
                    || b.tokens().get(r.b() + i).section() != b.tokens().get(r.b() + i - 1).section();
            if (end) {
                int[] la = lines(a.tokens(), r.a() + from, i - from);
                int[] lb = lines(b.tokens(), r.b() + from, i - from);
                out.add(new int[] {la[0], la[1], lb[0], lb[1]});
                from = i;
            }
        }
    }

    private static int[] lines(List<Token> tokens, int from, int length) {
        int lo = Integer.MAX_VALUE;
        int hi = 0;
        for (int i = from; i < from + length; i++) {
            lo = Math.min(lo, tokens.get(i).line());
            hi = Math.max(hi, tokens.get(i).line());
        }
        return new int[] {lo, hi};
    }

    private static List<String> text(Prepared p, int from, int to) {
        int f = Math.max(1, from);
        int t = Math.min(p.lines().size(), to);
        return f > t ? List.of() : p.lines().subList(f - 1, t);
    }

    /** Pieces next to each other (or overlapping) in both files are one region; in the order of file A. */
    private static List<Region> merge(Prepared a, Prepared b, List<int[]> pieces) {
        pieces.sort(Comparator.<int[]>comparingInt(r -> r[0]).thenComparingInt(r -> r[2])
                .thenComparingInt(r -> r[1]).thenComparingInt(r -> r[3]));
        List<int[]> merged = new ArrayList<>();
        for (int[] r : pieces) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1] + 1 && r[2] <= last[3] + 1 && r[3] >= last[2] - 1) {
                last[1] = Math.max(last[1], r[1]);
                last[2] = Math.min(last[2], r[2]);
                last[3] = Math.max(last[3], r[3]);
            } else {
                merged.add(r.clone());
            }
        }
        List<Region> out = new ArrayList<>();
        for (int[] m : merged) {
            out.add(new Region(m[0], m[1], m[2], m[3], text(a, m[0], m[1]), text(b, m[2], m[3])));
        }
        return out;
    }
}
