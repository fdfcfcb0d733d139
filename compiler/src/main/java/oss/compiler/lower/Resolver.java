package oss.compiler.lower;

import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.Ref;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Symbols;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;

/** A reference to a declared object → its flattened index, with the name, kind and index checks. */
final class Resolver {
    private final Diags diags;
    private final Symbols symbols;
    private final ExprEval eval;

    Resolver(Diags diags, Symbols symbols, ExprEval eval) {
        this.diags = diags;
        this.symbols = symbols;
        this.eval = eval;
    }

    /** Whether {@code ref} names a declared object of this kind (no report). */
    boolean is(Ref ref, Declaration.Kind kind) {
        Symbols.Symbol s = symbols.lookup(ref.name().text());
        return s != null && s.kind() == kind;
    }

    OptionalInt resolve(Ref ref, Declaration.Kind want, Map<String, Long> env) {
        String name = ref.name().text();
        Symbols.Symbol s = symbols.lookup(name);
        if (s == null) {
            String hint = Suggest.closest(name, symbols.names(want))
                    .or(() -> Suggest.closest(name, symbols.names()))
                    .map(x -> "; did you mean `" + x + "`?").orElse("");
            String none = symbols.names(want).isEmpty() ? " (no " + want.keyword() + " is declared; declare it with `"
                    + example(want) + "`)" : "";
            diags.report(Code.UNKNOWN_NAME, ref.name().span(), "unknown " + want.keyword() + " `" + name + "`" + hint + none);
            return OptionalInt.empty();
        }
        if (s.kind() != want) {
            diags.report(Code.WRONG_KIND, ref.name().span(), wrongKind(name, s, want));
            return OptionalInt.empty();
        }
        if (s.isArray() && ref.index().isEmpty()) {
            diags.report(Code.NOT_AN_ARRAY, ref.span(), "`" + name + "` is " + s.describe() + ": say which one, e.g. `"
                    + name + "[0]`");
            return OptionalInt.empty();
        }
        if (!s.isArray() && ref.index().isPresent()) {
            diags.report(Code.NOT_AN_ARRAY, ref.span(), "`" + name + "` is a single " + s.kind().keyword()
                    + ", not an array: write `" + name + "` without `[...]`");
            return OptionalInt.empty();
        }
        if (!s.isArray()) {
            return OptionalInt.of(s.firstIndex());
        }
        OptionalLong idx = eval.integer(ref.index().get(), env, "an index");
        if (idx.isEmpty()) {
            return OptionalInt.empty();
        }
        long i = idx.getAsLong();
        if (i < 0 || i >= s.arrayLength()) {
            diags.report(Code.INDEX_OUT_OF_RANGE, ref.index().get().span(), "index " + i + " is out of range: `" + name
                    + "` has " + s.arrayLength() + " elements, " + name + "[0] to " + name + "[" + (s.arrayLength() - 1) + "]"
                    + bindings(env));
            return OptionalInt.empty();
        }
        return OptionalInt.of(s.firstIndex() + (int) i);
    }

    /**
     * An element of a semaphore set, {@code s[2]}: the set's index in the
     * program and the element's, or empty after a report.
     */
    java.util.Optional<int[]> resolveElement(Ref ref, Map<String, Long> env) {
        String name = ref.name().text();
        Symbols.Symbol s = symbols.lookup(name);
        if (s == null || s.kind() != Declaration.Kind.SEMSET) {
            resolve(ref, Declaration.Kind.SEMSET, env);
            return java.util.Optional.empty();
        }
        int length = symbols.elements(name);
        if (ref.index().isEmpty()) {
            diags.report(Code.NOT_AN_ARRAY, ref.span(), "`" + name + "` is a set of " + length + " semaphore"
                    + (length == 1 ? "" : "s") + ": say which one, e.g. `" + name + "[0]`");
            return java.util.Optional.empty();
        }
        OptionalLong idx = eval.integer(ref.index().get(), env, "an index");
        if (idx.isEmpty()) {
            return java.util.Optional.empty();
        }
        long i = idx.getAsLong();
        if (i < 0 || i >= length) {
            diags.report(Code.INDEX_OUT_OF_RANGE, ref.index().get().span(), "index " + i + " is out of range: the set `"
                    + name + "` has " + length + " semaphore" + (length == 1 ? "" : "s") + ", " + name + "[0] to " + name
                    + "[" + (length - 1) + "]" + bindings(env));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new int[] {s.firstIndex(), (int) i});
    }

    static String bindings(Map<String, Long> env) {
        if (env.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (when ");
        env.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (sb.length() > 7) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(" = ").append(e.getValue());
        });
        return sb.append(")").toString();
    }

    private static String example(Declaration.Kind k) {
        return switch (k) {
            case MUTEX -> "mutex m";
            case SEMAPHORE -> "semaphore s = 1";
            case RESOURCE -> "resource printer 2";
            case SPINLOCK -> "spinlock s";
            case RWLOCK -> "rwlock r";
            case SEQLOCK -> "seqlock q";
            case CONDVAR -> "condvar c";
            case BARRIER -> "barrier b 2";
            case SEMSET -> "semset s = [1, 0]";
            case INT -> "int x = 0";
        };
    }

    private static String wrongKind(String name, Symbols.Symbol s, Declaration.Kind want) {
        String is = "`" + name + "` is " + s.describe() + ", not " + want.withArticle();
        name = s.isArray() ? name + "[0]" : name;
        return is + switch (s.kind()) {
            case MUTEX -> ": use `lock " + name + "` and `unlock " + name + "`";
            case SEMAPHORE -> ": use `P(" + name + ")` / `wait " + name + "` and `V(" + name + ")` / `post " + name + "`";
            case RESOURCE -> ": use `request " + name + " 1` and `release " + name + " 1`";
            case SPINLOCK -> ": use `spin_lock " + name + "` and `spin_unlock " + name + "`";
            case RWLOCK -> ": use `read_lock " + name + "` / `read_unlock " + name + "` and `write_lock " + name
                    + "` / `write_unlock " + name + "`";
            case SEQLOCK -> ": use `seq_write " + name + " { ... }` and `seq_read " + name + " { ... }`";
            case CONDVAR -> ": use `cond_wait " + name + " m` (with a mutex `m` held), `signal " + name
                    + "` and `broadcast " + name + "`";
            case BARRIER -> ": use `barrier " + name + "`";
            case SEMSET -> ": use `semop " + name + "[0] -1` and `semop " + name + "[0] +1`";
            case INT -> ": read it in an expression and set it with `" + name + " = ...`";
        };
    }
}
