package oss.lsp.services;

import java.math.BigDecimal;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import oss.grammar.OssLexer;

/** Conversions of a number with a unit: {@code 4 KiB} = 4096 bytes = 1 page; {@code 3 ms} = 3000 µs. */
final class UnitHover {
    private UnitHover() {}

    /** The conversions of {@code number unit}, and the two tokens, whose span the hover covers. */
    record Conversion(String markdown, Token number, Token unit) {}

    static Optional<Conversion> at(Lexed lx, int i, long pageSize) {
        Token t = lx.get(i);
        if (t == null) {
            return Optional.empty();
        }
        Token number = t.getType() == OssLexer.NUMBER ? t : lx.get(i - 1);
        Token unit = t.getType() == OssLexer.NUMBER ? lx.get(i + 1) : t;
        if (number == null || unit == null || number.getType() != OssLexer.NUMBER || number == unit
                || unit.getLine() != number.getLine()) {
            return Optional.empty();
        }
        BigDecimal v;
        try {
            v = new BigDecimal(number.getText().replace("_", ""));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return convert(v, unit.getText(), pageSize)
                .map(s -> new Conversion("`" + number.getText() + " " + unit.getText() + "` = " + s, number, unit));
    }

    static Optional<String> convert(BigDecimal v, String unit, long pageSize) {
        Long time = switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            default -> null;
        };
        if (time != null) {
            BigDecimal ns = v.multiply(BigDecimal.valueOf(time));
            return Optional.of(plain(ns) + " ns = " + plain(ns.movePointLeft(3)) + " µs = " + plain(ns.movePointLeft(6))
                    + " ms = " + plain(ns.movePointLeft(9)) + " s");
        }
        Long size = switch (unit) {
            case "B" -> 1L;
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "pages", "frames" -> pageSize;
            default -> null;
        };
        if (size != null) {
            BigDecimal bytes = v.multiply(BigDecimal.valueOf(size));
            BigDecimal pages = bytes.divide(BigDecimal.valueOf(pageSize), 3, java.math.RoundingMode.HALF_UP);
            String p = plain(pages);
            return Optional.of(plain(bytes) + " bytes = " + plain(bytes.movePointLeft(0).divide(BigDecimal.valueOf(1024),
                    3, java.math.RoundingMode.HALF_UP)) + " KiB = " + p + (p.equals("1") ? " page" : " pages")
                    + " of " + pageSize + " bytes");
        }
        return Optional.empty();
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
