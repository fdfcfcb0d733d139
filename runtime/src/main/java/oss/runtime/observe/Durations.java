package oss.runtime.observe;

/** Prints nanoseconds the way a person writes them: {@code 8 ms}, {@code 1.5 ms}, {@code 250 us}. */
public final class Durations {
    private Durations() {}

    public static String format(long ns) {
        if (ns < 0) {
            return "-";
        }
        if (ns == 0) {
            return "0 ms";
        }
        if (ns % 1_000_000_000L == 0) {
            return ns / 1_000_000_000L + " s";
        }
        if (ns >= 1_000_000L) {
            return trim(ns / 1e6) + " ms";
        }
        if (ns >= 1_000L) {
            return trim(ns / 1e3) + " us";
        }
        return ns + " ns";
    }

    /** Milliseconds with up to three decimals and no trailing zeros: 8, 8.5, 0.125. */
    public static String millis(long ns) {
        return ns < 0 ? "-" : trim(ns / 1e6);
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.US, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
