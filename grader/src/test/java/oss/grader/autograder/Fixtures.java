package oss.grader.autograder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** What the packages' tests share: the small assignment of the test resources, and a runnable jar of {@link FakeOss}. */
final class Fixtures {
    static final Path TWO_LOCKS = Path.of("src/test/resources/autograder/two-locks");

    private Fixtures() {}

    static AssignmentFiles twoLocks() throws Exception {
        return AssignmentFiles.of(TWO_LOCKS.resolve("assignment.oss"),
                Files.readString(TWO_LOCKS.resolve("assignment.oss")), Optional.of("starter.oss"),
                Optional.of(Files.readString(TWO_LOCKS.resolve("starter.oss"))));
    }

    /** A jar whose Main-Class is {@link FakeOss}: what the scripts run as oss.jar. */
    static Path fakeJar(Path dir) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeOss.class.getName());
        Path jar = dir.resolve("fake-oss.jar");
        String cls = FakeOss.class.getName().replace('.', '/') + ".class";
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, m);
             InputStream in = FakeOss.class.getClassLoader().getResourceAsStream(cls)) {
            j.putNextEntry(new JarEntry(cls));
            in.transferTo(j);
            j.closeEntry();
        }
        return jar;
    }

    /** Runs a script with bash and one more environment variable; its exit code. */
    static int bash(Path script, String var, String value, String fake) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().put(var, value);
        pb.environment().put("FAKE_OSS", fake);
        pb.environment().remove("OSS_JAVA_OPTS");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + " did not finish in 60 s");
        }
        return p.exitValue();
    }
}
