package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.program.Span;
import oss.runtime.explore.Schedule;
import oss.runtime.observe.ValueEvent;
import oss.runtime.observe.ValueEvent.Access;

/** Which of a replay's value events belong to which step of the schedule. */
class ReplaysTest {
    private static final Span INC = new Span(5, 5, 5, 22);
    private static final Span LOCAL = new Span(6, 5, 6, 14);
    private static final Span STORE = new Span(8, 5, 8, 10);

    private static ValueEvent ev(Span at, int pid, long t, Access a, String var, int v) {
        return new ValueEvent(at, pid, t, a, var, v);
    }

    private static List<String> shown(List<List<ValueEvent>> steps) {
        return steps.stream().map(s -> String.join(",", s.stream()
                .map(e -> e.access().name().charAt(0) + e.variable() + "=" + e.value()).toList())).toList();
    }

    @Test
    void aLostUpdateReadsTheSameValueTwice() {
        // two tasks each do `count = count + 1`: load, load, store, store
        Schedule s = new Schedule(List.of(new Schedule.Step(2, 5, 5, -1), new Schedule.Step(3, 5, 5, -1),
                new Schedule.Step(2, 5, 5, -1), new Schedule.Step(3, 5, 5, -1)));
        List<ValueEvent> events = List.of(ev(INC, 2, 1, Access.READ, "count", 0), ev(INC, 3, 1, Access.READ, "count", 0),
                ev(INC, 2, 2, Access.WRITE, "count", 1), ev(INC, 3, 2, Access.WRITE, "count", 1));
        assertEquals(List.of("Rcount=0", "Rcount=0", "Wcount=1", "Wcount=1"), shown(Replays.match(s, events, java.util.Map.of())));
    }

    @Test
    void aTaskDoingTwoStepsOfOneStatementInARowGetsOneEachByTheirInstant() {
        Schedule s = new Schedule(List.of(new Schedule.Step(2, 5, 5, -1), new Schedule.Step(2, 5, 5, -1)));
        List<ValueEvent> events = List.of(ev(INC, 2, 1, Access.READ, "count", 7), ev(INC, 2, 2, Access.WRITE, "count", 8));
        assertEquals(List.of("Rcount=7", "Wcount=8"), shown(Replays.match(s, events, java.util.Map.of())));
    }

    @Test
    void stepsWithoutDataAndLocalWorkInBetweenDoNotShiftTheValues() {
        // pid 2: lock (no data), load; local work at line 6 (not a step); pid 3 flushes its buffered store
        Schedule s = new Schedule(List.of(new Schedule.Step(2, 4, 5, -1), new Schedule.Step(2, 5, 5, -1),
                new Schedule.Step(3, 8, 5, -1), new Schedule.Step(3, 8, 5, -1, true), new Schedule.Step(2, 5, 5, -1)));
        List<ValueEvent> events = List.of(ev(INC, 2, 3, Access.READ, "count", 0), ev(LOCAL, 2, 3, Access.WRITE, "r", 0),
                ev(STORE, 3, 3, Access.WRITE, "count", 5), ev(STORE, 3, 4, Access.COMMIT, "count", 5),
                ev(INC, 2, 4, Access.WRITE, "count", 1));
        assertEquals(List.of("", "Rcount=0", "Wcount=5", "Ccount=5", "Wcount=1"), shown(Replays.match(s, events, java.util.Map.of())));
    }

    @Test
    void anAtomicBlocksStatementsLogTheirOwnSpansAndAreStillItsStep() {
        Span block = new Span(10, 5, 13, 6);
        Span first = new Span(11, 9, 11, 20);
        Span second = new Span(12, 9, 12, 20);
        Schedule s = new Schedule(List.of(new Schedule.Step(2, 10, 5, -1), new Schedule.Step(3, 5, 5, -1)));
        List<ValueEvent> events = List.of(ev(first, 2, 1, Access.READ, "a", 1), ev(first, 2, 1, Access.WRITE, "a", 2),
                ev(second, 2, 1, Access.WRITE, "b", 2), ev(INC, 3, 1, Access.READ, "a", 2));
        assertEquals(List.of("Ra=1,Wa=2,Wb=2", "Ra=2"), shown(Replays.match(s, events,
                java.util.Map.of(Replays.key(10, 5), block))));
    }

    @Test
    void anAtomicStepKeepsEveryValueItReadAndWrote() {
        Schedule s = new Schedule(List.of(new Schedule.Step(2, 5, 5, -1), new Schedule.Step(3, 5, 5, -1)));
        List<ValueEvent> events = List.of(ev(INC, 2, 1, Access.READ, "count", 0), ev(INC, 2, 1, Access.WRITE, "count", 1),
                ev(INC, 2, 1, Access.WRITE, "r", 0), ev(INC, 3, 1, Access.READ, "count", 1),
                ev(INC, 3, 1, Access.WRITE, "count", 2));
        assertEquals(List.of("Rcount=0,Wcount=1,Wr=0", "Rcount=1,Wcount=2"), shown(Replays.match(s, events, java.util.Map.of())));
    }
}
