package oss.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A scenario file read from disk; reading failures become one clear line, never a stack trace. */
record SourceFile(Path path, String text) {

    /**
     * The most oss reads of one file: 8 MiB, hundreds of times the largest scenario a course writes.
     * Beyond it (a huge file, or {@code /dev/zero}, which never ends) reading stops with exit 2
     * instead of filling the JVM's heap.
     */
    static final int MAX_BYTES = 8 << 20;

    private static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /**
     * The scenario at {@code path}; when it cannot be read, one line on {@code err} says why
     * ({@code oss: PATH: why}) and the answer is empty: every command then exits with {@link Main#USAGE}.
     */
    static Optional<SourceFile> read(Path path, PrintWriter err) {
        return text(path, err).map(text -> new SourceFile(path, text));
    }

    /** The UTF-8 text of {@code path} (a scenario, or a schedule for run), reported as {@link #read} does. */
    static Optional<String> text(Path path, PrintWriter err) {
        try {
            return Optional.of(text(path));
        } catch (Unreadable e) {
            err.println("oss: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The UTF-8 text of {@code path}, at most {@link #MAX_BYTES} bytes of it. */
    private static String text(Path path) throws Unreadable {
        try {
            if (Files.isDirectory(path)) {
                throw new Unreadable(path + ": is a directory, not a .oss file");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw new Unreadable(path + ": larger than 8 MiB, the most oss reads of one file (a scenario is"
                        + " usually a few KiB; is this the right file?)");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new Unreadable(path + ": no such file");
        } catch (CharacterCodingException e) {
            throw new Unreadable(path + ": not UTF-8 text");
        } catch (IOException e) {
            throw new Unreadable(path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    String name() {
        return path.toString();
    }

    List<String> lines() {
        return text.lines().toList();
    }
}
