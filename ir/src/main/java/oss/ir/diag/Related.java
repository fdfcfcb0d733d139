package oss.ir.diag;

import oss.ir.program.Span;

/** A second place that explains a finding, e.g. another member of a deadlock cycle. */
public record Related(Span span, String message) {}
