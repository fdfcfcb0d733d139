package oss.compiler.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * Every name written in an expression, in source order, for walkers that only care where names
 * are used (the language server's index); a visitor, so a new kind of expression that holds
 * names or subexpressions cannot be forgotten here.
 */
public final class ExprNames implements Expr.Visitor<Void> {
    private final List<Expr.NameRef> out = new ArrayList<>();

    private ExprNames() {}

    public static List<Expr.NameRef> of(Expr e) {
        ExprNames names = new ExprNames();
        e.accept(names);
        return names.out;
    }

    @Override
    public Void visitNumber(Expr.Number e) {
        return null;
    }

    @Override
    public Void visitNameRef(Expr.NameRef e) {
        out.add(e);
        return null;
    }

    @Override
    public Void visitNegate(Expr.Negate e) {
        return e.operand().accept(this);
    }

    @Override
    public Void visitBinary(Expr.Binary e) {
        e.left().accept(this);
        return e.right().accept(this);
    }

    @Override
    public Void visitCall(Expr.Call e) {
        e.first().accept(this);
        return e.second().accept(this);
    }

    @Override
    public Void visitParen(Expr.Paren e) {
        return e.inner().accept(this);
    }

    @Override
    public Void visitNot(Expr.Not e) {
        return e.operand().accept(this);
    }

    /** The array's name counts as a use, as {@code a} in {@code a[i]}. */
    @Override
    public Void visitElement(Expr.Element e) {
        out.add(new Expr.NameRef(e.array().text(), e.array().span()));
        return e.index().accept(this);
    }

    @Override
    public Void visitField(Expr.Field e) {
        out.add(new Expr.NameRef(e.owner().name().text(), e.owner().name().span()));
        e.owner().index().ifPresent(i -> i.accept(this));
        return null;
    }

    @Override
    public Void visitAtomic(Expr.Atomic e) {
        out.add(new Expr.NameRef(e.target().name().text(), e.target().name().span()));
        e.target().index().ifPresent(i -> i.accept(this));
        e.arguments().forEach(a -> a.accept(this));
        return null;
    }
}
