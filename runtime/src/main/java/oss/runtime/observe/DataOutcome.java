package oss.runtime.observe;

import java.util.List;
import oss.ir.program.Cell;
import oss.ir.program.Vals;

/**
 * The data a run ends with, and the values it saw on the way.
 *
 * <p>As a {@link Vals.Memory} it answers an expectation's {@code Val} the way
 * {@code expect count == 4} means it: a {@link Cell.Scope#SHARED} cell reads the value in memory
 * when the run ended (stores still sitting in a store buffer of a task that never exited are not
 * in it); any other cell reads the slot of the declared process {@link Cell#process()} (an index
 * into the program's processes) as its main task left it. Evaluate with
 * {@code Vals.eval(property.condition(), result.data())}.
 *
 * @param shared          every shared cell at the end, laid out as {@code SharedData.cells()}
 * @param processSlots    per declared process (by index), its main task's slots at the end
 * @param values          the first {@link #VALUE_LIMIT} values read and written, in the order they happened
 * @param valuesTruncated more happened than {@code values} keeps
 */
public record DataOutcome(int[] shared, List<long[]> processSlots, List<ValueEvent> values, boolean valuesTruncated)
        implements Vals.Memory {

    /** How many value events a run keeps. */
    public static final int VALUE_LIMIT = 10_000;

    public static final DataOutcome NONE = new DataOutcome(new int[0], List.of(), List.of(), false);

    public DataOutcome {
        values = List.copyOf(values);
        processSlots = List.copyOf(processSlots);
    }

    @Override
    public int read(Cell cell, int index) {
        int at = cell.base() + index;
        if (cell.scope() == Cell.Scope.SHARED) {
            return at < shared.length ? shared[at] : 0;
        }
        if (cell.process() < 0 || cell.process() >= processSlots.size()) {
            throw new IllegalArgumentException(cell.name() + " names no declared process (" + cell.process() + ")");
        }
        long[] slots = processSlots.get(cell.process());
        return at < slots.length ? (int) slots[at] : 0;
    }

    /** The values read and written at statements on {@code line}, for a hover there. */
    public List<ValueEvent> valuesAt(int line) {
        return values.stream().filter(v -> v.span().line() == line).toList();
    }
}
