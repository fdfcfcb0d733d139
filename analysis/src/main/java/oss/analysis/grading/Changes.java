package oss.analysis.grading;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import oss.analysis.grading.Pieces.Kind;
import oss.analysis.grading.Pieces.Part;
import oss.analysis.grading.Pieces.Piece;
import oss.compiler.assign.Check;
import oss.ir.program.Span;

/**
 * {@code unchanged PART}: what the submission changed in the starter's parts, each difference
 * said where it is in the student's file: "in process P1 (5:3), the starter's `compute 24 ms`
 * became `compute 20 ms`", "you removed `mutex m`". Parts are matched by name, so moving a
 * declaration is layout, not a change.
 */
final class Changes {
    /** One difference; {@code at} is in the student's file ({@link Span#NONE} for something removed). */
    record Difference(Span at, String text) {}

    /** Pieces compared by alignment up to this many pairs; beyond, line by line (a hostile file stays cheap). */
    static final long MAX_ALIGNED_PAIRS = 1_000_000;

    private Changes() {}

    static List<Difference> of(Map<String, Part> starter, Map<String, Part> mine, Check.Target target) {
        List<Difference> out = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        boolean additionsCount;
        switch (target.kind()) {
            case SCENARIO -> {
                keys.addAll(starter.keySet());
                keys.addAll(mine.keySet());
                additionsCount = true;
            }
            case MACHINE, KERNEL, BANKER -> {
                String key = target.kind().name().toLowerCase(java.util.Locale.ROOT);
                keys.add(key);
                additionsCount = true;
            }
            case DECLARATIONS -> {
                starter.values().stream().filter(p -> p.kind() == Kind.DECLARATION).forEach(p -> keys.add(p.key()));
                additionsCount = false;
            }
            case PROCESSES -> {
                starter.values().stream().filter(p -> p.kind() == Kind.PROCESS).forEach(p -> keys.add(p.key()));
                additionsCount = false;
            }
            default -> {
                keys.add("process " + target.name().orElse(""));
                additionsCount = false;
            }
        }
        for (String key : keys) {
            Part s = starter.get(key);
            Part m = mine.get(key);
            if (s == null && m == null) {
                continue;
            }
            if (m == null) {
                out.add(new Difference(Span.NONE, "you removed " + s.title() + " (the starter's "
                        + s.span().line() + ":" + s.span().column() + ")"));
            } else if (s == null) {
                if (additionsCount) {
                    out.add(new Difference(m.span(), "you added " + m.title()));
                }
            } else {
                compare(s, m, out);
            }
        }
        return out;
    }

    private static void compare(Part s, Part m, List<Difference> out) {
        if (s.kind() == Kind.DECLARATION) {
            if (!words(s).equals(words(m))) {
                out.add(new Difference(m.span(), "the starter's " + s.title() + " became " + m.title()));
            }
            return;
        }
        String where = "in " + m.title() + " (" + m.span().line() + ":" + m.span().column() + "), ";
        List<Piece> a = s.pieces();
        List<Piece> b = m.pieces();
        int[][] pairs = align(a, b);
        int i = 0;
        int j = 0;
        for (int[] pair : pairs) {
            gap(a.subList(i, pair[0]), b.subList(j, pair[1]), where, b.get(pair[1]).span(), out);
            i = pair[0] + 1;
            j = pair[1] + 1;
        }
        gap(a.subList(i, a.size()), b.subList(j, b.size()), where, b.isEmpty() ? m.span() : b.get(b.size() - 1).span(),
                out);
    }

    /**
     * Starter lines {@code gone} replaced by the student's {@code came}: changed pairwise, the rest
     * removed (said at {@code next}, the student's line they were before) or added.
     */
    private static void gap(List<Piece> gone, List<Piece> came, String where, Span next, List<Difference> out) {
        int both = Math.min(gone.size(), came.size());
        for (int k = 0; k < both; k++) {
            out.add(new Difference(came.get(k).span(), where + "the starter's `" + gone.get(k).shown() + "` became `"
                    + came.get(k).shown() + "`"));
        }
        for (int k = both; k < gone.size(); k++) {
            out.add(new Difference(next, where + "you removed `" + gone.get(k).shown() + "` (the starter's "
                    + gone.get(k).span().line() + ":" + gone.get(k).span().column() + ")"));
        }
        for (int k = both; k < came.size(); k++) {
            out.add(new Difference(came.get(k).span(), where + "you added `" + came.get(k).shown() + "`"));
        }
    }

    /** Index pairs of equal pieces in a longest common subsequence, in order. */
    static int[][] align(List<Piece> a, List<Piece> b) {
        int n = a.size();
        int m = b.size();
        if ((long) n * m > MAX_ALIGNED_PAIRS) {
            List<int[]> same = new ArrayList<>();
            for (int k = 0; k < Math.min(n, m); k++) {
                if (a.get(k).words().equals(b.get(k).words())) {
                    same.add(new int[] {k, k});
                }
            }
            return same.toArray(new int[0][]);
        }
        int[][] len = new int[n + 1][m + 1];
        for (int x = n - 1; x >= 0; x--) {
            for (int y = m - 1; y >= 0; y--) {
                len[x][y] = a.get(x).words().equals(b.get(y).words()) ? len[x + 1][y + 1] + 1
                        : Math.max(len[x + 1][y], len[x][y + 1]);
            }
        }
        List<int[]> out = new ArrayList<>();
        int x = 0;
        int y = 0;
        while (x < n && y < m) {
            if (a.get(x).words().equals(b.get(y).words())) {
                out.add(new int[] {x, y});
                x++;
                y++;
            } else if (len[x + 1][y] >= len[x][y + 1]) {
                x++;
            } else {
                y++;
            }
        }
        return out.toArray(new int[0][]);
    }

    private static List<String> words(Part p) {
        return p.pieces().stream().map(Piece::words).toList();
    }

    /** The first difference's place, for the message's lead. */
    static Optional<Span> firstPlace(List<Difference> ds) {
        return ds.stream().map(Difference::at).filter(Span::isKnown).findFirst();
    }
}
