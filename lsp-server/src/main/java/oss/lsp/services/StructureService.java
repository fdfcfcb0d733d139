package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.compiler.ast.BankerNode;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.FileDeclNode;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.Setting;
import oss.compiler.ast.SettingsBlock;
import oss.compiler.ast.Stmt;
import oss.compiler.format.Canonical;
import oss.ir.program.Span;

/** The outline (document symbols) and the folding ranges of a scenario. */
public final class StructureService {
    public List<DocumentSymbol> symbols(OssDocument doc, CancelChecker cancel) {
        return doc.ast(cancel).map(s -> List.of(scenario(s, cancel))).orElse(List.of());
    }

    public List<FoldingRange> folding(OssDocument doc, CancelChecker cancel) {
        return Folding.of(doc, cancel);
    }

    private static DocumentSymbol scenario(Scenario s, CancelChecker cancel) {
        List<DocumentSymbol> children = new ArrayList<>();
        for (Section sec : s.sections()) {
            cancel.checkCanceled();
            children.add(sec.accept(SECTION));
        }
        Span sel = s.titleSpan().isKnown() ? s.titleSpan() : s.span();
        return symbol(s.title().isEmpty() ? "scenario" : s.title(), "scenario", SymbolKind.Module, s.span(), sel,
                children);
    }

    private static final Section.Visitor<DocumentSymbol> SECTION = new Section.Visitor<>() {
        @Override
        public DocumentSymbol visitSettings(SettingsBlock b) {
            List<DocumentSymbol> keys = new ArrayList<>();
            for (Setting st : b.settings()) {
                keys.add(symbol(st.key().text(), Describe.atoms(st.arguments()), SymbolKind.Property, st.span(),
                        st.key().span(), List.of()));
            }
            String name = b.kind() == SettingsBlock.Kind.MACHINE ? "machine" : "kernel";
            return symbol(name, "", SymbolKind.Namespace, b.span(), b.span(), keys);
        }

        @Override
        public DocumentSymbol visitDeclaration(Declaration d) {
            return symbol(d.name().text(), Describe.declaration(d), SymbolKind.Variable, d.span(), d.name().span(),
                    List.of());
        }

        @Override
        public DocumentSymbol visitFile(FileDeclNode f) {
            return symbol(f.path().value(), f.kind().keyword(), SymbolKind.File, f.span(), f.path().span(), List.of());
        }

        @Override
        public DocumentSymbol visitProcess(ProcessNode p) {
            return symbol(p.name().text(), "process", SymbolKind.Function, p.span(), p.name().span(), bindings(p));
        }

        @Override
        public DocumentSymbol visitBanker(BankerNode b) {
            return symbol("banker", b.rows().size() + " rows", SymbolKind.Struct, b.span(), b.span(), List.of());
        }

        @Override
        public DocumentSymbol visitExpect(ExpectNode e) {
            return symbol(Canonical.expectation(e), "expectation", SymbolKind.Event, e.span(), e.span(), List.of());
        }
    };

    /** The statements of a process that bind a name: fork, mmap, malloc, thread, clone, vfork. */
    private static List<DocumentSymbol> bindings(ProcessNode p) {
        List<DocumentSymbol> out = new ArrayList<>();
        for (Stmt s : AstWalk.statements(p.body())) {
            StmtShape shape = StmtShape.of(s);
            shape.bound().ifPresent(n -> out.add(symbol(n.text(), shape.binder(), SymbolKind.Variable, s.span(),
                    n.span(), List.of())));
        }
        return out;
    }

    private static DocumentSymbol symbol(String name, String detail, SymbolKind kind, Span range, Span selection,
            List<DocumentSymbol> children) {
        DocumentSymbol d = new DocumentSymbol(name.isBlank() ? "?" : name, kind, Positions.range(range),
                Positions.range(selection), detail);
        d.setChildren(children);
        return d;
    }
}
