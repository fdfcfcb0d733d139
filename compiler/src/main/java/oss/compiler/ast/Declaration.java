package oss.compiler.ast;

import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/**
 * {@code mutex m}, {@code mutex fork[5]}, {@code semaphore room = 4},
 * {@code resource printer 3}, {@code spinlock s[4]}, {@code rwlock r writer_preferring},
 * {@code seqlock q}, {@code condvar c}, {@code barrier b 3}, {@code semset s = [1, 0, 2]},
 * {@code int count = 0}, {@code int flag[2] = {0, 1}} (a shared variable).
 * {@code value} is a semaphore's initial value, a resource's instance count or a
 * barrier's number of parties or an int's initial value; {@code initial} the initial
 * values of a semaphore set or of an int array written element by element (empty otherwise); {@code writerPreferring} is only ever set
 * for an rwlock.
 */
public record Declaration(Kind kind, Name name, Optional<Expr> arraySize, Optional<Expr> value, List<Expr> initial,
                          boolean writerPreferring, Span span) implements Section {
    public Declaration {
        initial = List.copyOf(initial);
    }

    @Override
    public <R> R accept(Section.Visitor<R> visitor) {
        return visitor.visitDeclaration(this);
    }

    /** A declaration without set values or rwlock preference. */
    public Declaration(Kind kind, Name name, Optional<Expr> arraySize, Optional<Expr> value, Span span) {
        this(kind, name, arraySize, value, List.of(), false, span);
    }

    public enum Kind {
        MUTEX("mutex"), SEMAPHORE("semaphore"), RESOURCE("resource"), SPINLOCK("spinlock"), RWLOCK("rwlock"),
        SEQLOCK("seqlock"), CONDVAR("condvar"), BARRIER("barrier"), SEMSET("semset"), INT("int");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }

        /** The keyword with its article, as a sentence says it: "a mutex", "an rwlock". */
        public String withArticle() {
            return this == INT ? "an int variable" : (this == RWLOCK ? "an " : "a ") + keyword;
        }
    }
}
