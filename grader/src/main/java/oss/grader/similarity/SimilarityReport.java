package oss.grader.similarity;

import java.util.List;

/**
 * Every pair at or above the threshold, most alike first (then by student), and the
 * submissions that could not be compared.
 *
 * @param compared how many submissions were compared (skipped ones not counted)
 * @param byTokens the files, among those compared, that had no syntax tree: compared by their lexer
 *                 tokens, so they can match only each other (docs/grading.md, "Similarity")
 * @param common   a fingerprint in more than this many submissions was left out as boilerplate
 */
public record SimilarityReport(List<SimilarityPair> pairs, List<Skipped> skipped, int compared,
                               List<String> byTokens, int common, SimilarityOptions options) {
    public SimilarityReport {
        pairs = List.copyOf(pairs);
        skipped = List.copyOf(skipped);
        byTokens = List.copyOf(byTokens);
    }

    /** A submission left out of the comparison, and why. */
    public record Skipped(String student, String file, String reason) {}
}
