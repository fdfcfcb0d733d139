package oss.grader.similarity;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import oss.compiler.ast.Amount;
import oss.compiler.ast.Atom;
import oss.compiler.ast.BankerNode;
import oss.compiler.ast.Block;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.Expr;
import oss.compiler.ast.FileDeclNode;
import oss.compiler.ast.Name;
import oss.compiler.ast.Node;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Range;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.SemOpItem;
import oss.compiler.ast.Setting;
import oss.compiler.ast.SettingsBlock;
import oss.compiler.ast.Stmt;
import oss.compiler.ast.Text;
import oss.ir.program.Span;

/**
 * A scenario's AST as a canonical sequence of {@link Token}s, what a copy keeps when it is
 * disguised: names, comments, layout, the title and the order of the top-level items are gone.
 *
 * <ul>
 *   <li>A name becomes its kind and an index: {@code mutex0}, {@code process2}, {@code index0}. A
 *       name bound inside a process (the array index, a {@code for} variable, a local, a child, a
 *       region) is numbered in order of first use in that process. A top-level name (a lock, a
 *       process, a shared int, a banker resource) is ranked within its kind by the normalised
 *       text of the item that declares it, then by its first use in the canonical order, so the
 *       rank survives renaming and reordering, and one added declaration renumbers only the
 *       names of its own kind that sort after it.</li>
 *   <li>Numbers are kept, with their value written one way ({@code 0x10}, {@code 1_6} and
 *       {@code 16} alike): in an oss file they are the scenario (times, counts, a reference string,
 *       a predicted value), not incidental like a C loop bound, and bucketing them would make
 *       every {@code compute 2 ms} match {@code compute 3 ms} in files whose structure the whole
 *       class shares.</li>
 *   <li>Top-level items are sorted: settings, then declarations, processes, banker tables and
 *       {@code expect} lines, each group by its normalised text; a machine's or kernel's settings
 *       too. Statements stay in order: in a process body order is meaning.</li>
 *   <li>{@code P(s)} and {@code wait s}, {@code V(s)} and {@code post s} are one operation.</li>
 * </ul>
 *
 * <p>The walk is generic over the AST's records (every component in declaration order), so a
 * node kind added to the language is normalised without a change here; the cases below are
 * only the ones that erase or rename something.
 */
final class AstNormaliser {
    /** Nodes whose kind adds nothing to what their parts say: only their parts are written. */
    private static final Set<Class<?>> SILENT = Set.of(Ref.class, Quantity.class, Range.class, Amount.class,
            SemOpItem.class, Setting.class, ProcessNode.IndexRange.class, Expr.Binary.class, Expr.Call.class,
            Expr.Element.class, BankerNode.Part.class);

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private final Map<String, String> globals = new HashMap<>();
    private final Map<String, Integer> declaredIn = new HashMap<>();
    private final Map<String, Integer> declarationOrder = new HashMap<>();
    private final Map<String, Integer> rank = new HashMap<>();
    /** Every name bound in some process: an expectation's {@code P.x} names one of P's. */
    private final Map<String, String> anyLocal = new HashMap<>();

    private AstNormaliser() {}

    static List<Token> normalise(Scenario scenario) {
        return new AstNormaliser().run(scenario);
    }

