package oss.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import oss.analysis.AnalyzeOptions;
import oss.runtime.explore.ExploreOptions;
import oss.runtime.observe.RunOptions;

/**
 * The server's knobs, from initializationOptions or workspace/didChangeConfiguration.
 * Accepted shapes: {@code {"deepBudgetMs": 1000}}, {@code {"oss": {"deepBudgetMs": 1000}}}
 * and {@code {"oss.deepBudgetMs": 1000}}; likewise {@code debounceMs}. Anything else is ignored.
 *
 * @param deepBudgetMs the deep tier's time for exploring interleavings, per analysis
 * @param debounceMs   how long the deep tier waits after the last change before it starts
 * @param maxStates    the deep tier's state budget ({@code {"oss": {"explore": {"maxStates": N}}}},
 *                     as the VS Code extension sends its {@code oss.explore.maxStates} setting)
 */
public record Settings(long deepBudgetMs, long debounceMs, long maxStates) {
    /** The default run's event budget in the deep tier: every example finishes far below it. */
    public static final long DEEP_MAX_EVENTS = 2_000_000;
    /**
     * The exploration's default state budget in the deep tier. Time ({@code deepBudgetMs}) is what keeps
     * it interactive; the states only cap memory (about 50 MB): a tenth of this cut
     * examples/philosophers-room.oss (240,523 states) short and failed its `expect no deadlock`.
     */
    public static final long DEEP_MAX_STATES = 1_000_000;

    public static Settings defaults() {
        return new Settings(1000, 150, DEEP_MAX_STATES);
    }

    /** What {@link oss.analysis.Analyzer} gets in the deep tier under these settings. */
    public AnalyzeOptions analyzeOptions() {
        return new AnalyzeOptions(RunOptions.defaults().withMaxEvents(DEEP_MAX_EVENTS),
                ExploreOptions.defaults().withMaxStates(maxStates).withMaxSeconds(deepBudgetMs / 1000.0));
    }

    /** These settings with whatever {@code json} (a gson tree, or anything else lsp4j hands over) overrides. */
    public Settings with(Object json) {
        if (!(json instanceof JsonObject o)) {
            return this;
        }
        JsonObject scope = o.has("oss") && o.get("oss").isJsonObject() ? o.getAsJsonObject("oss") : o;
        long budget = number(scope, "deepBudgetMs", number(o, "oss.deepBudgetMs", deepBudgetMs));
        long debounce = number(scope, "debounceMs", number(o, "oss.debounceMs", debounceMs));
        JsonObject explore = scope.has("explore") && scope.get("explore").isJsonObject()
                ? scope.getAsJsonObject("explore") : new JsonObject();
        long states = number(explore, "maxStates", number(o, "oss.explore.maxStates", maxStates));
        return new Settings(clamp(budget, 10, 600_000), clamp(debounce, 0, 10_000), clamp(states, 1, 50_000_000));
    }

    private static long number(JsonObject o, String key, long fallback) {
        JsonElement e = o.get(key);
        if (e instanceof JsonPrimitive p && p.isNumber()) {
            double d = p.getAsDouble();
            return Double.isFinite(d) ? (long) d : fallback;
        }
        if (e instanceof JsonPrimitive p && p.isString()) {
            try {
                return Long.parseLong(p.getAsString().trim());
            } catch (NumberFormatException ignored) {
                return fallback;
            }
        }
        return fallback;
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
