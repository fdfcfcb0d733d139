package oss.compiler.ast;

import java.util.Optional;
import oss.runtime.program.Span;

/**
 * {@code mutex m}, {@code mutex fork[5]}, {@code semaphore room = 4},
 * {@code resource printer 3}. {@code value} is a semaphore's initial value or
 * a resource's instance count.
 */
public record Declaration(Kind kind, Name name, Optional<Expr> arraySize, Optional<Expr> value, Span span)
        implements Section {
    public enum Kind {
        MUTEX("mutex"), SEMAPHORE("semaphore"), RESOURCE("resource");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }
}
