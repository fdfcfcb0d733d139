package oss.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import oss.compiler.Compilation;
import oss.compiler.Compiler;

/**
 * The compilation of the file a short `oss run FILE` or `oss check FILE` names, started on a
 * second thread before picocli builds the command line. Building it (reflection over the
 * commands' annotations, interpreted, once per JVM) and compiling the file (ANTLR's tables,
 * likewise) are each about a third of such a command's start; on two cores they overlap.
 *
 * <p>Only a guess: the command still reads the file itself, and {@link #take} hands the
 * compilation over only when it was made from exactly that name and text, so what the command
 * prints cannot depend on whether the guess was made, or right. Compiling is a function of the
 * name and the text alone. Only regular files are read ahead (a FIFO's data is the command's).
 */
final class Prefetch {
    private record Made(String name, String text, Compilation compilation) {}

    private static volatile CompletableFuture<Made> pending;

    private Prefetch() {}

    /** Starts compiling the first {@code .oss} argument of a run or check, if it is a regular file. */
    static void start(String[] args) {
        if (args.length < 2 || !(args[0].equals("run") || args[0].equals("check"))) {
            return;
        }
        String file = null;
        for (int i = 1; i < args.length && file == null; i++) {
            if (args[i].endsWith(".oss") && !args[i].startsWith("-")) {
                file = args[i];
            }
        }
        if (file == null) {
            return;
        }
        Path path = Path.of(file);
        CompletableFuture<Made> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                if (!Files.isRegularFile(path)) {
                    f.complete(null);
                    return;
                }
                Optional<SourceFile> s = SourceFile.read(path, new PrintWriter(new StringWriter()));
                f.complete(s.map(src -> new Made(src.name(), src.text(), Compiler.compile(src.name(), src.text())))
                        .orElse(null));
            } catch (Throwable e) {
                // the command compiles the file itself and reports what went wrong
                f.complete(null);
            }
        }, "oss-prefetch");
        t.setDaemon(true);
        pending = f;
        t.start();
    }

    /**
     * The compilation made ahead of {@code text} under {@code name}, waiting for it at most
     * {@code seconds}; empty when none was started, it was of another file or text, or it is
     * not ready in time (the caller then compiles, within its own budget).
     */
    static Optional<Compilation> take(String name, String text, double seconds) {
        CompletableFuture<Made> f = pending;
        pending = null;
        if (f == null) {
            return Optional.empty();
        }
        try {
            Made m = f.get(Math.max(0, (long) (seconds * 1000)), TimeUnit.MILLISECONDS);
            return m != null && m.name().equals(name) && m.text().equals(text) ? Optional.of(m.compilation())
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }
}
