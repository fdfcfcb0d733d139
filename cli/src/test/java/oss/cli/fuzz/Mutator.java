package oss.cli.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutants of a scenario as a careless or hostile hand would make them: tokens deleted,
 * duplicated, swapped or moved, numbers replaced by edge values (0, -1, 2^63 - 1, 2^63,
 * huge sizes), words replaced by other words of the corpus, line ends turned into CR or CRLF,
 * lines duplicated or dropped. Whitespace and comments are tokens too, so layout is mutated.
 */
final class Mutator {
    private static final Pattern TOKEN = Pattern.compile(
            "//[^\\n\\r]*|/\\*.*?\\*/|\"[^\"\\n]*\"?|0[xX][0-9a-fA-F_]+|[0-9][0-9_]*(\\.[0-9]+)?|[A-Za-z_][A-Za-z0-9_]*"
                    + "|\\r\\n|\\n|\\r|[ \\t]+|\\.\\.|==|!=|<=|>=|.", Pattern.DOTALL);
    static final String[] EDGE_NUMBERS = {"0", "-1", "1", "9223372036854775807", "9223372036854775808",
            "18446744073709551616", "1_000_000_000_000", "2147483648", "4294967296", "281474976710656",
            "0x7fffffffffffffff", "0xffff888000000000", "999999999", "100000", "65", "64", "2.5", "1e9", "00"};
    static final String[] EDGE_UNITS = {"ns", "us", "ms", "s", "cycles", "B", "KiB", "MiB", "GiB", "pages", "GHz", "x"};

    private final List<List<String>> corpus = new ArrayList<>();
    private final List<String> words = new ArrayList<>();

    Mutator(List<String> texts) {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (String t : texts) {
            List<String> tokens = tokens(t);
            corpus.add(tokens);
            for (String tok : tokens) {
                if (Character.isLetter(tok.charAt(0)) || tok.length() == 1 && "{}[]()=,;:+-*/%<>!".contains(tok)) {
                    seen.add(tok);
                }
            }
        }
        words.addAll(seen);
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    int corpusSize() {
        return corpus.size();
    }

    /** A mutant of corpus entry {@code which}: 1 to 4 edits. */
    String mutate(int which, SplittableRandom r) {
        List<String> t = new ArrayList<>(corpus.get(which));
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && !t.isEmpty(); e++) {
            int i = r.nextInt(t.size());
            switch (r.nextInt(12)) {
                case 0, 1 -> t.remove(i);
                case 2 -> t.add(i, t.get(i));
                case 3 -> {
                    int j = r.nextInt(t.size());
                    String x = t.get(i);
                    t.set(i, t.get(j));
                    t.set(j, x);
                }
                case 4, 5 -> {
                    int n = numberNear(t, i);
                    if (n >= 0) {
                        t.set(n, EDGE_NUMBERS[r.nextInt(EDGE_NUMBERS.length)]);
                    }
                }
                case 6 -> t.set(i, words.get(r.nextInt(words.size())));
                case 7 -> t.add(i, words.get(r.nextInt(words.size())));
                case 8 -> {
                    String ending = r.nextBoolean() ? "\r" : "\r\n";
                    t.replaceAll(s -> s.equals("\n") ? ending : s);
                }
                case 9 -> {
                    // a whole line twice, or gone
                    int from = i;
                    while (from > 0 && !t.get(from - 1).equals("\n")) {
                        from--;
                    }
                    int to = i;
                    while (to < t.size() && !t.get(to).equals("\n")) {
                        to++;
                    }
                    List<String> line = new ArrayList<>(t.subList(from, Math.min(t.size(), to + 1)));
                    if (r.nextBoolean()) {
                        t.addAll(from, line);
                    } else {
                        t.subList(from, Math.min(t.size(), to + 1)).clear();
                    }
                }
                case 10 -> {
                    int n = numberNear(t, i);
                    if (n >= 0 && n + 2 < t.size() && t.get(n + 1).isBlank()) {
                        t.set(n + 2, EDGE_UNITS[r.nextInt(EDGE_UNITS.length)]);
                    }
                }
                default -> {
                    // a block wrapped in a loop that nests: repeat N { ... } around one token run
                    t.add(i, r.nextBoolean() ? "repeat " + EDGE_NUMBERS[r.nextInt(EDGE_NUMBERS.length)] + " { "
                            : "for z in 0.." + EDGE_NUMBERS[r.nextInt(EDGE_NUMBERS.length)] + " { ");
                    t.add(Math.min(t.size(), i + 1 + r.nextInt(20)), " }\n");
                }
            }
        }
        return String.join("", t);
    }

    /** The index of a number token at or after {@code i} (wrapping), or -1. */
    private static int numberNear(List<String> t, int i) {
        for (int k = 0; k < t.size(); k++) {
            int j = (i + k) % t.size();
            if (Character.isDigit(t.get(j).charAt(0))) {
                return j;
            }
        }
        return -1;
    }
}
