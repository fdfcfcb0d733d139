package oss.grader.similarity;

/**
 * One word of a normalised submission: what the fingerprints are taken over ({@code text}) and
 * where it came from, so that a match can be shown in the student's own file.
 *
 * @param text    the normalised word: a node's kind, an identifier's kind ({@code mutex},
 *                {@code index0}), a number's value, an operator
 * @param line    the 1-based line of the node it came from in the student's file
 * @param section which top-level item (in the canonical order) it belongs to: a match is shown
 *                piece by piece per item, since items were reordered and are not contiguous in the file
 */
record Token(String text, int line, int section) {}
