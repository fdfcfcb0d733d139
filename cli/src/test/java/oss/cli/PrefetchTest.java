package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oss.compiler.Compilation;
import oss.compiler.Compiler;

/** The compilation made ahead is handed over only for exactly the file and text the command read. */
class PrefetchTest {
    @TempDir
    Path dir;

    private static final String TEXT = "scenario \"s\" {\n  mutex m\n  process A {\n    lock m\n    lock m\n  }\n}\n";

    @Test
    void theSameFileAndTextGetTheCompilationCompilingWouldGive() throws Exception {
        Path p = dir.resolve("a.oss");
        Files.writeString(p, TEXT);
        Prefetch.start(new String[] {"run", "--show", "ps", p.toString()});
        Compilation ahead = Prefetch.take(p.toString(), TEXT, 30).orElseThrow();
        Compilation now = Compiler.compile(p.toString(), TEXT);
        assertEquals(now.diagnostics(), ahead.diagnostics());
        assertEquals(now.program().map(Object::toString), ahead.program().map(Object::toString));
        assertTrue(Prefetch.take(p.toString(), TEXT, 30).isEmpty(), "handed over once");
    }

    @Test
    void aFileChangedSinceOrAnotherNameIsCompiledAfresh() throws Exception {
        Path p = dir.resolve("b.oss");
        Files.writeString(p, TEXT);
        Prefetch.start(new String[] {"check", p.toString()});
        assertTrue(Prefetch.take(p.toString(), TEXT.replace("lock m\n  }", "unlock m\n  }"), 30).isEmpty());
        Prefetch.start(new String[] {"check", p.toString()});
        assertTrue(Prefetch.take(dir.resolve("c.oss").toString(), TEXT, 30).isEmpty());
    }

    @Test
    void onlyRunAndCheckOfAnExistingRegularFileAreReadAhead() throws Exception {
        Prefetch.start(new String[] {"fmt", dir.resolve("x.oss").toString()});
        assertTrue(Prefetch.take(dir.resolve("x.oss").toString(), "", 1).isEmpty());
        Prefetch.start(new String[] {"run", dir.toString() + "/missing.oss"});
        assertTrue(Prefetch.take(dir + "/missing.oss", "", 30).isEmpty());
        Path d = Files.createDirectory(dir.resolve("d.oss"));
        Prefetch.start(new String[] {"run", d.toString()});
        assertTrue(Prefetch.take(d.toString(), "", 30).isEmpty());
    }
}
