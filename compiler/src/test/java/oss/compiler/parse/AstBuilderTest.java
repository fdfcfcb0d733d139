package oss.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.ParserRuleContext;
import org.junit.jupiter.api.Test;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Stmt;
import oss.grammar.OssParser;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.program.Span;

/** The AST builder has a builder for every labelled alternative, and a builder that fails is reported, not dropped. */
class AstBuilderTest {
    /** Each rule with labelled alternatives, and the class that builds them. */
    private static final Map<Class<?>, String> BUILDERS = Map.of(
            OssParser.StatementContext.class, "oss.compiler.parse.StatementBuilder",
            OssParser.FdCallContext.class, "oss.compiler.parse.CallBuilders$Fd",
            OssParser.IpcCallContext.class, "oss.compiler.parse.CallBuilders$Ipc",
            OssParser.SignalCallContext.class, "oss.compiler.parse.CallBuilders$Sig",
            OssParser.ExprContext.class, "oss.compiler.parse.Parts$ExprBuilder",
            OssParser.SectionContext.class, "oss.compiler.parse.AstBuilder$SectionBuilder",
            OssParser.DeclarationContext.class, "oss.compiler.parse.AstBuilder$DeclarationBuilder",
            OssParser.ProcessAttrContext.class, "oss.compiler.parse.AstBuilder$AttrBuilder",
            OssParser.BankerRowContext.class, "oss.compiler.parse.AstBuilder$RowBuilder",
            OssParser.ExpectationContext.class, "oss.compiler.parse.AstBuilder$ExpectationBuilder");

    /** A labelled alternative added to the grammar without its visitX would build nothing. */
    @Test
    void everyLabelledAlternativeHasItsBuilder() throws Exception {
        int alternatives = 0;
        for (Class<?> alt : OssParser.class.getDeclaredClasses()) {
            Class<?> rule = alt.getSuperclass();
            if (!BUILDERS.containsKey(rule)) {
                continue;
            }
            alternatives++;
            String name = alt.getSimpleName().replaceFirst("Context$", "");
            Class<?> builder = Class.forName(BUILDERS.get(rule));
            builder.getDeclaredMethod("visit" + Character.toUpperCase(name.charAt(0)) + name.substring(1), alt);
        }
        assertTrue(alternatives > Stmt.class.getPermittedSubclasses().length, alternatives + " alternatives");
        for (Class<?> rule : BUILDERS.keySet()) {
            assertTrue(ParserRuleContext.class.isAssignableFrom(rule));
        }
    }

    @Test
    void anAlternativeWithoutABuilderThrowsAndTheRuleItselfBuildsNothing() {
        RuleBuilder<Object> none = new RuleBuilder<>(OssParser.StatementContext.class) { };
        assertNull(new OssParser.StatementContext(null, 0).accept(none));
        assertThrows(IllegalStateException.class,
                () -> new OssParser.WaitAnyStmtContext(new OssParser.StatementContext(null, 0)).accept(none));
    }

    /**
     * No text reaches a failing builder (40,000 mutated examples did not), so the tree is broken
     * by hand, as a bug in a builder would: the statement is left out with an internal error at
     * its span, and the statements around it are kept.
     */
    @Test
    void aBuilderThatFailsIsReportedAtItsNode() {
        String text = "scenario \"t\" {\n  process A {\n    compute 1 ms\n    compute min(1, 2) ms\n    sleep 3 ms\n  }\n}\n";
        OssParser parser = new OssParser(new CommonTokenStream(new ListTokenSource(OssParsing.lex(text, new ArrayList<>()))));
        parser.removeErrorListeners();
        parser.setErrorHandler(new FriendlyErrorStrategy());
        OssParser.ScenarioContext tree = parser.file().scenario();
        OssParser.ComputeStmtContext broken = (OssParser.ComputeStmtContext) tree.section(0).getChild(OssParser.ProcessContext.class, 0)
                .block().statement(1);
        ((OssParser.CallExprContext) broken.quantity().expr()).fn = null;

        List<Diagnostic> diags = new ArrayList<>();
        AstBuilder builder = new AstBuilder(diags);
        Scenario s = builder.scenario(tree);

        assertEquals(1, builder.failures());
        assertEquals(1, diags.size(), diags.toString());
        assertEquals(Code.INTERNAL, diags.get(0).code());
        assertEquals(new Span(4, 5, 4, 25), diags.get(0).span());
        List<Stmt> body = ((oss.compiler.ast.ProcessNode) s.sections().get(0)).body().statements();
        assertEquals(2, body.size());
        assertInstanceOf(Stmt.Compute.class, body.get(0));
        assertInstanceOf(Stmt.Sleep.class, body.get(1));
    }
}
