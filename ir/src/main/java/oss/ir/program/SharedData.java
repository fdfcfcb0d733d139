package oss.ir.program;

import java.util.List;

/**
 * The scenario's data: the shared variables, the memory model their loads and stores follow,
 * and the expectations on their values. See docs/language.md, "Shared data" and "Memory models",
 * for the semantics the kernel and the explorer both implement.
 *
 * @param variables   the top-level variables, laid out one after another in {@link #cells()}
 * @param model       how stores become visible to other tasks
 * @param storeBuffer entries of each task's store buffer under {@code tso} and {@code relaxed}
 * @param properties  the {@code expect} lines about values
 */
public record SharedData(List<VarDecl> variables, MemoryModel model, int storeBuffer, List<Property> properties) {

    public static final int DEFAULT_STORE_BUFFER = 4;
    public static final SharedData NONE = new SharedData(List.of(), MemoryModel.SC, DEFAULT_STORE_BUFFER, List.of());

    /** A top-level {@code int name[length] = initial}: cells {@code base .. base + length - 1}. */
    public record VarDecl(String name, int base, int length, int[] initial, Span span) {}

    public enum MemoryModel {
        /** Sequential consistency: a store is seen by every task at its step. */
        SC,
        /** x86-TSO: a FIFO store buffer per task, loads read their own buffered stores first. */
        TSO,
        /** Stores may become visible out of order, loads may see a value one store old. */
        RELAXED
    }

    /**
     * An {@code expect} about values. {@code AT_END}: holds when the default run ends.
     * {@code ALWAYS}: holds in the final state of every interleaving that ends (every task has
     * exited). {@code POSSIBLE}: holds in the final state of at least one of them.
     */
    public record Property(Mode mode, Val condition, String text, Span span) {
        public enum Mode {
            AT_END, ALWAYS, POSSIBLE
        }
    }

    /** How many shared cells the variables take. */
    public int cells() {
        int n = 0;
        for (VarDecl v : variables) {
            n = Math.max(n, v.base() + v.length());
        }
        return n;
    }

    /** The initial value of every shared cell. */
    public int[] initialCells() {
        int[] out = new int[cells()];
        for (VarDecl v : variables) {
            System.arraycopy(v.initial(), 0, out, v.base(), v.length());
        }
        return out;
    }
}
