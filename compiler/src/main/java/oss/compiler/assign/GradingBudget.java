package oss.compiler.assign;

/**
 * What one submission may use (docs/grading.md, "Budgets"). Every limit but {@code seconds} is
 * counted by the simulator, so a submission that reaches one is stopped at the same point on
 * every machine; {@code seconds} is the wall-time backstop.
 *
 * @param seconds     wall time for compiling, running and exploring it
 * @param states      the most states the explorer stores
 * @param steps       the most events the default run handles
 * @param memoryBytes the most bytes the explorer's state store may hold
 * @param sizeBytes   the largest submission file read
 */
public record GradingBudget(double seconds, long states, long steps, long memoryBytes, long sizeBytes) {
    public static final GradingBudget DEFAULT = new GradingBudget(10, 200_000, 2_000_000, 256L << 20, 256L << 10);
}
