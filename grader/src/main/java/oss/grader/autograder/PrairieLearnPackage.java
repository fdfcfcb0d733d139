package oss.grader.autograder;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code oss grade --prairielearn-package DIR ASSIGNMENT} (docs/grading.md, "PrairieLearn"): a
 * directory for a course's {@code serverFilesCourse}, which PrairieLearn copies into each grading
 * container as {@code /grade/serverFilesCourse/DIR}. {@code grade.sh} is the question's
 * entrypoint: it grades {@code /grade/student} into {@code /grade/results/results.json}. Beside
 * it oss.jar, the assignment with its starter, and {@code externalGradingOptions.json}: what the
 * question's {@code info.json} needs, with this directory's name in it.
 */
public final class PrairieLearnPackage {
    static final String ENTRY = "grade.sh";
    static final String JAR = "oss.jar";
    static final String OPTIONS = "externalGradingOptions.json";
    /** An image with a Java 17 runtime and bash, from Docker Hub. */
    static final String IMAGE = "eclipse-temurin:17-jre";
    /** Above the budget's time: the JVM's start and reading the files. PrairieLearn allows at most 600 s. */
    static final int MARGIN_SECONDS = 20;
    static final Set<String> RESERVED = Set.of(ENTRY, JAR, OPTIONS);

    private PrairieLearnPackage() {}

    /** What was written: the directory and its files, in the order written. */
    public record Written(Path dir, List<String> files) {}

    /**
     * @param budgetSeconds the assignment's {@code budget time}, for the grading job's timeout
     */
    public static Written write(AssignmentFiles files, String submission, double budgetSeconds, Path jar, Path dir)
            throws Unpackable {
        for (AssignmentFiles.File f : files.files()) {
            if (RESERVED.contains(f.path())) {
                throw new Unpackable("the package needs the name " + f.path() + " for itself: rename that file");
            }
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Unpackable(dir + ": exists and is not a directory");
        }
        Path name = dir.toAbsolutePath().normalize().getFileName();
        if (name == null) {
            throw new Unpackable(dir + ": give the package a directory of its own (its name goes in info.json)");
        }
        String entry = Scripts.render(ENTRY, files.assignment(), GradescopeAutograder.fallback(submission),
                Scripts.Format.PRAIRIELEARN);
        List<String> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            put(dir, ENTRY, entry.getBytes(StandardCharsets.UTF_8));
            Packages.executable(dir.resolve(ENTRY));
            written.add(ENTRY);
            Path tmp = Files.createTempFile(dir, ".oss-", ".jar.part");
            try {
                Files.copy(jar, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Packages.replace(tmp, dir.resolve(JAR));
                tmp = null;
            } finally {
                Packages.deleteQuietly(tmp);
            }
            written.add(JAR);
            for (AssignmentFiles.File f : files.files()) {
                put(dir, f.path(), f.content());
                written.add(f.path());
            }
            put(dir, OPTIONS, options(name.toString(), budgetSeconds).getBytes(StandardCharsets.UTF_8));
            written.add(OPTIONS);
        } catch (IOException e) {
            throw new Unpackable(dir + ": cannot be written (" + e.getMessage() + ")");
        }
        return new Written(dir, written);
    }

    /** The part of a question's info.json that runs this package. */
    static String options(String dirName, double budgetSeconds) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("enabled", true);
        o.put("image", IMAGE);
        o.put("serverFilesCourse", List.of(dirName + "/"));
        o.put("entrypoint", "/grade/serverFilesCourse/" + dirName + "/" + ENTRY);
        o.put("timeout", (int) Math.min(600, Math.ceil(budgetSeconds) + MARGIN_SECONDS));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("gradingMethod", "External");
        info.put("externalGradingOptions", o);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(info) + "\n";
    }

    private static void put(Path dir, String relative, byte[] content) throws IOException {
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".oss-", ".part");
        try {
            Files.write(tmp, content);
            Packages.replace(tmp, target);
            tmp = null;
        } finally {
            Packages.deleteQuietly(tmp);
        }
    }
}
