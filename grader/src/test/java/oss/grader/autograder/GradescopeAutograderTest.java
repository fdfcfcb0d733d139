package oss.grader.autograder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gradescope zip read back with the JDK's own zip readers (not the writer's code): what its
 * entries are, in which order, with which unix modes and timestamps; that the same inputs give
 * the same bytes; and run_autograder, unzipped with its modes, run on each of its paths against a
 * stand-in oss.jar ({@link FakeOss}).
 */
class GradescopeAutograderTest {
    @TempDir
    Path tmp;

    private Path zip(String name) throws Exception {
        Path jar = Fixtures.fakeJar(tmp);
        Path out = tmp.resolve(name);
        GradescopeAutograder.write(Fixtures.twoLocks(), "locks.oss", jar, out);
        return out;
    }

    @Test
    void entriesAtTheRootInAFixedOrderWithTheFilesAsGiven() throws Exception {
        Path out = zip("a.zip");
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(out.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                names.add(e.getName());
                assertEquals(LocalDateTime.of(1980, 1, 1, 0, 0), e.getTimeLocal(), e.getName());
            }
            assertEquals(List.of("setup.sh", "run_autograder", "oss.jar", "assignment.oss", "starter.oss"), names);
            assertArrayEquals(Files.readAllBytes(Fixtures.TWO_LOCKS.resolve("assignment.oss")),
                    z.getInputStream(z.getEntry("assignment.oss")).readAllBytes());
            assertArrayEquals(Files.readAllBytes(Fixtures.TWO_LOCKS.resolve("starter.oss")),
                    z.getInputStream(z.getEntry("starter.oss")).readAllBytes());
            assertArrayEquals(Files.readAllBytes(tmp.resolve("fake-oss.jar")),
                    z.getInputStream(z.getEntry("oss.jar")).readAllBytes());
            assertEquals(ZipEntry.STORED, z.getEntry("oss.jar").getMethod());
            String run = new String(z.getInputStream(z.getEntry("run_autograder")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(run.startsWith("#!/usr/bin/env bash\n"), run);
            assertTrue(run.contains("\nassignment='assignment.oss'\n"), run);
            assertTrue(run.contains("grade \"$sources/$assignment\" \"$root/submission\" --gradescope \"$results\" 2>\"$errors\""),
                    run);
            assertTrue(!run.contains("@ASSIGNMENT@") && !run.contains("@CRASHED@"), run);
        }
    }

    @Test
    void scriptsAreExecutableAndTheRestReadable() throws Exception {
        Path out = zip("a.zip");
        try (FileSystem fs = FileSystems.newFileSystem(out, Map.of("enablePosixFileAttributes", "true"))) {
            for (String script : List.of("setup.sh", "run_autograder")) {
                assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(fs.getPath(script))), script);
            }
            for (String file : List.of("oss.jar", "assignment.oss", "starter.oss")) {
                assertEquals("rw-r--r--", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(fs.getPath(file))), file);
            }
        }
    }

    @Test
    void theSameInputsGiveTheSameBytes() throws Exception {
        Path a = zip("a.zip");
        Thread.sleep(1100); // a clock in the entries would differ by now (MS-DOS time counts 2 s steps)
        Path other = Files.createDirectory(tmp.resolve("elsewhere"));
        Path b = other.resolve("b.zip");
        GradescopeAutograder.write(Fixtures.twoLocks(), "locks.oss", tmp.resolve("fake-oss.jar"), b);
        Thread.sleep(1100);
        GradescopeAutograder.write(Fixtures.twoLocks(), "locks.oss", tmp.resolve("fake-oss.jar"), b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void anAssignmentCannotTakeTheNamesThePackageNeeds() throws Exception {
        AssignmentFiles clash = AssignmentFiles.of(Path.of("run_autograder"), "x", Optional.empty(),
                Optional.empty());
        Unpackable e = assertThrows(Unpackable.class, () -> GradescopeAutograder.write(clash, "locks.oss",
                Fixtures.fakeJar(tmp), tmp.resolve("x.zip")));
        assertTrue(e.getMessage().contains("run_autograder"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("x.zip")));
    }

    /** Unzips as Gradescope does into ROOT/source (modes kept), with the student's file in ROOT/submission. */
    private Path gradescopeTree() throws Exception {
        Path root = tmp.resolve("autograder");
        Path source = Files.createDirectories(root.resolve("source"));
        Files.createDirectories(root.resolve("submission"));
        Files.copy(Fixtures.TWO_LOCKS.resolve("submissions/right/locks.oss"), root.resolve("submission/locks.oss"));
        try (FileSystem fs = FileSystems.newFileSystem(zip("a.zip"), Map.of("enablePosixFileAttributes", "true"))) {
            try (var entries = Files.newDirectoryStream(fs.getPath("/"))) {
                for (Path p : entries) {
                    Path to = source.resolve(p.getFileName().toString());
                    Files.copy(p, to);
                    Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(p));
                }
            }
        }
        return root;
    }

    @Test
    void setupShFindsJavaAndWritesTheClassDataArchiveFromTheStarter() throws Exception {
        Path root = gradescopeTree();
        String setup = Files.readString(root.resolve("source/setup.sh"));
        assertTrue(setup.contains("\nassignment='assignment.oss'\nstarter='starter.oss'\nsubmission='locks.oss'\n"),
                setup);
        // Java 17 runs these tests: setup.sh installs nothing and goes on to the archive.
        assertEquals(0, Fixtures.bash(root.resolve("source/setup.sh"), "OSS_UNUSED", "", "write"));
        assertTrue(Files.size(root.resolve("source/oss.jsa")) > 0);
    }

    @Test
    void runAutograderGradesTheSubmissionIntoResults() throws Exception {
        Path root = gradescopeTree();
        assertEquals(0, Fixtures.bash(root.resolve("source/run_autograder"), "OSS_AUTOGRADER_ROOT", root.toString(),
                "write"));
        assertEquals("{\"score\": 4.0, \"from\": \"oss\"}\n", Files.readString(root.resolve("results/results.json")));
        assertEquals(List.of("grade", root.resolve("source/assignment.oss").toString(),
                        root.resolve("submission").toString(), "--gradescope", root.resolve("results").toString()),
                Files.readAllLines(root.resolve("results/argv.txt")));
    }

    @Test
    void whenOssCrashesTheResultsSaySoWithScoreZero() throws Exception {
        Path root = gradescopeTree();
        assertEquals(0, Fixtures.bash(root.resolve("source/run_autograder"), "OSS_AUTOGRADER_ROOT", root.toString(),
                "3"));
        JsonObject r = JsonParser.parseString(Files.readString(root.resolve("results/results.json")))
                .getAsJsonObject();
        assertEquals(0.0, r.get("score").getAsDouble());
        assertEquals(0, r.getAsJsonArray("tests").size());
        String output = r.get("output").getAsString();
        assertTrue(output.startsWith("oss stopped (exit code 3) before it wrote your results"), output);
        assertTrue(!output.contains("boom"), "the crash's details are for the instructor: " + output);
    }

    private static String output(Path root) throws Exception {
        return JsonParser.parseString(Files.readString(root.resolve("results/results.json"))).getAsJsonObject()
                .get("output").getAsString();
    }

    @Test
    void anAssignmentErrorAJvmThatFailsAndAMissingResultAreToldApart() throws Exception {
        Path root = gradescopeTree();
        Path run = root.resolve("source/run_autograder");
        Fixtures.bash(run, "OSS_AUTOGRADER_ROOT", root.toString(), "assignment");
        assertTrue(output(root).startsWith("This autograder's assignment has an error"), output(root));
        Fixtures.bash(run, "OSS_AUTOGRADER_ROOT", root.toString(), "jvm");
        assertTrue(output(root).startsWith("oss stopped (exit code 1)"), output(root));
        Fixtures.bash(run, "OSS_AUTOGRADER_ROOT", root.toString(), "none");
        assertTrue(output(root).contains("hand in your locks.oss alone"), output(root));
    }
}
