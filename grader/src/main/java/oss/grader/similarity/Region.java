package oss.grader.similarity;

import java.util.List;

/**
 * Lines of one file that match lines of the other once both are normalised: 1-based, both ends
 * included, with the lines as written (so a reader sees the disguise: other names, other layout).
 */
public record Region(int fromA, int toA, int fromB, int toB, List<String> linesA, List<String> linesB) {
    public Region {
        linesA = List.copyOf(linesA);
        linesB = List.copyOf(linesB);
    }
}
