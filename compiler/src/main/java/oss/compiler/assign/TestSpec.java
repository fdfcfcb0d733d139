package oss.compiler.assign;

import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/**
 * One test: its checks all hold for full points; with {@code partial}, each check that holds is
 * worth {@code points / checks.size()}.
 *
 * @param number     1-based, in the order written (Gradescope's "number")
 * @param feedback   the author's text for a student whose submission fails the test
 */
public record TestSpec(int number, String name, double points, Visibility visibility, boolean partial,
                       List<Check> checks, Optional<String> feedback, Span span) {
    public TestSpec {
        checks = List.copyOf(checks);
    }
}
