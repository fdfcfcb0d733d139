package oss.analysis.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oss.analysis.grading.CheckOutcome.Status;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.assign.Check;
import oss.ir.program.Span;

/**
 * The checks judged on the submission's syntax tree, next to the starter's: {@code require count},
 * {@code forbid} and {@code unchanged}. They need no run, so they are judged even when the
 * submission does not compile, as long as it parses.
 */
final class Structure {
    /** Differences, names or places listed in one message at most; the rest are counted. */
    static final int MAX_LISTED = 5;

    private final Compilation own;
    private final Optional<String> starterText;
    private Optional<Compilation> starter;

    Structure(Compilation own, Optional<String> starterText) {
        this.own = own;
        this.starterText = starterText == null ? Optional.empty() : starterText;
    }

    CheckOutcome judge(Check c, String file) {
        if (own.ast().isEmpty()) {
            return new CheckOutcome(c, Status.FAILED, "your file could not be read as a scenario, so this was not"
                    + " checked", Optional.empty());
        }
        if (c instanceof Check.Count k) {
            return count(k, file);
        }
        if (c instanceof Check.Forbid f) {
            return forbid(f, file);
        }
        if (c instanceof Check.Unchanged u) {
            return unchanged(u, file);
        }
        return SubmissionJudge.oopsOutcome(c, "no judge for this kind of check");
    }

    private Optional<Compilation> starter() {
        if (starter == null) {
            starter = starterText.map(t -> Compiler.compile("starter.oss", t)).filter(s -> s.ast().isPresent());
        }
        return starter;
    }

    private static CheckOutcome noStarter(Check c) {
        return new CheckOutcome(c, Status.UNDECIDED, "oss could not read the assignment's starter, so this check"
                + " could not be judged; this is a problem in the assignment, not in your submission", Optional.empty());
    }

    // ------------------------------------------------------------ require count

    private CheckOutcome count(Check.Count k, String file) {
        Inventory mine = new Inventory(own.ast().get());
        long have = mine.count(k.kind(), k.name());
        long bound = k.offset();
        long starterHas = 0;
        if (k.fromStarter()) {
            if (starter().isEmpty()) {
                return noStarter(k);
            }
            starterHas = new Inventory(starter().get().ast().get()).count(k.kind(), k.name());
            if (starterHas < 0) {
                return noStarter(k);
            }
            bound = starterHas + k.offset();
        }
        String what = plural(k.kind()) + k.name().map(n -> " named " + n).orElse("");
        if (have < 0) {
            return new CheckOutcome(k, Status.FAILED, "the number of your " + what + " is not a constant, so it"
                    + " could not be counted", Optional.empty());
        }
        String wants = "this test wants " + wanted(k, bound, starterHas);
        String yours = "you have " + have + " " + (have == 1 ? singular(k.kind()) : plural(k.kind()))
                + k.name().map(n -> " named " + n).orElse("") + listing(mine.items(k.kind(), k.name()));
        boolean holds = k.op().test(have, bound);
        Span at = mine.items(k.kind(), k.name()).stream().map(Inventory.Item::span).findFirst().orElse(Span.NONE);
        return new CheckOutcome(k, holds ? Status.HELD : Status.FAILED, (holds ? "" : place(file, at)) + yours + "; "
                + wants, Optional.empty());
    }

    private static String wanted(Check.Count k, long bound, long starterHas) {
        String op = switch (k.op()) {
            case EQ -> "exactly ";
            case NE -> "any number but ";
            case LT -> "fewer than ";
            case LE -> "at most ";
            case GT -> "more than ";
            case GE -> "at least ";
        };
        if (!k.fromStarter()) {
            return op + bound;
        }
        if (k.offset() == 0) {
            return op + "the starter's " + starterHas;
        }
        long n = Math.abs(k.offset());
        return op + n + (k.offset() > 0 ? " more" : " fewer") + " than the starter's " + starterHas + " (" + bound + ")";
    }

