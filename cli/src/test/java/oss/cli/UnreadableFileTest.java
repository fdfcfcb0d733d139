package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command reads its files through SourceFile, and says why one cannot be read in the same words. */
class UnreadableFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "explore", "check", "fmt"})
    void aMissingFileADirectoryAndBadBytesAreOneLineAndExitTwo(String command) throws Exception {
        Path missing = dir.resolve("none.oss");
        Path directory = Files.createDirectory(dir.resolve("dir.oss"));
        Path latin1 = Files.write(dir.resolve("latin1.oss"), new byte[] {'s', 'c', 'e', 'n', (byte) 0xe9, '\n'});
        assertUnreadable(CliTest.oss(command, missing.toString()), missing + ": no such file");
        assertUnreadable(CliTest.oss(command, directory.toString()), directory + ": is a directory, not a .oss file");
        assertUnreadable(CliTest.oss(command, latin1.toString()), latin1 + ": not UTF-8 text");
    }

    @Test
    void aScheduleFileIsReadTheSameWay() throws Exception {
        Path latin1 = Files.write(dir.resolve("s.txt"), new byte[] {'p', 'i', 'd', (byte) 0xff, '\n'});
        assertUnreadable(CliTest.oss("run", CliTest.EXAMPLES + "two-locks-opposite.oss", "--schedule", latin1.toString()),
                latin1 + ": not UTF-8 text");
    }

    private static void assertUnreadable(CliTest.Outcome o, String why) {
        assertEquals(Main.USAGE, o.code(), o.out() + o.err());
        assertEquals("oss: " + why, o.err().strip());
    }
}
