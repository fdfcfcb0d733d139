package oss.grader.similarity;

import java.util.List;

/**
 * Two submissions alike after normalisation (docs/grading.md, "Similarity").
 *
 * @param score        {@code shared / fingerprints}: the share of the smaller submission's own
 *                     fingerprints (the starter's and the class's boilerplate left out) that the
 *                     other has too, 0 to 1
 * @param shared       how many fingerprints the two have in common
 * @param fingerprints how many the smaller of the two has
 * @param regions      where, line by line, in the order of {@code fileA}
 */
public record SimilarityPair(String studentA, String fileA, String studentB, String fileB, double score, int shared,
                             int fingerprints, List<Region> regions) {
    public SimilarityPair {
        regions = List.copyOf(regions);
    }

    SimilarityPair withRegions(List<Region> r) {
        return new SimilarityPair(studentA, fileA, studentB, fileB, score, shared, fingerprints, r);
    }
}