    /** " (`room` at 3:3, `extra` at 4:3)", with the instances of an array: " (`philosopher` ×5 at 8:3)". */
    private static String listing(List<Inventory.Item> items) {
        if (items.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_LISTED, items.size()); i++) {
            Inventory.Item it = items.get(i);
            parts.add("`" + it.name() + "`" + (it.instances() != 1 ? " ×" + it.instances() : "") + " at " + it.span().line()
                    + ":" + it.span().column());
        }
        if (items.size() > MAX_LISTED) {
            parts.add("and " + (items.size() - MAX_LISTED) + " more");
        }
        return " (" + String.join(", ", parts) + ")";
    }

    static String singular(String kind) {
        return switch (kind) {
            case "int" -> "shared int variable";
            case "expect" -> "expect line";
            case "semset" -> "semaphore set";
            default -> kind;
        };
    }

    static String plural(String kind) {
        return switch (kind) {
            case "process" -> "processes";
            case "mutex" -> "mutexes";
            case "library" -> "libraries";
            case "int" -> "shared int variables";
            case "expect" -> "expect lines";
            case "semset" -> "semaphore sets";
            default -> kind + "s";
        };
    }

    // ------------------------------------------------------------ forbid

    private CheckOutcome forbid(Check.Forbid f, String file) {
        Inventory mine = new Inventory(own.ast().get());
        List<Inventory.Use> found = new ArrayList<>();
        for (String word : f.kinds()) {
            found.addAll(mine.uses(word));
        }
        if (found.isEmpty()) {
            return new CheckOutcome(f, Status.HELD, "no " + String.join(", ", f.kinds().stream()
                    .map(w -> "`" + w + "`").toList()) + " in your file", Optional.empty());
        }
        found.sort(java.util.Comparator.comparingInt((Inventory.Use u) -> u.span().line())
                .thenComparingInt(u -> u.span().column()));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_LISTED, found.size()); i++) {
            Inventory.Use u = found.get(i);
            lines.add(place(file, u.span()) + "`" + u.word() + "` at " + u.span().line() + ":" + u.span().column()
                    + " is not allowed here");
        }
        if (found.size() > MAX_LISTED) {
            lines.add("... and " + (found.size() - MAX_LISTED) + " more uses of what this test forbids");
        }
        return new CheckOutcome(f, Status.FAILED, String.join("\n", lines), Optional.empty());
    }

    // ------------------------------------------------------------ unchanged

    private CheckOutcome unchanged(Check.Unchanged u, String file) {
        if (starter().isEmpty() || starter().get().parsed().isEmpty() || own.parsed().isEmpty()) {
            return starter().isEmpty() ? noStarter(u) : SubmissionJudge.oopsOutcome(u, "the tokens were not kept");
        }
        Map<String, Pieces.Part> theirs = Pieces.of(starter().get().ast().get(), starter().get().parsed().get().tokens());
        Map<String, Pieces.Part> mine = Pieces.of(own.ast().get(), own.parsed().get().tokens());
        List<Changes.Difference> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Check.Target t : u.targets()) {
            all.addAll(Changes.of(theirs, mine, t));
            names.add(t.kind().name().toLowerCase(java.util.Locale.ROOT) + t.name().map(n -> " " + n).orElse(""));
        }
        if (all.isEmpty()) {
            return new CheckOutcome(u, Status.HELD, String.join(", ", names) + ": as in the starter", Optional.empty());
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_LISTED, all.size()); i++) {
            Changes.Difference d = all.get(i);
            lines.add(place(file, d.at()) + d.text());
        }
        if (all.size() > MAX_LISTED) {
            lines.add("... and " + (all.size() - MAX_LISTED) + " more differences (" + all.size() + " in all)");
        }
        return new CheckOutcome(u, Status.FAILED, (all.size() == 1 ? "" : all.size() + " differences from the"
                + " starter:\n") + String.join("\n", lines), Optional.empty());
    }

    private static String place(String file, Span at) {
        return at.isKnown() ? file + ":" + at.line() + ":" + at.column() + ": " : "";
    }
}
