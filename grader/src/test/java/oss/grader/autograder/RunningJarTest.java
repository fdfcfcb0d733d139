package oss.grader.autograder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tests run from classes in a directory: there is no running jar unless one is named. */
class RunningJarTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty(RunningJar.PROPERTY);
    }

    @Test
    void fromClassesOnDiskTheMessageSaysWhatToDo() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(RunningJar.ENV) == null);
        Unpackable e = assertThrows(Unpackable.class, RunningJar::find);
        assertTrue(e.getMessage().contains("not running from oss.jar") && e.getMessage().contains("OSS_JAR"),
                e.getMessage());
    }

    @Test
    void aNamedRunnableJarIsTaken() throws Exception {
        Path jar = Fixtures.fakeJar(tmp);
        System.setProperty(RunningJar.PROPERTY, jar.toString());
        assertEquals(jar, RunningJar.find());
    }

    @Test
    void aNamedFileThatIsNoRunnableJarIsRefused() throws Exception {
        System.setProperty(RunningJar.PROPERTY, Files.writeString(tmp.resolve("x.jar"), "text").toString());
        assertThrows(Unpackable.class, RunningJar::find);
        System.setProperty(RunningJar.PROPERTY, tmp.resolve("missing.jar").toString());
        assertThrows(Unpackable.class, RunningJar::find);
    }
}
