package oss.runtime.kernel.mm.alloc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A frame source for tests: single frames from a script (or counting up), contiguous runs from a separate counter. */
final class ScriptedFrames implements FrameProvider {
    private final Deque<Long> script = new ArrayDeque<>();
    private long next;
    private long nextRun = 1_000;
    final List<Long> freed = new ArrayList<>();
    final List<Integer> runRequests = new ArrayList<>();
    int allocations;

    /** Counting up from {@code first}. */
    ScriptedFrames(long first) {
        this.next = first;
    }

    /** Exactly these frames, then -1. */
    static ScriptedFrames of(long... frames) {
        var s = new ScriptedFrames(-1);
        for (long f : frames) {
            s.script.add(f);
        }
        return s;
    }

    @Override
    public long allocateFrame() {
        allocations++;
        if (next < 0) {
            return script.isEmpty() ? -1 : script.poll();
        }
        return next++;
    }

    @Override
    public void freeFrame(long frame) {
        freed.add(frame);
    }

    @Override
    public long allocateFrames(int n) {
        runRequests.add(n);
        long run = (nextRun + n - 1) / n * n;
        nextRun = run + n;
        return run;
    }
}
