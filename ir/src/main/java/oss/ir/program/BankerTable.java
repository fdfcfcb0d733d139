package oss.ir.program;

import java.util.List;
import java.util.Optional;

/**
 * A textbook banker exercise exactly as given: resource names, the total
 * (or, in some books, the available) vector, one row per process with its
 * allocation and maximum, and optionally one request to judge.
 */
public record BankerTable(
        List<String> resources,
        int[] total,
        List<Row> rows,
        Optional<Request> request,
        Span span) {

    public record Row(String process, int[] alloc, int[] max, Span span) {}

    /** {@code row} indexes {@link #rows()}. */
    public record Request(String process, int row, int[] amounts, Span span) {}
}
