package oss.lsp.services;

import java.util.Optional;
import oss.compiler.Compilation;
import oss.compiler.analysis.Analysis;

/**
 * One version of an open document and what oss knows about it: the fast
 * tier's compilation (always there) and, once the deep tier has run for
 * this version, the full analysis (run, exploration, expectations). The
 * services read it; they never compute the analysis themselves.
 */
public final class OssDocument {
    private final String uri;
    private final int version;
    private final String text;
    private final Compilation compilation;
    private volatile Analysis analysis;

    public OssDocument(String uri, int version, String text, Compilation compilation) {
        this.uri = uri;
        this.version = version;
        this.text = text;
        this.compilation = compilation;
    }

    public String uri() {
        return uri;
    }

    public int version() {
        return version;
    }

    public String text() {
        return text;
    }

    public Compilation compilation() {
        return compilation;
    }

    /** The deep tier's analysis of exactly this version, once it has finished. */
    public Optional<Analysis> analysis() {
        return Optional.ofNullable(analysis);
    }

    public void analysed(Analysis a) {
        this.analysis = a;
    }
}
