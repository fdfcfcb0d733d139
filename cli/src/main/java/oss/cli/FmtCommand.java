package oss.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import oss.compiler.format.Formatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "fmt", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Print scenarios in the canonical layout (comments kept).")
final class FmtCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "the .oss files")
    List<Path> files;

    @Option(names = "--check", description = "print nothing; exit 1 when a file is not formatted")
    boolean check;

    @Option(names = {"-w", "--write"}, description = "rewrite the files in place")
    boolean write;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int status = Main.OK;
        for (Path path : files) {
            Optional<SourceFile> read = SourceFile.read(path, err);
            if (read.isEmpty()) {
                status = Main.USAGE;
                continue;
            }
            SourceFile source = read.get();
            Optional<String> formatted = Formatter.format(source.text());
            if (formatted.isEmpty()) {
                err.println("oss: " + path + ": has syntax errors; run 'oss check " + path + "' (file left as it is)");
                status = Math.max(status, Main.FINDINGS);
                continue;
            }
            String text = formatted.get();
            if (check) {
                if (!text.equals(source.text())) {
                    err.println(path + ": not formatted");
                    status = Math.max(status, Main.FINDINGS);
                }
            } else if (write) {
                if (!text.equals(source.text())) {
                    try {
                        // Write beside the file, then move over it: an interrupted write never leaves half a scenario.
                        Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), ".oss-fmt", ".tmp");
                        Files.writeString(tmp, text, StandardCharsets.UTF_8);
                        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        err.println("oss: " + path + ": cannot write (" + e.getMessage() + ")");
                        status = Main.USAGE;
                    }
                }
            } else {
                out.print(text);
            }
        }
        out.flush();
        return status;
    }
}
