package oss.runtime.kernel.mm.replace;

import java.util.Arrays;

/**
 * Runs a policy over a reference string with a fixed number of frames, the
 * way textbook exercises do and the way the kernel's fault path drives it:
 * a resident page gets {@code referenced}; a miss is a fault, which with
 * every frame taken asks for a {@code victim} and reports it {@code removed},
 * then {@code loaded} and {@code referenced} the new page. The new page
 * takes the victim's frame (or the lowest free one), so {@link Result#frames}
 * reads like the frame rows of a textbook table.
 *
 * <p>It exists to check policies against hand-worked examples and to give the
 * kernel a self-check that needs no running machine.
 */
public final class ReferenceStringSimulator {
    /** The outcome of one run. */
    public record Result(int faults, boolean[] faulted, long[][] frames) {
        /** Frame contents after reference {@code i}; {@link #EMPTY} marks a free frame. */
        public long[] framesAfter(int i) {
            return frames[i].clone();
        }
    }

    /** Marks a frame that holds no page yet. */
    public static final long EMPTY = -1;

    private ReferenceStringSimulator() {}

    public static Result run(int frameCount, ReplacementPolicy policy, long[] references) {
        if (frameCount < 1) {
            throw new IllegalArgumentException("need at least one frame: " + frameCount);
        }
        long[] frames = new long[frameCount];
        Arrays.fill(frames, EMPTY);
        boolean[] faulted = new boolean[references.length];
        long[][] after = new long[references.length][];
        int faults = 0;
        for (int i = 0; i < references.length; i++) {
            long page = references[i];
            if (page == EMPTY) {
                throw new IllegalArgumentException("page key " + EMPTY + " is reserved for an empty frame");
            }
            int slot = indexOf(frames, page);
            if (slot < 0) {
                faults++;
                faulted[i] = true;
                if (policy.resident() == frameCount) {
                    long victim = policy.victim(futureFrom(references, i));
                    slot = indexOf(frames, victim);
                    if (slot < 0) {
                        throw new IllegalStateException(policy.name() + " chose non-resident page " + victim);
                    }
                    policy.removed(victim);
                } else {
                    slot = indexOf(frames, EMPTY);
                }
                frames[slot] = page;
                policy.loaded(page);
            }
            policy.referenced(page);
            after[i] = frames.clone();
        }
        return new Result(faults, faulted, after);
    }

    /** OPT's oracle at position {@code now}: distance to the next occurrence after it. */
    static FutureReferences futureFrom(long[] references, int now) {
        return page -> {
            for (int j = now + 1; j < references.length; j++) {
                if (references[j] == page) {
                    return j - now;
                }
            }
            return Long.MAX_VALUE;
        };
    }

    private static int indexOf(long[] frames, long page) {
        for (int i = 0; i < frames.length; i++) {
            if (frames[i] == page) {
                return i;
            }
        }
        return -1;
    }
}
