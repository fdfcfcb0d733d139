package oss.grader.similarity;

/**
 * How submissions are fingerprinted and which pairs are listed (docs/grading.md, "Similarity").
 *
 * @param k              tokens per k-gram: a shared run shorter than this never counts
 * @param window         winnowing's window: a shared run of {@code k + window - 1} tokens is always found
 * @param threshold      a pair is listed when its score is at least this (0 to 1)
 * @param minShared      ... and it shares at least this many fingerprints: two short files that share
 *                       two fingerprints are not evidence of anything, whatever the ratio
 * @param commonFraction a fingerprint in more than this fraction of the submissions is boilerplate ...
 * @param commonMinimum  ... and so is one in more than this many, whatever the class's size, so
 *                       that in a small class a group of a few copies is still listed
 */
public record SimilarityOptions(int k, int window, double threshold, int minShared, double commonFraction,
                                int commonMinimum) {
    public static final SimilarityOptions DEFAULT = new SimilarityOptions(8, 4, 0.5, 4, 0.1, 5);

    public SimilarityOptions {
        if (k < 1 || window < 1 || !(threshold >= 0 && threshold <= 1) || minShared < 1
                || !(commonFraction > 0 && commonFraction <= 1) || commonMinimum < 1) {
            throw new IllegalArgumentException("similarity options out of range: k " + k + ", window " + window
                    + ", threshold " + threshold + ", minShared " + minShared + ", commonFraction "
                    + commonFraction + ", commonMinimum " + commonMinimum);
        }
    }

    public SimilarityOptions withThreshold(double t) {
        return new SimilarityOptions(k, window, t, minShared, commonFraction, commonMinimum);
    }

    /** A fingerprint in more submissions than this is left out. */
    public int commonCut(int submissions) {
        return Math.max(commonMinimum, (int) Math.floor(commonFraction * submissions));
    }
}
