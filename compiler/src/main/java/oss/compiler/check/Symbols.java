package oss.compiler.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oss.compiler.ast.Declaration;
import oss.ir.program.Span;

/**
 * The declared synchronisation objects and resources. Arrays are flattened:
 * a symbol knows its first index in the program's list of its kind and its
 * length ({@code -1} when it is not an array). A semaphore set is one symbol
 * (not an array) whose elements are counted apart, see {@link #elements}.
 */
public final class Symbols {

    public record Symbol(String name, Declaration.Kind kind, int arrayLength, int firstIndex, Span span) {
        public boolean isArray() {
            return arrayLength >= 0;
        }

        public String describe() {
            String k = kind.keyword();
            return isArray() ? "an array of " + arrayLength + " " + k + (k.endsWith("x") ? "es" : "s") : kind.withArticle();
        }
    }

    private final Map<String, Symbol> byName = new LinkedHashMap<>();
    private final Map<Declaration.Kind, Integer> counts = new LinkedHashMap<>();
    private final Map<String, Integer> elements = new LinkedHashMap<>();

    /** Records how many semaphores the set {@code name} holds. */
    public void setElements(String name, int count) {
        elements.put(name, count);
    }

    /** The number of semaphores in the set {@code name}, 0 when unknown. */
    public int elements(String name) {
        return elements.getOrDefault(name, 0);
    }

    public Symbol lookup(String name) {
        return byName.get(name);
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** Adds the symbol and returns its first flattened index. */
    public Symbol add(String name, Declaration.Kind kind, int arrayLength, Span span) {
        int first = counts.getOrDefault(kind, 0);
        counts.put(kind, first + Math.max(1, arrayLength < 0 ? 1 : arrayLength));
        if (arrayLength == 0) {
            counts.put(kind, first);
        }
        Symbol s = new Symbol(name, kind, arrayLength, first, span);
        byName.put(name, s);
        namesByKind.clear();
        allNames = null;
        return s;
    }

    /**
     * The declared names of one kind, unmodifiable. Kept until the next declaration: every unknown
     * name asks for them (for "did you mean"), and building them each time made a file with
     * thousands of declarations and thousands of unknown names quadratic.
     */
    public List<String> names(Declaration.Kind kind) {
        return namesByKind.computeIfAbsent(kind, k -> {
            List<String> out = new ArrayList<>();
            for (Symbol s : byName.values()) {
                if (s.kind() == k) {
                    out.add(s.name());
                }
            }
            return List.copyOf(out);
        });
    }

    public List<String> names() {
        if (allNames == null) {
            allNames = List.copyOf(byName.keySet());
        }
        return allNames;
    }

    private final java.util.Map<Declaration.Kind, List<String>> namesByKind = new java.util.EnumMap<>(Declaration.Kind.class);
    private List<String> allNames;
}
