package oss.runtime.kernel.mm.replace;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Second chance, the clock algorithm (Silberschatz, "Second-Chance Algorithm"): pages sit on a
 * circle with a reference bit; the hand sweeps, clearing set bits and moving
 * on, and evicts the first page it finds with the bit clear. If every bit is
 * set it goes round once and degenerates to FIFO.
 *
 * <p>Conventions, fixed so runs are reproducible: the hand starts at the
 * oldest page; a newly loaded page is inserted just behind the hand (it is
 * the last the hand will reach) with its bit <em>set</em>, as the textbook
 * does when the faulting access itself references the page. The circle is
 * kept as a deque whose head is the page under the hand, so "advance" is
 * moving the head to the tail.
 */
public final class ClockReplacement implements ReplacementPolicy {
    /** Head = the page under the hand; tail = just behind it. */
    private final ArrayDeque<Long> circle = new ArrayDeque<>();
    /** Reference bits; looked up by key only, never iterated. */
    private final Map<Long, Boolean> referenceBit = new HashMap<>();

    @Override
    public String name() {
        return "clock";
    }

    @Override
    public void loaded(long page) {
        if (referenceBit.containsKey(page)) {
            throw new IllegalStateException("page " + page + " already resident");
        }
        circle.addLast(page);
        referenceBit.put(page, true);
    }

    @Override
    public void referenced(long page) {
        referenceBit.computeIfPresent(page, (p, bit) -> true);
    }

    @Override
    public long victim(FutureReferences future) {
        if (circle.isEmpty()) {
            throw new IllegalStateException("no resident page to evict");
        }
        while (true) {
            long page = circle.peekFirst();
            if (!referenceBit.get(page)) {
                return page; // the hand stays on it; removed() takes it off the circle
            }
            referenceBit.put(page, false);
            circle.addLast(circle.pollFirst());
        }
    }

    @Override
    public void removed(long page) {
        if (referenceBit.remove(page) != null) {
            circle.remove(page);
        }
    }

    @Override
    public int resident() {
        return circle.size();
    }

    /** The page under the hand, for tests and /proc-style dumps; -1 when empty. */
    public long hand() {
        return circle.isEmpty() ? -1 : circle.peekFirst();
    }

    /** Whether {@code page}'s reference bit is set (false when not resident). */
    public boolean referenceBit(long page) {
        return referenceBit.getOrDefault(page, false);
    }
}
