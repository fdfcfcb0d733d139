package oss.analysis.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.Check;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;

/**
 * The tests' lines that name things, applied to the starter: a test that names a process, a
 * variable or a metric the starter lacks could never hold for a student who kept the starter's
 * names, so it is the author's mistake (OSS1603, at the check's line, with "did you mean").
 */
final class StarterCheck {
    private StarterCheck() {}

    /** Compiler codes that say a name is missing or misspelt, as opposed to a line malformed otherwise. */
    private static final Set<Code> NAME_CODES = Set.of(Code.UNKNOWN_NAME, Code.WRONG_KIND, Code.UNKNOWN_EXPECTATION,
            Code.NOT_AN_ARRAY, Code.INDEX_OUT_OF_RANGE);

    static List<Diagnostic> check(Assignment a, String starterName, String starterText) {
        String name = starterName == null || starterName.isBlank() ? "starter.oss" : starterName;
        Compilation starter = Compiler.compile(name, starterText == null ? "" : starterText);
        List<Diagnostic> errors = starter.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (starter.ast().isEmpty() || !errors.isEmpty()) {
            String why = errors.isEmpty() ? "it is not a scenario" : "it does not compile (" + name + ":"
                    + errors.get(0).span().line() + ":" + errors.get(0).span().column() + ": " + errors.get(0).message()
                    + ")";
            return List.of(Diagnostic.of(Code.STARTER_UNUSABLE, a.starterSpan(), "the starter `" + name
                    + "` cannot be used: " + why));
        }
        List<Diagnostic> out = new ArrayList<>();
        lines(a, name, starterText, starter, out);
        Inventory inv = new Inventory(starter.ast().get());
        for (var test : a.tests()) {
            for (Check c : test.checks()) {
                if (c instanceof Check.Count k && k.name().isPresent() && inv.items(k.kind(), k.name()).isEmpty()) {
                    out.add(lacks(c, name, Structure.singular(k.kind()) + " named `" + k.name().get() + "`",
                            k.name().get(), inv.items(k.kind(), Optional.empty())));
                }
                if (c instanceof Check.Unchanged u) {
                    for (Check.Target t : u.targets()) {
                        if (t.kind() == Check.TargetKind.PROCESS && t.name().isPresent()
                                && inv.items("process", t.name()).isEmpty()) {
                            out.add(lacks(c, name, "process `" + t.name().get() + "`", t.name().get(),
                                    inv.items("process", Optional.empty())));
                        }
                    }
                }
            }
        }
        out.sort(Diagnostic.BY_POSITION);
        return List.copyOf(out);
    }

    private static Diagnostic lacks(Check c, String starter, String what, String word, List<Inventory.Item> have) {
        Optional<String> guess = Suggest.closest(word, have.stream().map(Inventory.Item::name).toList());
        return Diagnostic.of(Code.CHECK_NOT_APPLICABLE, c.span(), "`" + c.text() + "` does not apply to the starter `"
                + starter + "`: it has no " + what + guess.map(g -> "; did you mean `" + g + "`?").orElse(""));
    }

    /** The tests' {@code expect} lines, and a line standing for each {@code predict}, compiled into the starter. */
    private static void lines(Assignment a, String name, String text, Compilation starter, List<Diagnostic> out) {
        List<Injection.Wanted> wanted = new ArrayList<>();
        for (int t = 0; t < a.tests().size(); t++) {
            List<Check> checks = a.tests().get(t).checks();
            for (int i = 0; i < checks.size(); i++) {
                Check c = checks.get(i);
                if (c instanceof Check.Expect e) {
                    wanted.add(new Injection.Wanted(t, i, e.expect()));
                } else if (c instanceof Check.Predict p && standIn(p).isPresent()) {
                    wanted.add(new Injection.Wanted(t, i, standIn(p).get()));
                }
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Optional<Injection> inj = Injection.of(text, starter.ast().get(), wanted);
        if (inj.isEmpty()) {
            return;
        }
        Compilation c = Compiler.compile(name, inj.get().text());
        Set<List<Integer>> said = new java.util.HashSet<>(); // membership only: order comes from the diagnostics
        for (Diagnostic d : c.diagnostics()) {
            if (!d.isError()) {
                continue;
            }
            Optional<Injection.Line> line = inj.get().at(d.span().line());
            if (line.isEmpty()) {
                continue;
            }
            Check check = a.tests().get(line.get().test()).checks().get(line.get().check());
            boolean predict = check instanceof Check.Predict;
            // a stand-in's value is made up: only what it names counts against the test
            if ((predict && !NAME_CODES.contains(d.code())) || !said.add(List.of(line.get().test(), line.get().check()))) {
                continue;
            }
            out.add(Diagnostic.of(Code.CHECK_NOT_APPLICABLE, check.span(), "`" + check.text()
                    + "` does not apply to the starter `" + name + "`: " + d.message()));
        }
    }

    /** An {@code expect} line about the same subject, for the compiler to check its names; empty when any starter will do. */
    static Optional<String> standIn(Check.Predict p) {
        if (p.metric().isPresent()) {
            return Optional.of("expect " + p.subject() + "." + p.metric().get() + " == 0");
        }
        return switch (p.subject()) {
            case "deadlock" -> Optional.empty();
            case "finish_order" -> Optional.empty();
            case "safe", "unsafe", "safe_sequence" -> Optional.of("expect safe");
            case "granted", "denied" -> Optional.of("expect granted");
            case "leaks" -> Optional.of("expect no leaks");
            case "zombies" -> Optional.of("expect no zombies");
            default -> Optional.of("expect " + p.subject() + " == 0");
        };
    }
}
