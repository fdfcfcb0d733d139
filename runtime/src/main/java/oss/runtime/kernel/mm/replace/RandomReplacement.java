package oss.runtime.kernel.mm.replace;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Random replacement: evict a resident page chosen uniformly. A baseline
 * with no pathological reference string (and no anomaly-free guarantee
 * either). The draw indexes pages in load order and comes only from the
 * generator passed in, so the same seed replays the same evictions.
 */
public final class RandomReplacement implements ReplacementPolicy {
    private final RandomGenerator rng;
    private final List<Long> pages = new ArrayList<>();

    public RandomReplacement(RandomGenerator rng) {
        if (rng == null) {
            throw new IllegalArgumentException("random replacement needs the run's seeded generator");
        }
        this.rng = rng;
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public void loaded(long page) {
        if (pages.contains(page)) {
            throw new IllegalStateException("page " + page + " already resident");
        }
        pages.add(page);
    }

    @Override
    public void referenced(long page) {
        // Random ignores history.
    }

    @Override
    public long victim(FutureReferences future) {
        if (pages.isEmpty()) {
            throw new IllegalStateException("no resident page to evict");
        }
        return pages.get(rng.nextInt(pages.size()));
    }

    @Override
    public void removed(long page) {
        pages.remove(Long.valueOf(page));
    }

    @Override
    public int resident() {
        return pages.size();
    }
}
