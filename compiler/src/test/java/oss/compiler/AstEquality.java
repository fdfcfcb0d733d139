package oss.compiler;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/** Structural equality of AST records that ignores every {@link Span}: "the same program, wherever it is written". */
public final class AstEquality {
    private AstEquality() {}

    /** Null when equal, else the path of the first difference. */
    public static String difference(Object a, Object b) {
        return diff(a, b, "root");
    }

    private static String diff(Object a, Object b, String path) {
        if (a instanceof Span && b instanceof Span) {
            return null;
        }
        if (a == null || b == null) {
            return a == b ? null : path + ": " + a + " vs " + b;
        }
        if (a.getClass() != b.getClass()) {
            return path + ": " + a.getClass().getSimpleName() + " vs " + b.getClass().getSimpleName();
        }
        if (a instanceof Optional<?> oa) {
            Optional<?> ob = (Optional<?>) b;
            if (oa.isPresent() != ob.isPresent()) {
                return path + ": present " + oa.isPresent() + " vs " + ob.isPresent();
            }
            return oa.isPresent() ? diff(oa.get(), ob.get(), path) : null;
        }
        if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) {
                return path + ": " + la.size() + " elements vs " + lb.size();
            }
            for (int i = 0; i < la.size(); i++) {
                String d = diff(la.get(i), lb.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.getClass().isRecord()) {
            for (RecordComponent rc : a.getClass().getRecordComponents()) {
                try {
                    String d = diff(rc.getAccessor().invoke(a), rc.getAccessor().invoke(b), path + "." + rc.getName());
                    if (d != null) {
                        return d;
                    }
                } catch (ReflectiveOperationException e) {
                    return path + ": " + e;
                }
            }
            return null;
        }
        return a.equals(b) ? null : path + ": " + a + " vs " + b;
    }
}
