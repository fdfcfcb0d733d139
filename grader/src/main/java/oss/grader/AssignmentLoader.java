package oss.grader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.analysis.grading.SubmissionJudge;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.assign.Assignment;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.program.Span;

/**
 * Reads an assignment for grading: the file (bounded like any file oss reads), its checks, its
 * starter next to it (OSS1602) and its tests against the starter (OSS1603). An assignment with an
 * error grades nobody: every student would be graded by a wrong test.
 */
public final class AssignmentLoader {
    /** The most oss reads of an assignment or a starter: as {@code oss check} of any file. */
    public static final int MAX_BYTES = 8 << 20;

    private AssignmentLoader() {}

    /** A file's findings, to print compiler-style with its own text. */
    public record FileDiagnostics(Path path, String text, List<Diagnostic> diagnostics) {
        public FileDiagnostics {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * What loading found: every file's findings (the assignment's first, then the starter's), and
     * the assignment when none of them is an error.
     */
    public record Loading(List<FileDiagnostics> files, Optional<LoadedAssignment> assignment) {
        public Loading {
            files = List.copyOf(files);
        }
    }

    /** The assignment file itself cannot be read: an I/O error, before anything is graded. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    public static Loading load(Path path) throws Unreadable {
        String text = read(path);
        Compilation c = Compiler.compile(path.toString(), text);
        List<Diagnostic> diags = new ArrayList<>(c.diagnostics());
        if (!c.isAssignment() && c.ast().isPresent()) {
            diags.add(0, Diagnostic.of(Code.BAD_ASSIGNMENT, new Span(1, 1, 1, 1), "this is a scenario, not an"
                    + " assignment: oss grade wants a file of the form `assignment \"title\" { ... }`"
                    + " (docs/grading.md)"));
        }
        if (hasErrors(diags) || c.assignment().isEmpty()) {
            return new Loading(List.of(new FileDiagnostics(path, text, diags)), Optional.empty());
        }
        Assignment a = c.assignment().get();
        List<FileDiagnostics> files = new ArrayList<>();
        Optional<String> starterText = Optional.empty();
        if (a.starter().isPresent()) {
            String name = a.starter().get();
            Path starter = (path.getParent() == null ? Path.of(".") : path.getParent()).resolve(name);
            try {
                String st = read(starter);
                Compilation sc = Compiler.compile(starter.toString(), st);
                if (sc.hasErrors() || sc.isAssignment()) {
                    diags.add(Diagnostic.of(Code.STARTER_UNUSABLE, a.starterSpan(), "the starter " + name
                            + (sc.isAssignment() ? " is an assignment, not a scenario"
                            : " does not compile; its errors are listed under it")));
                    files.add(new FileDiagnostics(starter, st, sc.diagnostics().stream()
                            .filter(Diagnostic::isError).toList()));
                } else {
                    starterText = Optional.of(st);
                    diags.addAll(SubmissionJudge.checkAgainstStarter(a, name, st));
                }
            } catch (Unreadable e) {
                diags.add(Diagnostic.of(Code.STARTER_UNUSABLE, a.starterSpan(), "the starter cannot be read: "
                        + e.getMessage()));
            }
        }
        diags.sort(Diagnostic.BY_POSITION);
        files.add(0, new FileDiagnostics(path, text, diags));
        boolean errors = hasErrors(diags) || files.stream().anyMatch(f -> hasErrors(f.diagnostics()));
        return new Loading(files, errors ? Optional.empty()
                : Optional.of(new LoadedAssignment(path, text, a, starterText)));
    }

    private static boolean hasErrors(List<Diagnostic> ds) {
        return ds.stream().anyMatch(Diagnostic::isError);
    }

    private static String read(Path path) throws Unreadable {
        if (Files.isDirectory(path)) {
            throw new Unreadable(path + ": is a directory, not a .oss file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return TextFiles.read(in, MAX_BYTES);
        } catch (NoSuchFileException e) {
            throw new Unreadable(path + ": no such file");
        } catch (IOException e) {
            throw new Unreadable(path + ": cannot read (" + e.getMessage() + ")");
        } catch (Rejection r) {
            throw new Unreadable(path + ": " + r.getMessage().replace("the assignment's budget `size`",
                    "the most oss reads of one file"));
        }
    }
}
