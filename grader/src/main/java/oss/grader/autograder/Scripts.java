package oss.grader.autograder;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell scripts of the packages, from the templates next to this class. What varies is put
 * in already quoted: the assignment's path as a shell word, and the results a script writes when
 * oss could not (as whole JSON documents, escaped here rather than by a shell on a machine
 * that may have neither python nor jq).
 */
final class Scripts {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Scripts() {}

    /** What a student reads when oss wrote no results: one text per cause, {@code @STATUS@} the exit code. */
    record Fallback(String notOne, String assignmentError, String crashed) {}

    static String render(String template, String assignment, Fallback messages, Format format) {
        return load(template)
                .replace("@ASSIGNMENT@", shellWord(assignment))
                .replace("@NOT_ONE@", shellWord(format.json(messages.notOne())))
                .replace("@ASSIGNMENT_ERROR@", shellWord(format.json(messages.assignmentError())))
                .replace("@CRASHED@", shellWord(format.json(messages.crashed())));
    }

    /** setup.sh: what it grades once, to write the class-data archive (the starter, when there is one). */
    static String renderSetup(String template, AssignmentFiles files, String submission) {
        return load(template)
                .replace("@ASSIGNMENT@", shellWord(files.assignment()))
                .replace("@STARTER@", shellWord(files.starter().orElse("")))
                .replace("@SUBMISSION@", shellWord(submission));
    }

    static String load(String template) {
        try (InputStream in = Scripts.class.getResourceAsStream(template)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + template + " beside " + Scripts.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One word for bash, whatever it holds: single quotes, each {@code '} closed, escaped and reopened. */
    static String shellWord(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The results file a script writes when oss wrote none: each grader's own fields. */
    enum Format {
        /** Gradescope: score 0, the reason as the submission's output (shown to the student). */
        GRADESCOPE {
            @Override
            String json(String message) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("score", 0);
                m.put("output", message);
                m.put("tests", List.of());
                return GSON.toJson(m);
            }
        },
        /** PrairieLearn: not gradable, which neither scores the attempt nor counts it against the student. */
        PRAIRIELEARN {
            @Override
            String json(String message) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("gradable", false);
                m.put("score", 0);
                m.put("message", message);
                m.put("format_errors", List.of(message));
                m.put("tests", List.of());
                return GSON.toJson(m);
            }
        };

        abstract String json(String message);
    }
}
