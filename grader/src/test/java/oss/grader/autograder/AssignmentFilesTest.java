package oss.grader.autograder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the assignment and its starter go in a package, so that the starter's path still leads to it. */
class AssignmentFilesTest {
    private static List<String> paths(AssignmentFiles f) {
        return f.files().stream().map(AssignmentFiles.File::path).toList();
    }

    @Test
    void withoutAStarterTheAssignmentAlone() throws Unpackable {
        AssignmentFiles f = AssignmentFiles.of(Path.of("/c/hw3/hw3.oss"), "text", Optional.empty(), Optional.empty());
        assertEquals("hw3.oss", f.assignment());
        assertEquals(List.of("hw3.oss"), paths(f));
        assertEquals("text", new String(f.files().get(0).content(), StandardCharsets.UTF_8));
    }

    @Test
    void aStarterBesideOrBelowKeepsItsPath() throws Unpackable {
        assertEquals(List.of("a.oss", "starter.oss"), paths(AssignmentFiles.of(Path.of("/c/hw3/a.oss"), "a",
                Optional.of("starter.oss"), Optional.of("s"))));
        assertEquals(List.of("a.oss", "given/start.oss"), paths(AssignmentFiles.of(Path.of("/c/hw3/a.oss"), "a",
                Optional.of("given/./start.oss"), Optional.of("s"))));
        assertEquals(List.of("a.oss", "s.oss"), paths(AssignmentFiles.of(Path.of("/c/hw3/a.oss"), "a",
                Optional.of("given/../s.oss"), Optional.of("s"))));
    }

    @Test
    void aStarterAboveKeepsTheAssignmentsDirectoriesUpToIt() throws Unpackable {
        AssignmentFiles one = AssignmentFiles.of(Path.of("/c/hw3/a.oss"), "a", Optional.of("../starters/s.oss"),
                Optional.of("s"));
        assertEquals("hw3/a.oss", one.assignment());
        assertEquals(List.of("hw3/a.oss", "starters/s.oss"), paths(one));
        AssignmentFiles two = AssignmentFiles.of(Path.of("/c/term/hw3/a.oss"), "a", Optional.of("../../s.oss"),
                Optional.of("s"));
        assertEquals(List.of("term/hw3/a.oss", "s.oss"), paths(two));
    }

    @Test
    void aStarterThatCannotTravelIsRefusedWithWhy() {
        Unpackable abs = assertThrows(Unpackable.class, () -> AssignmentFiles.of(Path.of("/c/a.oss"), "a",
                Optional.of("/etc/s.oss"), Optional.of("s")));
        assertTrue(abs.getMessage().contains("absolute"), abs.getMessage());
        assertThrows(Unpackable.class, () -> AssignmentFiles.of(Path.of("/c/a.oss"), "a",
                Optional.of("../../s.oss"), Optional.of("s")));
    }
}
