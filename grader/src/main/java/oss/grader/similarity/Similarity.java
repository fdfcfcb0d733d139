package oss.grader.similarity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MOSS for .oss (docs/grading.md, "Similarity"): each submission is normalised on its syntax tree
 * ({@link AstNormaliser}), fingerprinted by winnowing ({@link Winnowing}), and every pair that
 * shares enough of its own fingerprints is listed with the matching regions.
 *
 * <p>What everyone has is not evidence: every k-gram of the starter is left out, and so is a
 * fingerprint that more than {@link SimilarityOptions#commonCut} submissions share. Pairs are found
 * through an inverted index from fingerprint to submissions, so the work grows with the pairs
 * that share something, not with all n² pairs. Deterministic: the same sources in any order give
 * the same report.
 */
public final class Similarity {
    private Similarity() {}

    public static SimilarityReport compare(List<Source> sources, Optional<String> starter, SimilarityOptions options) {
        List<Source> sorted = new ArrayList<>(sources);
        sorted.sort(Comparator.comparing(Source::student).thenComparing(Source::file));
        // Parsing is most of the work and each file is its own: in parallel, the order kept.
        List<Prepared.Or> done = sorted.parallelStream().map(s -> prepare(s, options)).toList();
        List<Prepared> prepared = new ArrayList<>();
        List<SimilarityReport.Skipped> skipped = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Source s = sorted.get(i);
            if (done.get(i).why() != null) {
                skipped.add(new SimilarityReport.Skipped(s.student(), s.file(), done.get(i).why()));
            } else if (done.get(i).prepared().kept().isEmpty()) {
                skipped.add(new SimilarityReport.Skipped(s.student(), s.file(),
                        "too short to compare (fewer than " + options.k() + " tokens)"));
            } else {
                prepared.add(done.get(i).prepared());
            }
        }
        Set<Long> base = starterKgrams(starter, options);
        int n = prepared.size();
        long[][] own = new long[n][];
        Map<Long, Integer> frequency = new HashMap<>();
        for (int i = 0; i < n; i++) {
            own[i] = prepared.get(i).kept().stream().mapToLong(Winnowing.Fingerprint::hash)
                    .filter(h -> !base.contains(h)).distinct().sorted().toArray();
            for (long h : own[i]) {
                frequency.merge(h, 1, Integer::sum);
            }
        }
        int cut = options.commonCut(n);
        Map<Long, List<Integer>> postings = new HashMap<>();
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            for (long h : own[i]) {
                int f = frequency.get(h);
                if (f <= cut) {
                    size[i]++;
                    if (f >= 2) {
                        postings.computeIfAbsent(h, x -> new ArrayList<>()).add(i);
                    }
                }
            }
        }
        // The inverted index: for each submission, the later ones that share a fingerprint with it,
        // counted in an array; the work is the number of (fingerprint, holder, holder) triples.
        Map<Long, int[]> index = new HashMap<>();
        postings.forEach((h, holders) -> index.put(h, holders.stream().mapToInt(Integer::intValue).toArray()));
        List<SimilarityPair> pairs = new ArrayList<>();
        Map<Integer, Prepared> full = new HashMap<>(); // tokens and lines again, for the few listed
        int[] count = new int[n];
        int[] touched = new int[n];
        for (int i = 0; i < n; i++) {
            int touchedCount = 0;
            for (long h : own[i]) {
                int[] holders = index.get(h);
                if (holders == null) {
                    continue;
                }
                for (int j : holders) {
                    if (j > i && count[j]++ == 0) {
                        touched[touchedCount++] = j;
                    }
                }
            }
            Arrays.sort(touched, 0, touchedCount);
            for (int t = 0; t < touchedCount; t++) {
                int j = touched[t];
                int shared = count[j];
                count[j] = 0;
                Optional<SimilarityPair> listed =
                        pair(prepared.get(i), prepared.get(j), shared, Math.min(size[i], size[j]), options);
                if (listed.isPresent()) {
                    Prepared a = full.computeIfAbsent(i, x -> again(prepared.get(x), options));
                    Prepared b = full.computeIfAbsent(j, x -> again(prepared.get(x), options));
                    pairs.add(listed.get().withRegions(
                            Regions.of(a, b, sharedKept(own[i], own[j], frequency, cut), options)));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(SimilarityPair::score).reversed()
                .thenComparing(SimilarityPair::studentA).thenComparing(SimilarityPair::studentB)
                .thenComparing(SimilarityPair::fileA).thenComparing(SimilarityPair::fileB));
        List<String> byTokens = prepared.stream().filter(p -> !p.tree()).map(p -> p.source().file()).toList();
        return new SimilarityReport(pairs, skipped, n, byTokens, cut, options);
    }

    /**
     * A submission's fingerprints, or why it is not compared: one submission that breaks the
     * normaliser costs only its own comparison, never the report.
     */
    private static Prepared.Or prepare(Source s, SimilarityOptions options) {
        try {
            return new Prepared.Or(Prepared.of(s, options).light(), null);
        } catch (Source.Unreadable e) {
            return new Prepared.Or(null, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return new Prepared.Or(null, "could not be compared (an error in oss: " + e + ")");
        }
    }

    /**
     * A listed submission read and prepared again for its regions; if it can no longer be read
     * (changed or gone meanwhile), the pair is listed without regions.
     */
    private static Prepared again(Prepared light, SimilarityOptions options) {
        try {
            return Prepared.of(light.source(), options);
        } catch (Source.Unreadable | RuntimeException e) {
            return light;
        }
    }

    /** The pair, without its regions yet, when it is to be listed. */
    private static Optional<SimilarityPair> pair(Prepared a, Prepared b, int shared, int smaller,
                                                 SimilarityOptions options) {
        double score = (double) shared / smaller;
        if (a.source().student().equals(b.source().student()) || shared < options.minShared()
                || score < options.threshold()) {
            return Optional.empty();
        }
        return Optional.of(new SimilarityPair(a.source().student(), a.source().file(), b.source().student(),
                b.source().file(), score, shared, smaller, List.of()));
    }

    private static Set<Long> sharedKept(long[] a, long[] b, Map<Long, Integer> frequency, int cut) {
        Set<Long> out = new HashSet<>();
        for (long h : a) {
            if (frequency.get(h) <= cut && Arrays.binarySearch(b, h) >= 0) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * Every k-gram of the starter, not only the ones winnowing keeps, so that none of a student's
     * fingerprints that the starter also has survives. Both the tree's and the lexer's tokens:
     * a submission that does not parse is compared by the latter.
     */
    private static Set<Long> starterKgrams(Optional<String> starter, SimilarityOptions options) {
        Set<Long> out = new HashSet<>();
        if (starter.isEmpty() || Prepared.unusable(starter.get()) != null) {
            return out;
        }
        Prepared.Normalised tree = Prepared.normalise(starter.get());
        for (long h : Winnowing.kgrams(tree.tokens(), options.k())) {
            out.add(h);
        }
        if (tree.tree()) {
            List<Token> lexed = TokenNormaliser.normalise(oss.compiler.parse.OssParsing.parse(starter.get()).tokens());
            for (long h : Winnowing.kgrams(lexed, options.k())) {
                out.add(h);
            }
        }
        return out;
    }
}
