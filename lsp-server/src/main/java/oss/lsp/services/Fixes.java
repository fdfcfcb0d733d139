package oss.lsp.services;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.Expr;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.Stmt;
import oss.lsp.services.CodeActionService.Fix;
import oss.ir.program.Span;

/** The quick fixes that insert one piece of text: a declaration, a unit, a wait. */
final class Fixes {
    private static final Pattern SUCH_AS = Pattern.compile("such as `[0-9.]+ (\\w+)`");

    private Fixes() {}

    /** OSS1101: {@code mutex NAME} (or the kind the statement wants) after the last declaration. */
    static Fix declare(OssDocument doc, Scenario s, Diagnostic d) {
        Position at = d.getRange().getStart();
        Optional<Stmt> st = AstWalk.statementAt(s, at);
        if (st.isEmpty()) {
            return null;
        }
        Ref ref = refAt(st.get(), at);
        if (ref == null) {
            return null;
        }
        String kind = kindFor(st.get(), ref);
        if (kind == null) {
            return null;
        }
        String array = "";
        if (ref.index().isPresent()) {
            if (!(ref.index().get() instanceof Expr.Number n) || !n.text().matches("\\d+")) {
                return null;
            }
            array = "[" + (Integer.parseInt(n.text()) + 1) + "]";
        }
        String decl = switch (kind) {
            case "semaphore" -> "semaphore " + ref.name().text() + array + " = 1";
            case "resource" -> "resource " + ref.name().text() + array + " 1";
            case "barrier" -> "barrier " + ref.name().text() + array + " 2";
            case "semset" -> "semset " + ref.name().text() + " = [1]";
            default -> kind + " " + ref.name().text() + array;
        };
        Declaration last = null;
        for (Section sec : s.sections()) {
            if (sec instanceof Declaration dd) {
                last = dd;
            }
        }
        int line = last != null ? last.span().endLine() : s.span().line();
        String indent = last != null ? " ".repeat(last.span().column() - 1) : "  ";
        Position insert = new Position(line, 0);
        return new Fix("Declare `" + decl + "`", List.of(new TextEdit(new Range(insert, insert), indent + decl + "\n")));
    }

    private static Ref refAt(Stmt st, Position at) {
        for (Ref r : refs(st)) {
            if (Positions.contains(r.span(), at) || Positions.contains(r.name().span(), at)) {
                return r;
            }
        }
        return null;
    }

    private static List<Ref> refs(Stmt s) {
        if (s instanceof Stmt.Lock x) {
            return List.of(x.mutex());
        } else if (s instanceof Stmt.Unlock x) {
            return List.of(x.mutex());
        } else if (s instanceof Stmt.TryLock x) {
            return List.of(x.mutex());
        } else if (s instanceof Stmt.Wait x) {
            return List.of(x.target());
        } else if (s instanceof Stmt.Post x) {
            return List.of(x.semaphore());
        } else if (s instanceof Stmt.Call x) {
            return List.of(x.argument());
        } else if (s instanceof Stmt.Claim x) {
            return x.amounts().stream().map(a -> a.resource()).toList();
        } else if (s instanceof Stmt.Request x) {
            return x.amounts().stream().map(a -> a.resource()).toList();
        } else if (s instanceof Stmt.Release x) {
            return x.amounts().stream().map(a -> a.resource()).toList();
        } else if (s instanceof Stmt.SpinLock x) {
            return List.of(x.lock());
        } else if (s instanceof Stmt.SpinUnlock x) {
            return List.of(x.lock());
        } else if (s instanceof Stmt.ReadLock x) {
            return List.of(x.rwlock());
        } else if (s instanceof Stmt.ReadUnlock x) {
            return List.of(x.rwlock());
        } else if (s instanceof Stmt.WriteLock x) {
            return List.of(x.rwlock());
        } else if (s instanceof Stmt.WriteUnlock x) {
            return List.of(x.rwlock());
        } else if (s instanceof Stmt.SeqWrite x) {
            return List.of(x.seqlock());
        } else if (s instanceof Stmt.SeqRead x) {
            return List.of(x.seqlock());
        } else if (s instanceof Stmt.CondWait x) {
            return List.of(x.cond(), x.mutex());
        } else if (s instanceof Stmt.Signal x) {
            return List.of(x.cond());
        } else if (s instanceof Stmt.Broadcast x) {
            return List.of(x.cond());
        } else if (s instanceof Stmt.BarrierWait x) {
            return List.of(x.barrier());
        } else if (s instanceof Stmt.SemOp x) {
            return x.items().stream().map(i -> i.element()).toList();
        }
        return List.of();
    }

