package oss.grader;

import java.nio.file.Path;
import java.util.Optional;
import oss.compiler.assign.Assignment;

/**
 * An assignment ready to grade with: checked, its starter read and compiled, its tests checked
 * against the starter ({@link AssignmentLoader}).
 *
 * @param path        the assignment file as the grader was given it
 * @param text        its text (the autograder packages it as it is)
 * @param starterText the starter's text, when the assignment names one
 */
public record LoadedAssignment(Path path, String text, Assignment assignment, Optional<String> starterText) {}
