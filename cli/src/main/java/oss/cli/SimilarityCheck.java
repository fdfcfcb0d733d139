package oss.cli;

import java.util.ArrayList;
import java.util.List;
import oss.grader.LoadedAssignment;
import oss.grader.Rejection;
import oss.grader.Submission;
import oss.grader.similarity.Similarity;
import oss.grader.similarity.SimilarityOptions;
import oss.grader.similarity.SimilarityReport;
import oss.grader.similarity.SimilarityText;
import oss.grader.similarity.Source;

/** {@code oss grade --similarity}: the class's submissions read again and compared (docs/grading.md, "Similarity"). */
final class SimilarityCheck {
    private SimilarityCheck() {}

    /** The report as text; a submission that could not be read is listed as not compared, with why. */
    static String run(LoadedAssignment loaded, List<Submission> found, Integer thresholdPercent) {
        SimilarityOptions options = thresholdPercent == null ? SimilarityOptions.DEFAULT
                : SimilarityOptions.DEFAULT.withThreshold(thresholdPercent / 100.0);
        List<Source> sources = new ArrayList<>();
        List<SimilarityReport.Skipped> unread = new ArrayList<>();
        for (Submission s : found) {
            try {
                sources.add(new Source(s.student(), s.file(), s.read()));
            } catch (Rejection e) {
                unread.add(new SimilarityReport.Skipped(s.student(), s.file(), e.getMessage()));
            }
        }
        return SimilarityText.render(
                Similarity.compare(sources, loaded.starterText(), options).withSkipped(unread));
    }
}
