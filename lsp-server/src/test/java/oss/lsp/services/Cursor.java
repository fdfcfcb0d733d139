package oss.lsp.services;

import org.eclipse.lsp4j.Position;
import oss.compiler.Compiler;
import oss.analysis.AnalyzeOptions;
import oss.analysis.Analyzer;
import oss.runtime.explore.ExploreOptions;
import oss.runtime.observe.RunOptions;

/** A source text with a {@code |} caret marker: the text without it and the caret's LSP position. */
record Cursor(String text, Position pos) {
    static final String URI = "file:///test.oss";

    static Cursor of(String marked) {
        int at = marked.indexOf('|');
        if (at < 0) {
            throw new IllegalArgumentException("no | in the text");
        }
        String before = marked.substring(0, at);
        int line = (int) before.chars().filter(c -> c == '\n').count();
        int col = at - (before.lastIndexOf('\n') + 1);
        return new Cursor(before + marked.substring(at + 1), new Position(line, col));
    }

    /** The fast tier's document. */
    OssDocument doc() {
        return doc(text);
    }

    /** The document after the deep tier ran. */
    OssDocument analysed() {
        return analysed(text);
    }

    static OssDocument doc(String text) {
        return new OssDocument(URI, 1, text, Compiler.compile("test.oss", text));
    }

    static OssDocument analysed(String text) {
        OssDocument d = doc(text);
        d.analysed(Analyzer.analyze("test.oss", text, new AnalyzeOptions(RunOptions.defaults().withMaxEvents(200_000),
                ExploreOptions.defaults().withMaxStates(100_000).withMaxSeconds(10))));
        return d;
    }
}
