package oss.runtime.observe;

import java.util.Map;
import oss.ir.program.Span;

/**
 * What `snapshot "label"` saw: /proc-style texts by name (maps of each
 * process as {@code maps/PID}, {@code meminfo}, {@code free},
 * {@code buddyinfo}, {@code slabinfo}, {@code ps}), in a stable order.
 */
public record SnapshotView(String label, long timeNs, Span span, Map<String, String> views) {
    public SnapshotView {
        views = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(views));
    }
}
