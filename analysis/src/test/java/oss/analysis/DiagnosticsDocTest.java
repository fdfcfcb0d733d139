package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;

/** Every stable code has its section in docs/diagnostics.md, and the docs name no code that does not exist. */
class DiagnosticsDocTest {
    @Test
    void docsAndCodesAgree() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "diagnostics.md"));
        Set<String> documented = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^## (OSS\\d{4}) — ").matcher(doc);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> codes = new HashSet<>();
        for (Code c : Code.values()) {
            codes.add(c.id());
            assertTrue(documented.contains(c.id()), c.id() + " (" + c.title() + ") has no section in docs/diagnostics.md");
        }
        for (String d : documented) {
            assertTrue(codes.contains(d), "docs/diagnostics.md documents " + d + ", which no Code has");
        }
        assertTrue(codes.size() == Code.values().length, "two codes share an id");
    }
}
