package oss.runtime.kernel.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import oss.ir.program.Cell;
import oss.ir.program.Vals;
import oss.runtime.kernel.Task;

/**
 * Memory as one task sees it, for {@link Vals}: its own slots for its private cells; for the
 * others its newest buffered store, else memory. Reused, so evaluating allocates nothing.
 */
final class Sight {
    private final Plain plain = new Plain();
    private final Recorder recorder = new Recorder();
    private MemoryOrder mem;

    void attach(MemoryOrder m) {
        this.mem = m;
    }

    /** What {@code t} sees, reading without a trace (lowered expressions outside await and atomic read only private cells). */
    Vals.Memory of(Task t) {
        plain.t = t;
        return plain;
    }

    /** What {@code t} sees, noting every visible cell read, for an await or an atomic block. */
    Recorder recording(Task t) {
        recorder.t = t;
        recorder.count = 0;
        recorder.names.clear();
        return recorder;
    }

    private int read(Task t, Cell cell, int index) {
        if (!cell.visible()) {
            return (int) t.slots[cell.base() + index];
        }
        return mem.peek(t, DataCalls.key(cell, index, t));
    }

    private final class Plain implements Vals.Memory {
        Task t;

        @Override
        public int read(Cell cell, int index) {
            return Sight.this.read(t, cell, index);
        }
    }

    final class Recorder implements Vals.Memory {
        Task t;
        long[] keys = new long[4];
        int[] values = new int[4];
        final List<String> names = new ArrayList<>();
        int count;

        @Override
        public int read(Cell cell, int index) {
            int v = Sight.this.read(t, cell, index);
            if (cell.visible()) {
                if (count == keys.length) {
                    keys = Arrays.copyOf(keys, count * 2);
                    values = Arrays.copyOf(values, count * 2);
                }
                keys[count] = DataCalls.key(cell, index, t);
                values[count++] = v;
                names.add(DataCalls.name(cell, index));
            }
            return v;
        }
    }
}
