/**
 * Grading a class (docs/grading.md). A thin adapter over {@code oss.analysis}: the assignment's
 * tests are judged on each submission's {@code Analysis}, never by logic of its own that the
 * CLI or the editor would not share.
 *
 * <p>The results model ({@link oss.grader.TestResult}, {@link oss.grader.StudentResult},
 * {@link oss.grader.ClassResult}) is what every output writes ({@code oss.grader.report}): a
 * writer adds no fact of its own. Everything in it is deterministic except the fields named
 * {@code executionMillis}.
 */
package oss.grader;
