package oss.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** A scenario file read from disk; reading failures become one clear line, never a stack trace. */
record SourceFile(Path path, String text) {

    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    static SourceFile read(Path path) throws Unreadable {
        try {
            if (Files.isDirectory(path)) {
                throw new Unreadable(path + ": is a directory, not a .oss file");
            }
            return new SourceFile(path, Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new Unreadable(path + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
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
