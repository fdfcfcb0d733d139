package oss.compiler.assign;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/** Numbers as the lexer writes them ({@code 2}, {@code 0.5}, {@code 1_000}, {@code 0x10}). */
final class Numbers {
    private Numbers() {}

    /** The largest count bound and the most points of one test: far beyond any class, far below overflow. */
    static final BigDecimal MAX_COUNT = BigDecimal.valueOf(1_000_000_000L);
    static final BigDecimal MAX_POINTS = BigDecimal.valueOf(1_000_000L);

    static Optional<BigDecimal> parse(String text) {
        String t = text.replace("_", "");
        if (t.isEmpty() || t.length() > 40) {
            return Optional.empty();
        }
        try {
            return Optional.of(t.startsWith("0x") || t.startsWith("0X")
                    ? new BigDecimal(new BigInteger(t.substring(2), 16)) : new BigDecimal(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
