package oss.grader;

import java.util.Optional;
import oss.analysis.AnalyzeOptions;
import oss.analysis.grading.Judgement;
import oss.compiler.assign.Assignment;

/**
 * Judges one submission's text against an assignment: {@code SubmissionJudge.judge} in oss, a
 * stand-in in the grader's tests (one that throws, or never returns, to show that a submission
 * that breaks the judge still costs only its own points).
 */
@FunctionalInterface
public interface Judge {
    Judgement judge(Assignment a, Optional<String> starterText, String fileName, String text, AnalyzeOptions options);
}
