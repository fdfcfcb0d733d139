/**
 * oss inside the graders people already use (docs/grading.md, "Gradescope", "PrairieLearn",
 * "GitHub Classroom"): packages that carry oss.jar and an assignment to a grader's machines, and
 * the result shape a classroom's reporter reads. Each package's script runs {@code oss grade} on
 * one submission and, when oss cannot write the results, writes results that say so: a grader
 * otherwise shows the student an opaque error. Nothing here grades: the scripts call the same
 * {@code oss grade} as a terminal does.
 */
package oss.grader.autograder;
