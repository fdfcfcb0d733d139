/**
 * Judging one submission against an assignment's tests (docs/grading.md): the logic the grader,
 * the CLI and the language server share. {@link oss.analysis.grading.SubmissionJudge} is the
 * entry; the grader module only reads files, bounds and schedules submissions, scores and writes.
 */
package oss.analysis.grading;
