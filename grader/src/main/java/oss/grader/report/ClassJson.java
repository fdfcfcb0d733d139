package oss.grader.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import oss.compiler.assign.Visibility;
import oss.grader.ClassResult;

/**
 * {@code oss grade --json [FILE]}: the whole class as graded, every field of {@link ClassResult}
 * in its declaration order (gson writes a record's components in order), tests unredacted: it is
 * the instructor's. A visibility is written as in the assignment file ({@code after_due_date}).
 */
public final class ClassJson {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .registerTypeAdapter(Visibility.class, new VisibilityWords().nullSafe()).create();

    private ClassJson() {}

    public static void write(ClassResult result, java.nio.file.Path file) throws java.io.IOException {
        Written.file(file, render(result));
    }

    public static String render(ClassResult result) {
        return GSON.toJson(result) + "\n";
    }

    private static final class VisibilityWords extends TypeAdapter<Visibility> {
        @Override
        public void write(JsonWriter out, Visibility v) throws IOException {
            out.value(v.word());
        }

        @Override
        public Visibility read(JsonReader in) throws IOException {
            String w = in.nextString();
            for (Visibility v : Visibility.values()) {
                if (v.word().equals(w)) {
                    return v;
                }
            }
            throw new IOException("not a visibility: " + w);
        }
    }
}
