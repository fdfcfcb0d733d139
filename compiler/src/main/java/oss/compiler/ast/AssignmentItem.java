package oss.compiler.ast;

import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/** One item of an assignment, as written. */
public sealed interface AssignmentItem extends Node {

    /** {@code submission "philosophers.oss"}: the file each student hands in. */
    record Submission(Text path, Span span) implements AssignmentItem {}

    /** {@code starter "starter.oss"}: the file students start from, relative to the assignment. */
    record Starter(Text path, Span span) implements AssignmentItem {}

    /** {@code budget { time 10 s  states 200000 ... }}: what each submission may use. */
    record Budget(List<Setting> settings, Span span) implements AssignmentItem {
        public Budget {
            settings = List.copyOf(settings);
        }
    }

    /**
     * {@code test "name" points 2 hidden partial { checks }}. {@code points} is the number as
     * written; {@code words} are the other attributes (a visibility, {@code partial}) as written.
     */
    record Test(Text name, Optional<Text> points, List<Name> words, List<CheckNode> checks, Span span)
            implements AssignmentItem {
        public Test {
            words = List.copyOf(words);
            checks = List.copyOf(checks);
        }
    }
}
