package oss.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's layout rules from docs/architecture.md, checked on the sources so that a change
 * that breaks one fails here rather than in a review: the results a run produces (observe) do not
 * depend on the kernel that produces them; subsystems reach the core only through Core; the
 * largest classes stay navigable.
 */
class LayoutTest {
    private static final Path MAIN = Path.of("src/main/java/oss/runtime");

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void observeDoesNotDependOnTheKernel() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path p : sources(MAIN.resolve("observe"))) {
            if (Files.readString(p).contains("oss.runtime.kernel")) {
                offenders.add(p.getFileName().toString());
            }
        }
        assertEquals(List.of(), offenders, "observe must not import the kernel (a package cycle)");
    }

    @Test
    void subsystemsReachTheCoreOnlyThroughCore() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String sub : List.of("locking", "ipc", "signal", "fs", "mm", "deadlock", "sched", "data")) {
            for (Path p : sources(MAIN.resolve("kernel").resolve(sub))) {
                String text = Files.readString(p);
                if (text.contains("import oss.runtime.kernel.Kernel;") || text.contains("oss.runtime.kernel.Kernel.")) {
                    offenders.add(sub + "/" + p.getFileName());
                }
            }
        }
        assertEquals(List.of(), offenders, "a subsystem uses the Kernel class instead of the Core interface");
    }

    @Test
    void everySubsystemHasItsPackage() {
        for (String sub : List.of("sched", "locking", "mm", "ipc", "signal", "fs", "deadlock")) {
            assertTrue(Files.isDirectory(MAIN.resolve("kernel").resolve(sub)), sub);
        }
    }

    @Test
    void theLargestClassesStayNavigable() throws IOException {
        for (String file : List.of("kernel/Kernel.java", "kernel/mm/MemoryManager.java")) {
            long lines = Files.readAllLines(MAIN.resolve(file)).size();
            assertTrue(lines <= 550, file + " has " + lines + " lines; split it along the subsystem it grew by"
                    + " (docs/architecture.md) rather than raising this limit");
        }
        try (Stream<Path> s = Files.walk(MAIN)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("More")).toList(),
                    "a class named More... says where it came from, not what it does");
        }
    }
}
