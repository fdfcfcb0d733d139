package oss.grader.autograder;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The oss.jar a package ships: the jar this code runs from, so that the graders run exactly the
 * oss that packaged them. From classes on disk (the tests, an IDE) there is no such jar: the
 * {@code oss.jar} system property or the {@code OSS_JAR} environment variable names one.
 */
public final class RunningJar {
    public static final String PROPERTY = "oss.jar";
    public static final String ENV = "OSS_JAR";

    private RunningJar() {}

    /** The jar to ship, checked to be a runnable jar (a manifest with a Main-Class). */
    public static Path find() throws Unpackable {
        Optional<Path> named = named();
        Path jar = named.isPresent() ? named.get() : running().orElseThrow(() -> new Unpackable(
                "oss is not running from oss.jar (classes from a directory), so there is no jar to put in the"
                        + " package: run it as `./oss grade ...` (cli/target/oss.jar), or name the jar with -D"
                        + PROPERTY + "=PATH or " + ENV + "=PATH"));
        return checked(jar);
    }

    private static Optional<Path> named() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        return p == null || p.isBlank() ? Optional.empty() : Optional.of(Path.of(p));
    }

    private static Optional<Path> running() {
        CodeSource cs = RunningJar.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(cs.getLocation().toURI());
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Path checked(Path jar) throws Unpackable {
        if (!Files.isRegularFile(jar)) {
            throw new Unpackable(jar + ": no such jar (from -D" + PROPERTY + " or " + ENV + ")");
        }
        try (JarFile f = new JarFile(jar.toFile())) {
            Manifest m = f.getManifest();
            if (m == null || m.getMainAttributes().getValue("Main-Class") == null) {
                throw new Unpackable(jar + ": not a runnable jar (no Main-Class in its manifest): give oss.jar");
            }
        } catch (IOException e) {
            throw new Unpackable(jar + ": not a jar (" + e.getMessage() + ")");
        }
        return jar;
    }
}
