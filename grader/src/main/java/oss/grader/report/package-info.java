/**
 * {@code oss grade}'s outputs (docs/grading.md, "Outputs"): the graded class written for
 * Gradescope, PrairieLearn, a CI's JUnit view, JSON, CSV and an HTML class report. Each writes
 * the results model of {@link oss.grader} and adds no fact of its own; those a student reads
 * (PrairieLearn, JUnit) show each test through {@link oss.grader.TestResult#forStudent()}, and
 * Gradescope, which holds back tests by their visibility itself, never sees a non-visible test's
 * details outside that test.
 */
package oss.grader.report;
