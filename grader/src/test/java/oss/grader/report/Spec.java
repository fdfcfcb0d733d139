package oss.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Set;

/** A published field list: each field's JSON type, and the fields a writer must always give. */
record Spec(String what, Map<String, Type> fields, Set<String> required) {
    enum Type { NUMBER, STRING, BOOLEAN, ARRAY, OBJECT, STRING_OR_ARRAY }

    /** Every field of {@code o} is in the list with its type, and every required one is there. */
    void check(JsonObject o) {
        for (String k : o.keySet()) {
            Type t = fields.get(k);
            if (t == null) {
                fail(what + ": field \"" + k + "\" is not in the published list " + fields.keySet());
            }
            assertTrue(is(o.get(k), t), what + "." + k + " should be a " + t + ", is " + o.get(k));
        }
        for (String k : required) {
            assertTrue(o.has(k), what + " lacks \"" + k + "\": " + o);
        }
    }

    /** The value of {@code o.k} is one of the published words. */
    static void word(JsonObject o, String k, Set<String> words) {
        assertTrue(words.contains(o.get(k).getAsString()), k + " = " + o.get(k) + " is not one of " + words);
    }

    private static boolean is(JsonElement e, Type t) {
        return switch (t) {
            case NUMBER -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
            case STRING -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
            case BOOLEAN -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean();
            case ARRAY -> e.isJsonArray();
            case OBJECT -> e.isJsonObject();
            case STRING_OR_ARRAY -> e.isJsonArray() || is(e, Type.STRING);
        };
    }

    static void near(double expected, JsonElement actual, String what) {
        assertEquals(expected, actual.getAsDouble(), 1e-9, what);
    }
}
