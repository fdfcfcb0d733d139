package oss.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a simulated time from the command line: {@code 10ms}, {@code "2.5 s"}, {@code 500us}, {@code 42ns}. */
final class TimeConverter implements ITypeConverter<Long> {
    private static final Pattern TIME = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s)\\s*");

    @Override
    public Long convert(String value) {
        Matcher m = TIME.matcher(value);
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a time; write it like 10ms, 2.5s, 500us or 42ns");
        }
        long scale = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        java.math.BigDecimal ns = new java.math.BigDecimal(m.group(1)).multiply(java.math.BigDecimal.valueOf(scale));
        try {
            return ns.setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number of nanoseconds");
        }
    }
}
