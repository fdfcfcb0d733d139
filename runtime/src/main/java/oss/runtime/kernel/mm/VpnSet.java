package oss.runtime.kernel.mm;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * A set of page numbers (non-negative longs) without boxing: open addressing
 * with linear probing and backward-shift deletion. The MMU path asks it on
 * every write ({@link #addPage}), which a {@code HashSet<Long>} answered
 * with an allocation and a pointer chase. Iteration order is unspecified,
 * as a {@code HashSet}'s is; an iterator walks a snapshot, so removing
 * through it (or from the set) while iterating is safe.
 */
public final class VpnSet extends AbstractSet<Long> {
    private static final long EMPTY = -1;
    private long[] slots = newSlots(16);
    private int size;

    private static long[] newSlots(int n) {
        long[] s = new long[n];
        Arrays.fill(s, EMPTY);
        return s;
    }

    private int home(long page) {
        return (int) ((page * 0x9E37_79B9_7F4A_7C15L) >>> 40) & (slots.length - 1);
    }

    private int slotOf(long page) {
        int mask = slots.length - 1;
        for (int i = home(page);; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == page) {
                return i;
            }
            if (s == EMPTY) {
                return -1 - i;
            }
        }
    }

    /** Adds {@code page}; true when it was not there yet. */
    public boolean addPage(long page) {
        if (page < 0) {
            throw new IllegalArgumentException("negative page number " + page);
        }
        int at = slotOf(page);
        if (at >= 0) {
            return false;
        }
        if ((size + 1) * 2 > slots.length) {
            long[] old = slots;
            slots = newSlots(old.length * 2);
            for (long s : old) {
                if (s != EMPTY) {
                    slots[-1 - slotOf(s)] = s;
                }
            }
            at = slotOf(page);
        }
        slots[-1 - at] = page;
        size++;
        return true;
    }

    public boolean containsPage(long page) {
        return page >= 0 && slotOf(page) >= 0;
    }

    public boolean removePage(long page) {
        if (page < 0) {
            return false;
        }
        int i = slotOf(page);
        if (i < 0) {
            return false;
        }
        int mask = slots.length - 1;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long s = slots[j];
            if (s == EMPTY) {
                break;
            }
            int k = home(s);
            boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                slots[i] = s;
                i = j;
            }
        }
        slots[i] = EMPTY;
        size--;
        return true;
    }

    @Override
    public boolean add(Long page) {
        return addPage(page);
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof Long page && containsPage(page);
    }

    @Override
    public boolean remove(Object o) {
        return o instanceof Long page && removePage(page);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void clear() {
        Arrays.fill(slots, EMPTY);
        size = 0;
    }

    @Override
    public boolean removeIf(Predicate<? super Long> filter) {
        boolean any = false;
        for (long page : snapshot()) {
            if (filter.test(page)) {
                removePage(page);
                any = true;
            }
        }
        return any;
    }

    private long[] snapshot() {
        long[] out = new long[size];
        int n = 0;
        for (long s : slots) {
            if (s != EMPTY) {
                out[n++] = s;
            }
        }
        return out;
    }

    @Override
    public Iterator<Long> iterator() {
        long[] pages = snapshot();
        return new Iterator<>() {
            private int next;
            private boolean removable;

            @Override
            public boolean hasNext() {
                return next < pages.length;
            }

            @Override
            public Long next() {
                if (next >= pages.length) {
                    throw new NoSuchElementException();
                }
                removable = true;
                return pages[next++];
            }

            @Override
            public void remove() {
                if (!removable) {
                    throw new IllegalStateException();
                }
                removable = false;
                removePage(pages[next - 1]);
            }
        };
    }
}
