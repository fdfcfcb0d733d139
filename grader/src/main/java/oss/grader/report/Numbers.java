package oss.grader.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Points as people write them: no trailing zeros, never "-0", never in exponent notation. */
final class Numbers {
    private Numbers() {}

    /** At most {@code decimals} places, rounded half up. */
    static String format(double x, int decimals) {
        if (!Double.isFinite(x)) {
            return "0";
        }
        BigDecimal d = BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        String s = d.signum() == 0 ? "0" : d.toPlainString();
        return s;
    }

    /** For a reader: two places. */
    static String points(double x) {
        return format(x, 2);
    }
}
