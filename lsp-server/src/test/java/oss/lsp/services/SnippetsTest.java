package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import oss.compiler.parse.OssParsing;
import oss.compiler.parse.ParseResult;

/**
 * Every VS Code snippet, its placeholders filled with their defaults (the first choice of a
 * choice), parses cleanly: a snippet that inserts broken text would teach the wrong syntax.
 */
class SnippetsTest {
    static final Path SNIPPETS = Path.of("..", "vscode-extension", "snippets", "oss.json");

    static String expand(String body) {
        String s = body.replaceAll("\\$\\{\\d+\\|([^,|]*)[^}]*\\}", "$1");
        s = s.replaceAll("\\$\\{\\d+:([^}]*)\\}", "$1");
        return s.replaceAll("\\$\\d+", "");
    }

    @TestFactory
    Stream<DynamicTest> everySnippetParses() throws Exception {
        JsonObject all = JsonParser.parseString(Files.readString(SNIPPETS)).getAsJsonObject();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : all.entrySet()) {
            StringBuilder body = new StringBuilder();
            for (JsonElement line : e.getValue().getAsJsonObject().getAsJsonArray("body")) {
                body.append(line.getAsString()).append('\n');
            }
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                String text = expand(body.toString());
                if (!text.startsWith("scenario")) {
                    text = "scenario \"s\" {\n  int n = 0\n  process p {\n" + text + "\n  }\n}\n";
                }
                ParseResult r = OssParsing.parse(text);
                assertTrue(r.clean(), e.getKey() + " does not parse:\n" + text + r.diagnostics());
            }));
        }
        assertTrue(tests.size() >= 6);
        return tests.stream();
    }
}
