package oss.runtime.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An interleaving as a list of steps: which task takes its next visible
 * step (see {@link oss.ir.program.Visibility}) and at which statement.
 * The explorer produces one for every finding; {@code oss run --schedule}
 * replays it. Text form, one step per line (or separated by commas):
 * {@code pid 3 at 12:5}, with {@code branch 1} appended for a {@code choose} (and for a load
 * under the {@code relaxed} memory model: branch 1 reads the value one store old). Under
 * {@code tso} and {@code relaxed} a step may instead commit a buffered store to memory:
 * {@code pid 3 flush at 12:5} names the store statement whose oldest buffered value is committed.
 * With signals, {@code pid 3 takes SIGUSR1 at 12:5} is the delivery of a pending signal to a task
 * resting at 12:5 (its handler entered, or its default action taken), and {@code pid 3 sleeps at
 * 12:5} a task going to sleep in the call at 12:5, where a handler can interrupt it; {@code pid 3
 * alarm at 12:5} is the task's armed alarm firing (SIGALRM made pending) while it rests at 12:5.
 * Task pids are the run's: init is 1, declared processes 2, 3, ... in order,
 * then tasks get the next pid as they are created.
 */
public record Schedule(List<Step> steps) {
    // Written out: a record's generated equals and hashCode link an invokedynamic call site on first
    // use, spinning method-handle classes that cost every short `oss run` a few milliseconds (Startup).
    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule s && steps.equals(s.steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    /**
     * @param branch for a {@code choose}, the branch taken (0-based); for a load under
     *               {@code relaxed}, 1 when it reads the value one store old; -1 otherwise
     * @param flush  the step commits the task's buffered store made at line:column to memory
     * @param signal the number of the signal the step delivers, or 0
     * @param sleep  the task goes to sleep in its call at line:column
     * @param alarm  the task's alarm fires
     * @param device the path of the device whose next delivery arrives in this step, no task's
     *               ({@code device "/dev/net0" delivers}); null for a task's step
     */
    public record Step(int pid, int line, int column, int branch, boolean flush, int signal, boolean sleep,
            boolean alarm, String device) {
        public Step(int pid, int line, int column, int branch) {
            this(pid, line, column, branch, false, 0, false, false);
        }

        public Step(int pid, int line, int column, int branch, boolean flush) {
            this(pid, line, column, branch, flush, 0, false, false);
        }

        public Step(int pid, int line, int column, int branch, boolean flush, int signal, boolean sleep,
                boolean alarm) {
            this(pid, line, column, branch, flush, signal, sleep, alarm, null);
        }

        /** The next delivery of the device at {@code path}. */
        public static Step delivery(String path) {
            return new Step(0, 0, 0, -1, false, 0, false, false, path);
        }

        // Written out: a record's generated equals and hashCode link an invokedynamic call site on
        // first use, spinning method-handle classes that cost every short `oss run` a few ms (Startup).
        @Override
        public boolean equals(Object o) {
            return o instanceof Step s && pid == s.pid && line == s.line && column == s.column && branch == s.branch
                    && flush == s.flush && signal == s.signal && sleep == s.sleep && alarm == s.alarm
                    && java.util.Objects.equals(device, s.device);
        }

        @Override
        public int hashCode() {
            int h = ((pid * 31 + line) * 31 + column) * 31 + branch;
            h = ((h * 31 + signal) * 31 + (flush ? 1 : 0)) * 4 + (sleep ? 2 : 0) + (alarm ? 1 : 0);
            return h * 31 + java.util.Objects.hashCode(device);
        }

        @Override
        public String toString() {
            if (device != null) {
                return "device \"" + device + "\" delivers";
            }
            String what = flush ? " flush" : signal > 0 ? " takes " + oss.ir.program.Signal.of(signal).map(Enum::name)
                    .orElse(String.valueOf(signal)) : sleep ? " sleeps" : alarm ? " alarm" : "";
            return "pid " + pid + what + " at " + line + ":" + column + (branch >= 0 ? " branch " + branch : "");
        }
    }

    /** "1 step", "2 steps": how many steps, in words a message can use. */
    public static String count(int steps) {
        return steps + (steps == 1 ? " step" : " steps");
    }

    public String format() {
        StringBuilder out = new StringBuilder();
        for (Step s : steps) {
            out.append(s).append('\n');
        }
        return out.toString();
    }

    /**
     * Parses the text form; an empty Optional plus an entry in {@code errors}
     * (with the 1-based line of the schedule text) when a line does not read.
     */
    public static Optional<Schedule> parse(String text, List<String> errors) {
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("[\\r\\n,;]+");
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("device ")) {
                String rest = line.substring("device ".length()).strip();
                if (rest.startsWith("\"") && rest.endsWith("\" delivers") && rest.length() > "\" delivers".length() + 1) {
                    steps.add(Step.delivery(rest.substring(1, rest.length() - "\" delivers".length())));
                } else {
                    errors.add("step " + lineNo + ": `" + line + "` is not `device \"PATH\" delivers`");
                }
                continue;
            }
            String[] w = line.split("\\s+");
            try {
                boolean flush = w.length > 2 && w[2].equals("flush");
                boolean sleep = w.length > 2 && w[2].equals("sleeps");
                boolean alarm = w.length > 2 && w[2].equals("alarm");
                int signal = 0;
                int extra = flush || sleep || alarm ? 1 : 0;
                if (w.length > 3 && w[2].equals("takes")) {
                    signal = oss.ir.program.Signal.named(w[3]).orElseThrow().number();
                    extra = 2;
                }
                if (extra > 0) {
                    String[] rest = new String[w.length - extra];
                    rest[0] = w[0];
                    rest[1] = w[1];
                    System.arraycopy(w, 2 + extra, rest, 2, w.length - 2 - extra);
                    w = rest;
                }
                if (w.length != 4 && w.length != 6 || !w[0].equals("pid") || !w[2].equals("at")
                        || w.length == 6 && !w[4].equals("branch")) {
                    throw new IllegalArgumentException();
                }
                int pid = Integer.parseInt(w[1]);
                String[] lc = w[3].split(":");
                int branch = w.length == 6 ? Integer.parseInt(w[5]) : -1;
                steps.add(new Step(pid, Integer.parseInt(lc[0]), Integer.parseInt(lc[1]), branch, flush, signal, sleep, alarm));
            } catch (RuntimeException e) {
                errors.add("step " + lineNo + ": `" + line + "` is not `pid N [flush | sleeps | alarm | takes SIGNAL] at LINE:COL"
                        + " [branch B]` or `device \"PATH\" delivers`");
            }
        }
        return errors.isEmpty() ? Optional.of(new Schedule(List.copyOf(steps))) : Optional.empty();
    }
}
