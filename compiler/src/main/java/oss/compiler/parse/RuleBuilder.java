package oss.compiler.parse;

import org.antlr.v4.runtime.tree.RuleNode;
import oss.grammar.OssBaseVisitor;

/**
 * Builds the AST node of one grammar rule from its labelled alternatives, one {@code visitX} per
 * alternative. The rule's own context class is what the parser leaves when it could choose no
 * alternative (its syntax error is already reported): nothing is built. Any other context that
 * reaches {@code visitChildren} is an alternative without a builder here, a bug in oss, and throws,
 * so the AST builder reports it rather than building a node from whatever its children give.
 */
abstract class RuleBuilder<T> extends OssBaseVisitor<T> {
    private final Class<?> rule;

    RuleBuilder(Class<?> rule) {
        this.rule = rule;
    }

    @Override
    public final T visitChildren(RuleNode node) {
        if (node.getClass() == rule) {
            return null;
        }
        throw new IllegalStateException("no AST builder for " + node.getClass().getSimpleName());
    }
}
