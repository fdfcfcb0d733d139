package oss.compiler.check;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import oss.compiler.ast.Quantity;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.Span;

/**
 * Units and their base values: times in ns ({@code cycles} at the machine's
 * clock, rounded to the nearest ns), sizes in bytes (binary KiB/MiB/GiB,
 * decimal KB/MB/GB, {@code pages}/{@code frames} of the page size), clock
 * rates in Hz.
 */
public final class Units {
    public enum Kind {
        TIME("a time", "ns, us, ms, s or cycles", "5 ms"),
        SIZE("a size", "B, KiB, MiB, GiB, KB, MB, GB, pages or frames", "4 KiB"),
        FREQUENCY("a clock rate", "Hz, KHz, MHz or GHz", "2 GHz");

        final String noun;
        final String units;
        final String example;

        Kind(String noun, String units, String example) {
            this.noun = noun;
            this.units = units;
            this.example = example;
        }

        public String units() {
            return units;
        }
    }

    private static final Map<String, Kind> KIND = new LinkedHashMap<>();
    private static final Map<String, BigDecimal> FACTOR = new LinkedHashMap<>();

    static {
        unit("ns", Kind.TIME, 1);
        unit("us", Kind.TIME, 1_000);
        unit("ms", Kind.TIME, 1_000_000);
        unit("s", Kind.TIME, 1_000_000_000);
        unit("cycles", Kind.TIME, 0);
        unit("B", Kind.SIZE, 1);
        unit("KiB", Kind.SIZE, 1L << 10);
        unit("MiB", Kind.SIZE, 1L << 20);
        unit("GiB", Kind.SIZE, 1L << 30);
        unit("KB", Kind.SIZE, 1_000);
        unit("MB", Kind.SIZE, 1_000_000);
        unit("GB", Kind.SIZE, 1_000_000_000);
        unit("pages", Kind.SIZE, 0);
        unit("frames", Kind.SIZE, 0);
        unit("Hz", Kind.FREQUENCY, 1);
        unit("KHz", Kind.FREQUENCY, 1_000);
        unit("kHz", Kind.FREQUENCY, 1_000);
        unit("MHz", Kind.FREQUENCY, 1_000_000);
        unit("GHz", Kind.FREQUENCY, 1_000_000_000);
    }

    private static void unit(String name, Kind kind, long factor) {
        KIND.put(name, kind);
        FACTOR.put(name, BigDecimal.valueOf(factor));
    }

    /** The longest time one statement or setting may say: 10^15 ns (11.6 days); the run itself stops at 2^52 ns. */
    public static final long MAX_TIME_NS = 1_000_000_000_000_000L;
    /** The largest size: 2^48 bytes, the whole 48-bit virtual address space of x86-64. */
    public static final long MAX_SIZE_BYTES = 1L << 48;
    private static final BigDecimal MAX_TIME = BigDecimal.valueOf(MAX_TIME_NS);
    private static final BigDecimal MAX_SIZE = BigDecimal.valueOf(MAX_SIZE_BYTES);

    private final Diags diags;
    private final ExprEval eval;
    private long clockHz = 2_000_000_000L;
    private long pageSize = 4096;

    public Units(Diags diags, ExprEval eval) {
        this.diags = diags;
        this.eval = eval;
    }

    public void setClock(long hz) {
        this.clockHz = hz;
    }

    public void setPageSize(long bytes) {
        this.pageSize = bytes;
    }

    public static boolean isUnit(String word) {
        return KIND.containsKey(word);
    }

    public static Optional<Kind> kindOf(String word) {
        return Optional.ofNullable(KIND.get(word));
    }

    /** A quantity of the given kind in base units; {@code what} is the statement, e.g. "compute". */
    public OptionalLong of(Quantity q, Map<String, Long> env, Kind kind, String what) {
        if (q.unit().isEmpty()) {
            diags.report(Code.MISSING_UNIT, q.span(), "`" + what + "` needs " + kind.noun + " with a unit, such as `"
                    + kind.example + "` (units: " + kind.units + ")");
            eval.value(q.value(), env);
            return OptionalLong.empty();
        }
        Optional<BigDecimal> v = eval.value(q.value(), env);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        return convert(v.get(), q.unit().get().text(), q.unit().get().span(), q.span(), kind);
    }

    /** {@code value unit} in base units, with WRONG_UNIT / NOT_AN_INTEGER as needed. */
    public OptionalLong convert(BigDecimal value, String unit, Span unitSpan, Span whole, Kind kind) {
        Kind actual = KIND.get(unit);
        if (actual == null) {
            List<String> same = new ArrayList<>();
            KIND.forEach((u, k) -> {
                if (k == kind) {
                    same.add(u);
                }
            });
            String hint = Suggest.closest(unit, same).map(s -> "did you mean `" + s + "`? ").orElse("");
            diags.report(Code.WRONG_UNIT, unitSpan, "unknown unit `" + unit + "`; " + hint + "use " + kind.units);
            return OptionalLong.empty();
        }
        if (actual != kind) {
            diags.report(Code.WRONG_UNIT, unitSpan, "`" + unit + "` is a unit of " + actual.noun.substring(2)
                    + ", but " + kind.noun + " is needed here: use " + kind.units);
            return OptionalLong.empty();
        }
        BigDecimal base;
        if (unit.equals("cycles")) {
            base = value.multiply(BigDecimal.valueOf(1_000_000_000L))
                    .divide(BigDecimal.valueOf(clockHz), 0, RoundingMode.HALF_UP);
        } else if (unit.equals("pages") || unit.equals("frames")) {
            base = value.multiply(BigDecimal.valueOf(pageSize));
        } else {
            base = value.multiply(FACTOR.get(unit));
        }
        String baseName = kind == Kind.TIME ? "ns" : kind == Kind.SIZE ? "bytes" : "Hz";
        if (base.stripTrailingZeros().scale() > 0) {
            diags.report(Code.NOT_AN_INTEGER, whole, "this is " + base.stripTrailingZeros().toPlainString() + " "
                    + baseName + ", which is not a whole number of " + baseName);
            return OptionalLong.empty();
        }
        if (kind == Kind.TIME && base.abs().compareTo(MAX_TIME) > 0) {
            diags.report(Code.VALUE_OUT_OF_RANGE, whole, "this is " + base.toPlainString() + " ns, longer than the "
                    + "simulator's limit of 10^15 ns (1,000,000 s, about 11.6 days) for one time");
            return OptionalLong.empty();
        }
        if (kind == Kind.SIZE && base.abs().compareTo(MAX_SIZE) > 0) {
            diags.report(Code.VALUE_OUT_OF_RANGE, whole, "this is " + base.toPlainString() + " bytes, larger than the "
                    + "simulator's limit of 2^48 bytes (256 TiB, all of x86-64's 48-bit virtual address space)");
            return OptionalLong.empty();
        }
        return eval.whole(base, whole, kind.noun);
    }
}
