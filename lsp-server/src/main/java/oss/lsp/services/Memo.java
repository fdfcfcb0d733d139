package oss.lsp.services;

import java.util.function.Supplier;

/**
 * A part of a document's model, built by the first request that needs it and then shared by
 * every other request about the same version. A build that throws (a cancelled request) leaves
 * nothing behind, so the next request builds it again.
 */
final class Memo<T> {
    private volatile T value;

    T get(Supplier<T> build) {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = build.get();
                    value = v;
                }
            }
        }
        return v;
    }

    boolean built() {
        return value != null;
    }
}
