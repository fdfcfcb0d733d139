package oss.compiler.lockorder;

import java.util.BitSet;
import oss.ir.program.Span;

/**
 * One place that makes an edge of the lock-order graph: {@code task} takes
 * the edge's target at {@code span} while it may hold the edge's source.
 * {@code read}: the target is taken for reading. {@code gates}: the locks
 * the task certainly holds exclusively there.
 */
record Site(Task task, Span span, boolean read, BitSet gates) {}