    /** The kind of declaration a statement needs for this reference. */
    private static String kindFor(Stmt s, Ref r) {
        if (s instanceof Stmt.Lock || s instanceof Stmt.Unlock || s instanceof Stmt.TryLock) {
            return "mutex";
        } else if (s instanceof Stmt.Wait || s instanceof Stmt.Post || s instanceof Stmt.Call) {
            return "semaphore";
        } else if (s instanceof Stmt.Claim || s instanceof Stmt.Request || s instanceof Stmt.Release) {
            return "resource";
        } else if (s instanceof Stmt.SpinLock || s instanceof Stmt.SpinUnlock) {
            return "spinlock";
        } else if (s instanceof Stmt.ReadLock || s instanceof Stmt.ReadUnlock || s instanceof Stmt.WriteLock
                || s instanceof Stmt.WriteUnlock) {
            return "rwlock";
        } else if (s instanceof Stmt.SeqWrite || s instanceof Stmt.SeqRead) {
            return "seqlock";
        } else if (s instanceof Stmt.CondWait c) {
            return c.mutex() == r ? "mutex" : "condvar";
        } else if (s instanceof Stmt.Signal || s instanceof Stmt.Broadcast) {
            return "condvar";
        } else if (s instanceof Stmt.BarrierWait) {
            return "barrier";
        } else if (s instanceof Stmt.SemOp) {
            return "semset";
        }
        return null;
    }

    /** OSS1201: the unit the message suggests (or ms for times, KiB for sizes) after the number. */
    static Fix unit(OssDocument doc, Scenario s, Diagnostic d) {
        Matcher m = SUCH_AS.matcher(d.getMessage());
        String unit;
        if (m.find()) {
            unit = m.group(1);
        } else {
            Optional<Stmt> st = AstWalk.statementAt(s, d.getRange().getStart());
            boolean time = st.isEmpty() || st.get() instanceof Stmt.Compute || st.get() instanceof Stmt.Sleep
                    || st.get() instanceof Stmt.Io;
            unit = time ? "ms" : "KiB";
        }
        Position end = d.getRange().getEnd();
        return new Fix("Add the unit `" + unit + "`", List.of(new TextEdit(new Range(end, end), " " + unit)));
    }

    /** OSS2006: {@code wait x} (or {@code wait any}) right after the fork that made the child. */
    static Fix reap(OssDocument doc, Scenario s, Diagnostic d) {
        Position at = d.getRange().getStart();
        Stmt fork = null;
        for (var p : AstWalk.processes(s)) {
            for (Stmt st : AstWalk.statements(p.body())) {
                Span sp = st.span();
                if (st instanceof Stmt.Fork && sp.line() - 1 == at.getLine() && sp.column() - 1 == at.getCharacter()) {
                    fork = st;
                }
            }
        }
        if (fork == null) {
            return null;
        }
        Stmt.Fork f = (Stmt.Fork) fork;
        String wait = "wait " + f.variable().map(n -> n.text()).orElse("any");
        String indent = " ".repeat(f.span().column() - 1);
        Position insert = new Position(f.span().endLine(), 0);
        return new Fix("Reap the child: `" + wait + "`",
                List.of(new TextEdit(new Range(insert, insert), indent + wait + "\n")));
    }
}
