package oss.grader.autograder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for oss.jar in the scripts' tests: records its command line beside the results and
 * does what {@code FAKE_OSS} says, so each path of a script runs without grading anything.
 * {@code write}: a results file and exit 0; {@code none}: exit 0 with no results; {@code assignment}:
 * exit 1 after a diagnostic of the assignment, as oss grade prints one; {@code jvm}: exit 1 as the
 * JVM fails to start; a number: that exit code, after a stack trace as a crash would print.
 */
public final class FakeOss {
    private FakeOss() {}

    public static void main(String[] args) throws IOException {
        String what = System.getenv().getOrDefault("FAKE_OSS", "write");
        if (args.length < 5) {
            return; // setup.sh's warm-up grade, with no output option
        }
        Path out = Path.of(args[args.length - 1]);
        boolean gradescope = args[args.length - 2].equals("--gradescope");
        Path results = gradescope ? out.resolve("results.json") : out;
        Files.createDirectories(results.getParent());
        Files.writeString(results.resolveSibling("argv.txt"), String.join("\n", args) + "\n");
        switch (what) {
            case "write" -> Files.writeString(results, "{\"score\": 4.0, \"from\": \"oss\"}\n");
            case "none" -> System.exit(0);
            case "assignment" -> {
                System.err.println(args[1] + ":1:1: error[OSS1601]: this is a scenario, not an assignment");
                System.exit(1);
            }
            case "jvm" -> {
                System.err.println("Error: Invalid or corrupt jarfile oss.jar");
                System.exit(1);
            }
            default -> {
                new IllegalStateException("boom").printStackTrace();
                System.exit(Integer.parseInt(what));
            }
        }
    }
}