    private List<Token> run(Scenario scenario) {
        List<Section> sections = scenario.sections();
        for (int i = 0; i < sections.size(); i++) {
            bindGlobals(sections.get(i), i);
        }
        for (Section s : sections) {
            anyLocal.putAll(locals(s));
        }
        // First pass: top-level names by kind alone, to find the canonical order of the items.
        List<Item> shapes = write(sections, name -> globals.get(name));
        numberGlobals(shapes);
        // Second pass: each top-level name by its kind and rank, the items sorted again.
        List<Item> items = write(sections, name -> {
            String kind = globals.get(name);
            return kind == null ? null : kind + rank.get(name);
        });
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            for (Token t : items.get(i).tokens) {
                out.add(new Token(t.text(), t.line(), i));
            }
        }
        return out;
    }

    private List<Item> write(List<Section> sections, Function<String, String> global) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            Writer w = new Writer(locals(s), global);
            w.section(s);
            items.add(new Item(group(s), String.join("\u0001", w.texts()), w.out, w.globalUses, i));
        }
        items.sort(Comparator.comparingInt(Item::group).thenComparing(Item::key).thenComparingInt(Item::original));
        return items;
    }

    /**
     * Ranks every top-level name within its kind by what does not change under renaming or
     * reordering: the normalised text of the item that declares it, then where it is first used
     * in the canonical order (two {@code mutex} lines tie on the first), then the order written.
     */
    private void numberGlobals(List<Item> shapes) {
        Map<String, Integer> firstUse = new HashMap<>();
        Map<Integer, String> shapeOf = new HashMap<>();
        int position = 0;
        List<Item> usesFirst = new ArrayList<>(shapes); // a declaration is not a use: look at what uses it first
        usesFirst.sort(Comparator.comparingInt((Item i) -> i.group() == 1 ? 1 : 0));
        for (Item item : usesFirst) {
            shapeOf.put(item.original(), item.key());
            for (String name : item.globalUses()) {
                firstUse.putIfAbsent(name, position++);
            }
        }
        List<String> names = new ArrayList<>(globals.keySet());
        names.sort(Comparator.comparing((String n) -> globals.get(n))
                .thenComparing(n -> shapeOf.getOrDefault(declaredIn.get(n), ""))
                .thenComparingInt(n -> firstUse.getOrDefault(n, Integer.MAX_VALUE))
                .thenComparingInt(n -> declarationOrder.get(n)));
        Map<String, Integer> counters = new HashMap<>();
        for (String n : names) {
            rank.put(n, counters.merge(globals.get(n), 1, Integer::sum) - 1);
        }
    }

    private record Item(int group, String key, List<Token> tokens, List<String> globalUses, int original) {}

    private static int group(Section s) {
        if (s instanceof SettingsBlock) {
            return 0;
        }
        if (s instanceof Declaration || s instanceof FileDeclNode) {
            return 1;
        }
        if (s instanceof ProcessNode) {
            return 2;
        }
        return s instanceof BankerNode ? 3 : 4;
    }

    private void bindGlobals(Section s, int index) {
        if (s instanceof Declaration d) {
            bind(d.name().text(), d.kind().keyword(), index);
        } else if (s instanceof ProcessNode p) {
            bind(p.name().text(), "process", index);
        } else if (s instanceof BankerNode b) {
            for (BankerNode.Row r : b.rows()) {
                if (r instanceof BankerNode.Resources res) {
                    res.names().forEach(n -> bind(n.text(), "resource", index));
                } else if (r instanceof BankerNode.ProcessRow row) {
                    bind(row.process().text(), "process", index);
                } else if (r instanceof BankerNode.Request req) {
                    bind(req.process().text(), "process", index);
                }
            }
        }
    }

    private void bind(String name, String kind, int section) {
        if (globals.putIfAbsent(name, kind) == null) {
            declaredIn.put(name, section);
            declarationOrder.put(name, declarationOrder.size());
        }
    }

    /** The names a section binds inside itself, each with its kind. */
    private static Map<String, String> locals(Section s) {
        Map<String, String> out = new HashMap<>();
        visitRecords(s, r -> {
            if (r instanceof ProcessNode.IndexRange ir) {
                out.putIfAbsent(ir.variable().text(), "index");
            } else if (r instanceof Stmt.For f) {
                out.putIfAbsent(f.variable().text(), "index");
            } else if (r instanceof Stmt.Var v) {
                out.putIfAbsent(v.name().text(), "local");
            } else if (r instanceof Stmt.Fork f) {
                f.variable().ifPresent(n -> out.putIfAbsent(n.text(), "child"));
            } else if (r instanceof Stmt.VFork f) {
                f.variable().ifPresent(n -> out.putIfAbsent(n.text(), "child"));
            } else if (r instanceof Stmt.Clone c) {
                c.variable().ifPresent(n -> out.putIfAbsent(n.text(), "child"));
            } else if (r instanceof Stmt.Thread t) {
                t.variable().ifPresent(n -> out.putIfAbsent(n.text(), "thread"));
            } else if (r instanceof Stmt.Mmap m) {
                out.putIfAbsent(m.variable().text(), "region");
            } else if (r instanceof Stmt.Malloc m) {
                out.putIfAbsent(m.variable().text(), "region");
            }
        });
        return out;
    }

    private static void visitRecords(Object o, Consumer<Record> f) {
        if (o instanceof Optional<?> opt) {
            opt.ifPresent(x -> visitRecords(x, f));
        } else if (o instanceof List<?> list) {
            list.forEach(x -> visitRecords(x, f));
        } else if (o instanceof Record r && !(o instanceof Span)) {
            f.accept(r);
            for (RecordComponent c : COMPONENTS.get(r.getClass())) {
                visitRecords(get(c, r), f);
            }
        }
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + r.getClass().getName() + "." + c.getName(), e);
        }
    }

    /** "Stmt.Lock" for {@code oss.compiler.ast.Stmt$Lock}. */
    private static String kindOf(Class<?> type) {
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
    }

    static String number(String text) {
        String t = text.replace("_", "");
        try {
            if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
                return "#" + new java.math.BigInteger(t.substring(2), 16);
            }
            return "#" + new java.math.BigDecimal(t).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return "#" + t;
        }
    }

    /** Writes one top-level item; local names are numbered in the order this writer meets them. */
    private final class Writer {
        final List<Token> out = new ArrayList<>();
        /** The top-level names this item uses, in order (for ranking them). */
        final List<String> globalUses = new ArrayList<>();
        private final Map<String, String> locals;
        private final Function<String, String> global;
        private final Map<String, String> numbered = new HashMap<>();
        private final Map<String, Integer> counters = new HashMap<>();

        Writer(Map<String, String> locals, Function<String, String> global) {
            this.locals = locals;
            this.global = global;
        }

        List<String> texts() {
            return out.stream().map(Token::text).toList();
        }

        void section(Section s) {
            if (s instanceof SettingsBlock b) {
                emit("SettingsBlock", b.span().line());
                emit(b.kind().name(), b.span().line());
                List<Writer> settings = new ArrayList<>();
                for (Setting setting : b.settings()) {
                    Writer w = new Writer(locals, global);
                    w.walk(setting, setting.span().line());
                    settings.add(w);
                }
                settings.sort(Comparator.comparing(w -> String.join("\u0001", w.texts())));
                settings.forEach(w -> {
                    out.addAll(w.out);
                    globalUses.addAll(w.globalUses);
                });
                return;
            }
            walk(s, s.span().line());
        }

        private void emit(String text, int line) {
            out.add(new Token(text, line, -1));
        }

        private String resolve(String name) {
            String local = locals.get(name);
            if (local != null) {
                return numbered.computeIfAbsent(name, n -> {
                    int index = counters.getOrDefault(local, 0);
                    counters.put(local, index + 1);
                    return local + index;
                });
            }
            String token = global.apply(name);
            if (token == null) {
                return name;
            }
            globalUses.add(name);
            return token;
        }

        private static int lineOf(Span span, int fallback) {
            return span != null && span.isKnown() ? span.line() : fallback;
        }

        private void walk(Object o, int line) {
            if (o == null || o instanceof Span) {
                return;
            }
            if (o instanceof Optional<?> opt) {
                opt.ifPresent(x -> walk(x, line));
            } else if (o instanceof List<?> list) {
                list.forEach(x -> walk(x, line));
            } else if (o instanceof Name n) {
                emit(resolve(n.text()), lineOf(n.span(), line));
            } else if (o instanceof Text t) {
                emit("str", lineOf(t.span(), line)); // labels and paths: free text, like a comment
            } else if (o instanceof Expr.Number n) {
                emit(number(n.text()), lineOf(n.span(), line));
            } else if (o instanceof Expr.NameRef r) {
                emit(resolve(r.name()), lineOf(r.span(), line));
            } else if (o instanceof Expr.Paren p) {
                walk(p.inner(), line);
            } else if (o instanceof Expr.Field f) {
                int here = lineOf(f.span(), line);
                emit("Expr.Field", here);
                walk(f.owner(), here);
                String kind = anyLocal.get(f.field().text());
                emit(kind != null ? kind : resolve(f.field().text()), here);
            } else if (o instanceof Stmt.Call c && (c.callee().text().equals("P") || c.callee().text().equals("V"))) {
                int here = lineOf(c.span(), line);
                emit(c.callee().text().equals("P") ? "Stmt.Wait" : "Stmt.Post", here);
                walk(c.argument(), here);
            } else if (o instanceof Block b) {
                emit("{", lineOf(b.span(), line));
                walk(b.statements(), line);
                emit("}", b.span() != null && b.span().isKnown() ? b.span().endLine() : line);
            } else if (o instanceof Atom a) {
                int here = lineOf(a.span(), line);
                emit(switch (a.kind()) {
                    case NUMBER -> number(a.text());
                    case STRING -> "str";
                    default -> a.text();
                }, here);
            } else if (o instanceof Record r) {
                record(r, line);
            } else if (o instanceof Enum<?> e) {
                emit(e.name(), line);
            } else {
                emit(String.valueOf(o), line);
            }
        }

        private void record(Record r, int line) {
            int here = r instanceof Node n ? lineOf(n.span(), line) : line;
            if (!SILENT.contains(r.getClass())) {
                emit(kindOf(r.getClass()), here);
            }
            for (RecordComponent c : COMPONENTS.get(r.getClass())) {
                Object v = get(c, r);
                if (v instanceof Boolean b) {
                    if (b) {
                        emit(c.getName(), here);
                    }
                } else if (v instanceof String s) {
                    emit(s, here); // an operator, a function or fence name: the language's words
                } else if (v instanceof Enum<?> e) {
                    emit(e.name(), here);
                } else {
                    walk(v, here);
                }
            }
        }
    }
}
