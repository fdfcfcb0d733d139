package oss.runtime.hw.mem;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Hands out frames 1, 2, 3, ... in order, so tests can name every table frame; refuses beyond a limit. */
final class CountingFrames implements FrameSource {
    private long next = 1;
    private final int limit;
    final TreeSet<Long> live = new TreeSet<>();
    final List<Long> freed = new ArrayList<>();

    CountingFrames() {
        this(Integer.MAX_VALUE);
    }

    CountingFrames(int limit) {
        this.limit = limit;
    }

    @Override
    public long allocateFrame() {
        if (live.size() >= limit) {
            return -1;
        }
        live.add(next);
        return next++;
    }

    @Override
    public void freeFrame(long frame) {
        if (!live.remove(frame)) {
            throw new AssertionError("frame " + frame + " freed but not allocated");
        }
        freed.add(frame);
    }
}
