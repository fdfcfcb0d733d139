package oss.grader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import oss.analysis.AnalyzeOptions;
import oss.analysis.grading.Judgement;
import oss.analysis.grading.SubmissionJudge;
import oss.compiler.assign.Assignment;
import oss.ir.Deadline;
import oss.ir.diag.Code;

/**
 * Grades a class: every submission on a worker thread of its own, {@code jobs} at a time, each
 * within the assignment's budgets. Steps, states and memory are counted by the simulator
 * ({@code options}); the wall-time budget is the {@link Deadline} each worker opens; and a
 * submission that outlives even that by a wide margin is given up on (its thread is abandoned, as
 * a daemon) so that no submission can stall the class. Whatever one submission throws, a
 * {@link StackOverflowError} or an {@link OutOfMemoryError} included, is its result alone.
 *
 * <p>One that ran short of the Java heap while others were being graded is graded again at the
 * end, alone: the heap is shared, and its result should not depend on what ran beside it.
 */
public final class Grader {
    /** How {@code oss grade} and the Deadline's message tell an instructor to give more time. */
    public static final String TIME_OPTION = "the assignment's `budget { time S }`";

    private final LoadedAssignment loaded;
    private final Judge judge;
    private final AnalyzeOptions options;
    private final int jobs;

    /**
     * @param options the simulator's budgets for one submission ({@code SubmissionJudge.options})
     * @param jobs    submissions graded at once, at least 1
     */
    public Grader(LoadedAssignment loaded, Judge judge, AnalyzeOptions options, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
        }
        this.loaded = loaded;
        this.judge = judge;
        this.options = options;
        this.jobs = jobs;
    }

    /** The grader oss uses: {@code SubmissionJudge}, with the simulator's budgets from the assignment's. */
    public static Grader standard(LoadedAssignment loaded, int jobs) {
        return new Grader(loaded, SubmissionJudge::judge, SubmissionJudge.options(loaded.assignment().budget()), jobs);
    }

    /** Told of each student as they are graded, in the order they finish (for a progress line). */
    @FunctionalInterface
    public interface Progress {
        void graded(StudentResult result, int done, int total);

        Progress NONE = (r, d, t) -> {};
    }

    /** The class, students sorted by name and then file, and its summary. */
    public ClassResult grade(List<Submission> submissions, Progress progress) {
        int n = submissions.size();
        StudentResult[] results = new StudentResult[n];
        boolean[] heap = new boolean[n];
        BlockingQueue<Integer> finished = new LinkedBlockingQueue<>();
        List<Worker> running = new ArrayList<>();
        int next = 0;
        int done = 0;
        while (done < n) {
            while (next < n && running.size() < jobs) {
                Worker w = new Worker(next++, submissions, finished);
                running.add(w);
                w.thread.start();
            }
            Integer index = poll(finished);
            long now = System.nanoTime();
            for (Worker w : List.copyOf(running)) {
                boolean over = now - w.started > backstopNanos() && w.claimed.compareAndSet(false, true);
                if (over) {
                    w.thread.interrupt();
                    w.result = Scoring.stopped(a(), submissions.get(w.index), Code.SUBMISSION_OVER_BUDGET,
                            "oss gave up on it after " + (long) (backstopNanos() / 1e9) + " s: it did not stop"
                                    + " at its time budget of " + seconds() + " s", millis(w.started));
                    finished.add(w.index);
                }
            }
            if (index == null) {
                continue;
            }
            Worker w = running.stream().filter(x -> x.index == index).findFirst().orElseThrow();
            running.remove(w);
            results[index] = w.result;
            heap[index] = w.heap;
            done++;
            progress.graded(w.result, done, n);
        }
        for (int i = 0; i < n; i++) {
            if (heap[i] && jobs > 1) {
                results[i] = gradeAlone(submissions.get(i));
            }
        }
        List<StudentResult> sorted = new ArrayList<>(List.of(results));
        sorted.sort(Comparator.comparing(StudentResult::student).thenComparing(StudentResult::file));
        Assignment a = a();
        return new ClassResult(a.title(), loaded.path().toString(), a.maxScore(), sorted,
                Summaries.of(a, sorted));
    }

    /** One submission on the calling thread, with the same bounds as in {@link #grade}. */
    public StudentResult gradeOne(Submission s) {
        Outcome o = judgeOne(s);
        return o.result;
    }

    private StudentResult gradeAlone(Submission s) {
        Worker w = new Worker(0, List.of(s), new LinkedBlockingQueue<>());
        w.thread.start();
        try {
            w.thread.join(backstopNanos() / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (w.claimed.compareAndSet(false, true)) {
            w.thread.interrupt();
            return Scoring.stopped(a(), s, Code.SUBMISSION_OVER_BUDGET, "oss gave up on it after "
                    + (long) (backstopNanos() / 1e9) + " s", millis(w.started));
        }
        return w.result;
    }

    private static Integer poll(BlockingQueue<Integer> q) {
        try {
            return q.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading", e);
        }
    }

    private Assignment a() {
        return loaded.assignment();
    }

    private double seconds() {
        return a().budget().seconds();
    }

    /** Twice the time budget and 5 s more: well past the Deadline, which should have stopped it. */
    private long backstopNanos() {
        return (long) Math.min(Long.MAX_VALUE / 4, (2 * seconds() + 5) * 1e9);
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private record Outcome(StudentResult result, boolean heap) {}

    private Outcome judgeOne(Submission s) {
        long started = System.nanoTime();
        Assignment a = a();
        try {
            String text = s.read();
            Judgement j;
            try (Deadline d = Deadline.start(seconds(), TIME_OPTION)) {
                j = judge.judge(a, loaded.starterText(), s.fileName(), text, options);
            }
            return new Outcome(Scoring.graded(a, s, j, millis(started)), heapShort(j));
        } catch (Rejection r) {
            return new Outcome(Scoring.rejected(a, s, r.getMessage(), millis(started)), false);
        } catch (Deadline.OutOfBudget e) {
            return new Outcome(Scoring.stopped(a, s, Code.SUBMISSION_OVER_BUDGET, e.getMessage(), millis(started)),
                    e.getMessage().contains("Java heap"));
        } catch (StackOverflowError e) {
            return new Outcome(Scoring.stopped(a, s, Code.SUBMISSION_OVER_BUDGET, "nested or recursive deeper than"
                    + " oss's stack allows", millis(started)), false);
        } catch (OutOfMemoryError e) {
            return new Outcome(Scoring.stopped(a, s, Code.SUBMISSION_OVER_BUDGET, "the Java heap ran out while"
                    + " grading it; lower the assignment's budget { memory ... } or give Java more (OSS_JAVA_OPTS=-Xmx4g)",
                    millis(started)), true);
        } catch (RuntimeException | Error e) {
            return new Outcome(Scoring.stopped(a, s, Code.INTERNAL, "internal error in oss while grading it ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); this is a bug in oss",
                    millis(started)), false);
        }
    }

    /**
     * Whether the heap ran short while judging: the Deadline's heap sentence as the budget stop,
     * or the judge's word for an {@link OutOfMemoryError} it caught in a check.
     */
    static boolean heapShort(Judgement j) {
        return j.budgetStop().map(m -> m.contains("Java heap")).orElse(false) || j.tests().stream()
                .flatMap(List::stream).anyMatch(o -> o.message().contains("OutOfMemoryError"));
    }

    /** One submission's thread; whoever sets {@code claimed} first (the worker or the backstop) owns the result. */
    private final class Worker {
        final int index;
        final Thread thread;
        final AtomicBoolean claimed = new AtomicBoolean();
        volatile long started = System.nanoTime();
        volatile StudentResult result;
        volatile boolean heap;

        Worker(int index, List<Submission> subs, BlockingQueue<Integer> finished) {
            this.index = index;
            this.thread = new Thread(() -> {
                started = System.nanoTime();
                Outcome o = judgeOne(subs.get(index));
                if (claimed.compareAndSet(false, true)) {
                    result = o.result;
                    heap = o.heap;
                    finished.add(index);
                }
            }, "oss-grade-" + index);
            thread.setDaemon(true);
        }
    }
}
