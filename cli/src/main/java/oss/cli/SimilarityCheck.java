package oss.cli;

import java.util.List;
import oss.grader.LoadedAssignment;
import oss.grader.Rejection;
import oss.grader.Submission;
import oss.grader.similarity.Similarity;
import oss.grader.similarity.SimilarityOptions;
import oss.grader.similarity.SimilarityText;
import oss.grader.similarity.Source;

/** {@code oss grade --similarity}: the class's submissions read again and compared (docs/grading.md, "Similarity"). */
final class SimilarityCheck {
    private SimilarityCheck() {}

    /**
     * The report as text. Each submission is read when it is compared, as the grader read it (a
     * class never sits in memory at once); one the grader rejects is listed as not compared, with
     * the grader's reason.
     */
    static String run(LoadedAssignment loaded, List<Submission> found, Integer thresholdPercent) {
        SimilarityOptions options = thresholdPercent == null ? SimilarityOptions.DEFAULT
                : SimilarityOptions.DEFAULT.withThreshold(thresholdPercent / 100.0);
        List<Source> sources = found.stream().map(s -> new Source(s.student(), s.file(), () -> {
            try {
                return s.read();
            } catch (Rejection e) {
                throw new Source.Unreadable(e.getMessage());
            }
        })).toList();
        return SimilarityText.render(Similarity.compare(sources, loaded.starterText(), options));
    }
}
