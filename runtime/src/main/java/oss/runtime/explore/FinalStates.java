package oss.runtime.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import oss.ir.program.Cell;
import oss.ir.program.SharedData;
import oss.ir.program.Vals;

/**
 * Judges the {@code expect always} and {@code expect possible} lines over the final states (every
 * task ended) as breadth-first search meets them, so the first state that decides a line is one
 * at the fewest steps. See {@link PropertyVerdict} for what each verdict means.
 */
final class FinalStates {
    private final Model m;
    private final List<SharedData.Property> props = new ArrayList<>();
    private final PropertyVerdict.Outcome[] decided;
    private final Schedule[] schedules;
    private final List<List<String>> who = new ArrayList<>();
    private int open;

    FinalStates(Model m) {
        this.m = m;
        for (SharedData.Property p : m.data.properties()) {
            if (p.mode() != SharedData.Property.Mode.AT_END) {
                props.add(p);
                who.add(List.of());
            }
        }
        decided = new PropertyVerdict.Outcome[props.size()];
        schedules = new Schedule[props.size()];
        open = props.size();
    }

    /** Are any lines still open, so final states need judging? */
    boolean open() {
        return open > 0;
    }

    /** Judges final state {@code s}; {@code path} gives the schedule to it (and its task names) when needed. */
    void judge(int[] s, Supplier<Schedule> path, Supplier<List<String>> names) {
        for (int i = 0; i < props.size(); i++) {
            if (decided[i] != null) {
                continue;
            }
            SharedData.Property p = props.get(i);
            boolean holds = holds(s, p);
            boolean always = p.mode() == SharedData.Property.Mode.ALWAYS;
            if (always != holds) {
                decided[i] = always ? PropertyVerdict.Outcome.FAILS : PropertyVerdict.Outcome.HOLDS;
                schedules[i] = path.get();
                who.set(i, List.copyOf(names.get()));
                open--;
            }
        }
    }

    private boolean holds(int[] s, SharedData.Property p) {
        Vals.Memory memory = (Cell cell, int index) -> switch (cell.scope()) {
            case SHARED -> s[m.sharedBase + cell.base() + index];
            // a declared process's own variable (a GROUP one lives in its own slots: it leads its group)
            case GROUP, PRIVATE -> cell.process() < 0 ? 0 : s[m.base(cell.process()) + m.slotBase + cell.base() + index];
        };
        try {
            return Vals.truth(p.condition(), memory);
        } catch (Vals.DataFault f) {
            return false;
        }
    }

    /** The verdicts once exploration is over: lines no final state decided are decided by completeness. */
    List<PropertyVerdict> verdicts(boolean complete) {
        List<PropertyVerdict> out = new ArrayList<>();
        for (int i = 0; i < props.size(); i++) {
            SharedData.Property p = props.get(i);
            PropertyVerdict.Outcome o = decided[i];
            if (o == null) {
                boolean always = p.mode() == SharedData.Property.Mode.ALWAYS;
                o = !complete ? PropertyVerdict.Outcome.UNDECIDED
                        : always ? PropertyVerdict.Outcome.HOLDS : PropertyVerdict.Outcome.FAILS;
            }
            out.add(new PropertyVerdict(p.span(), p.mode(), p.text(), o, Optional.ofNullable(schedules[i]), who.get(i)));
        }
        return out;
    }
}
