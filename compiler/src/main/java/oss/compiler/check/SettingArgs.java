package oss.compiler.check;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import oss.compiler.ast.Atom;
import oss.compiler.ast.Setting;
import oss.ir.diag.Code;
import oss.ir.program.Span;

/**
 * A cursor over the arguments of one setting. Readers report the first
 * problem and mark the setting failed; later reads then return empty.
 */
public final class SettingArgs {
    private final Setting setting;
    private final List<Atom> atoms;
    private final Diags diags;
    private final Units units;
    private int pos;
    private boolean failed;

    public SettingArgs(Setting setting, Diags diags, Units units) {
        this.setting = setting;
        this.atoms = setting.arguments();
        this.diags = diags;
        this.units = units;
    }

    String key() {
        return setting.key().text();
    }

    public boolean failed() {
        return failed;
    }

    public boolean atEnd() {
        return pos >= atoms.size();
    }

    Optional<String> peekWord() {
        if (atEnd() || atoms.get(pos).kind() != Atom.Kind.WORD) {
            return Optional.empty();
        }
        return Optional.of(atoms.get(pos).text());
    }

    /** Consumes the word when it is next. */
    boolean accept(String word) {
        if (!failed && peekWord().filter(word::equals).isPresent()) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes a `-` or `+` atom when it is next. */
    boolean acceptSign(String sign) {
        if (!failed && !atEnd() && atoms.get(pos).kind() == Atom.Kind.SIGN && atoms.get(pos).text().equals(sign)) {
            pos++;
            return true;
        }
        return false;
    }

    void expectWord(String word, String example) {
        if (!failed && !accept(word)) {
            fail("expected `" + word + "` here, as in `" + example + "`");
        }
    }

    /** One of the given words; reports them all otherwise. */
    Optional<String> oneOf(List<String> words, String what) {
        if (failed) {
            return Optional.empty();
        }
        Optional<String> w = peekWord();
        if (w.isPresent() && words.contains(w.get())) {
            pos++;
            return w;
        }
        String choices = String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
        String found = atEnd() ? "" : ", not `" + atoms.get(pos).text() + "`";
        String hint = w.flatMap(x -> oss.compiler.util.Suggest.closest(x, words))
                .map(s -> " (did you mean `" + s + "`?)").orElse("");
        fail("`" + key() + "` takes " + what + ": " + choices + found + hint);
        return Optional.empty();
    }

    Optional<String> anyWord(String what) {
        if (failed) {
            return Optional.empty();
        }
        if (peekWord().isPresent()) {
            return Optional.of(atoms.get(pos++).text());
        }
        fail("expected " + what + " after `" + key() + "`");
        return Optional.empty();
    }

    /** A plain whole number (no unit), optionally signed. */
    OptionalLong integer(String what) {
        Optional<BigDecimal> v = number(what);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        Span s = lastNumberSpan;
        if (!atEnd() && atoms.get(pos).kind() == Atom.Kind.WORD && Units.isUnit(atoms.get(pos).text())) {
            diags.report(Code.WRONG_UNIT, atoms.get(pos).span(), what + " is a plain number here, without a unit");
            failed = true;
            return OptionalLong.empty();
        }
        BigDecimal x = v.get();
        if (x.stripTrailingZeros().scale() > 0) {
            diags.report(Code.NOT_AN_INTEGER, s, what + " must be a whole number, not " + x.toPlainString());
            failed = true;
            return OptionalLong.empty();
        }
        if (x.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            diags.report(Code.VALUE_OUT_OF_RANGE, s, "this number is too large (the limit is " + Long.MAX_VALUE + ")");
            failed = true;
            return OptionalLong.empty();
        }
        return OptionalLong.of(x.longValueExact());
    }

    /** A whole number of at least {@code min} (NOT_POSITIVE otherwise) and at most {@code max}. */
    public OptionalLong integer(String what, long min, long max) {
        OptionalLong v = integer(what);
        if (v.isEmpty()) {
            return v;
        }
        if (v.getAsLong() < min) {
            diags.report(min == 1 ? Code.NOT_POSITIVE : Code.VALUE_OUT_OF_RANGE, lastNumberSpan,
                    what + " must be at least " + min + ", not " + v.getAsLong());
            failed = true;
            return OptionalLong.empty();
        }
        if (v.getAsLong() > max) {
            diags.report(Code.VALUE_OUT_OF_RANGE, lastNumberSpan, what + " must be at most " + max + ", not " + v.getAsLong());
            failed = true;
            return OptionalLong.empty();
        }
        return v;
    }

    /** A number with a unit of the given kind, in base units; {@code positive} rejects 0. */
    public OptionalLong quantity(Units.Kind kind, String what, boolean positive) {
        Optional<BigDecimal> v = number(what);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        Span numberSpan = lastNumberSpan;
        if (atEnd() || atoms.get(pos).kind() != Atom.Kind.WORD || !Units.isUnit(atoms.get(pos).text())
                && peekIsKeyLike()) {
            diags.report(Code.MISSING_UNIT, numberSpan, what + " needs a unit, such as `" + kind.example
                    + "` (units: " + kind.units + ")");
            failed = true;
            return OptionalLong.empty();
        }
        Atom unit = atoms.get(pos++);
        OptionalLong r = units.convert(v.get(), unit.text(), unit.span(), oss.compiler.parse.Spans.cover(numberSpan,
                unit.span()), kind);
        if (r.isEmpty()) {
            failed = true;
            return r;
        }
        if (r.getAsLong() < 0 || (positive && r.getAsLong() == 0)) {
            diags.report(Code.NOT_POSITIVE, numberSpan, what + " must be " + (positive ? "more than 0" : "at least 0"));
            failed = true;
            return OptionalLong.empty();
        }
        return r;
    }

    /**
     * A latency in CPU cycles: {@code 4 cycles} as written, or a time such as {@code 100 ns} converted
     * at {@code clockHz} and rounded to the nearest cycle. At least one cycle.
     */
    OptionalLong cycles(String what, long clockHz) {
        if (failed) {
            return OptionalLong.empty();
        }
        int start = pos;
        Optional<BigDecimal> v = number(what);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        Span numberSpan = lastNumberSpan;
        if (!atEnd() && atoms.get(pos).kind() == Atom.Kind.WORD && atoms.get(pos).text().equals("cycles")) {
            pos++;
            BigDecimal x = v.get();
            if (x.stripTrailingZeros().scale() > 0) {
                diags.report(Code.NOT_AN_INTEGER, numberSpan, what + " must be a whole number of cycles, not "
                        + x.toPlainString());
                failed = true;
                return OptionalLong.empty();
            }
            if (x.signum() <= 0 || x.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                diags.report(x.signum() <= 0 ? Code.NOT_POSITIVE : Code.VALUE_OUT_OF_RANGE, numberSpan,
                        what + " must be from 1 to " + Integer.MAX_VALUE + " cycles, not " + x.toPlainString());
                failed = true;
                return OptionalLong.empty();
            }
            return OptionalLong.of(x.longValueExact());
        }
        pos = start;
        OptionalLong ns = quantity(Units.Kind.TIME, what, true);
        if (ns.isEmpty()) {
            return ns;
        }
        long cycles = BigDecimal.valueOf(ns.getAsLong()).multiply(BigDecimal.valueOf(clockHz))
                .divide(BigDecimal.valueOf(1_000_000_000L), 0, java.math.RoundingMode.HALF_UP).longValue();
        return OptionalLong.of(Math.max(1, Math.min(cycles, Integer.MAX_VALUE)));
    }

    private static final java.util.Set<String> ARGUMENT_WORDS = java.util.Set.of("quantum", "boost", "queues",
            "latency", "min_granularity", "wakeup_granularity", "line", "hit", "entries", "shared", "private", "pcid",
            "coalesce", "mmap_threshold", "max_order", "way", "fully", "direct");

    private boolean peekIsKeyLike() {
        String w = atoms.get(pos).text();
        return ARGUMENT_WORDS.contains(w) || oss.compiler.parse.SettingKeys.MACHINE.contains(w)
                || oss.compiler.parse.SettingKeys.KERNEL.contains(w);
    }

    private Span lastNumberSpan = Span.NONE;

    private Optional<BigDecimal> number(String what) {
        if (failed) {
            return Optional.empty();
        }
        boolean negative = false;
        Span start = null;
        if (!atEnd() && atoms.get(pos).kind() == Atom.Kind.SIGN
                && pos + 1 < atoms.size() && atoms.get(pos + 1).kind() == Atom.Kind.NUMBER) {
            negative = atoms.get(pos).text().equals("-");
            start = atoms.get(pos).span();
            pos++;
        }
        if (atEnd() || atoms.get(pos).kind() != Atom.Kind.NUMBER) {
            fail("expected " + what + " after `" + key() + "`" + (atEnd() ? "" : ", not `" + atoms.get(pos).text() + "`"));
            return Optional.empty();
        }
        Atom n = atoms.get(pos++);
        lastNumberSpan = start == null ? n.span() : oss.compiler.parse.Spans.cover(start, n.span());
        String text = n.text().replace("_", "");
        try {
            if (text.length() > 40) {
                diags.report(Code.VALUE_OUT_OF_RANGE, n.span(), "this number is too large (the limit is " + Long.MAX_VALUE + ")");
                failed = true;
                return Optional.empty();
            }
            BigDecimal v = text.startsWith("0x") || text.startsWith("0X")
                    ? new BigDecimal(new java.math.BigInteger(text.substring(2), 16)) : new BigDecimal(text);
            return Optional.of(negative ? v.negate() : v);
        } catch (NumberFormatException e) {
            fail("`" + n.text() + "` is not a number");
            return Optional.empty();
        }
    }

    /** After a setting's known arguments: anything left over is malformed. */
    void finish(String example) {
        if (!failed && !atEnd()) {
            Atom a = atoms.get(pos);
            diags.report(Code.BAD_SETTING, a.span(), "unexpected `" + a.text() + "` in `" + key() + "`; write it as `"
                    + example + "`");
            failed = true;
        }
    }

    void fail(String message) {
        if (!failed) {
            Span at = atEnd() ? setting.span() : atoms.get(pos).span();
            diags.report(Code.BAD_SETTING, at, message);
            failed = true;
        }
    }

    Span span() {
        return setting.span();
    }

    Span keySpan() {
        return setting.key().span();
    }
}
