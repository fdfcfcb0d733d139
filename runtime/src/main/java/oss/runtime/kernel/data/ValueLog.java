package oss.runtime.kernel.data;

import java.util.ArrayList;
import java.util.List;
import oss.ir.program.Span;
import oss.runtime.observe.DataOutcome;
import oss.runtime.observe.ValueEvent;

/** The values a run read and wrote, the first {@link DataOutcome#VALUE_LIMIT} of them: a long run costs a fixed amount. */
final class ValueLog {
    private final List<ValueEvent> events = new ArrayList<>();
    private boolean truncated;

    void add(Span at, int pid, long now, ValueEvent.Access access, String variable, int value) {
        if (events.size() < DataOutcome.VALUE_LIMIT) {
            events.add(new ValueEvent(at, pid, now, access, variable, value));
        } else {
            truncated = true;
        }
    }

    List<ValueEvent> events() {
        return events;
    }

    boolean truncated() {
        return truncated;
    }
}
