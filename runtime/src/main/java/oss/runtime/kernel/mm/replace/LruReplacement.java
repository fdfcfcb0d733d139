package oss.runtime.kernel.mm.replace;

/**
 * Exact LRU: evict the page whose last reference is oldest. Real kernels only
 * approximate it (reference bits, active/inactive lists) because moving a
 * page on every access is too costly in hardware terms; a simulator can
 * afford the exact version, which is a stack algorithm and so immune to
 * Belady's anomaly.
 *
 * <p>Every memory access calls {@link #referenced}, so the recency list is a
 * linked hash set of primitive keys: a doubly linked list of nodes from least
 * to most recently referenced, found through an open-addressing table (linear
 * probing, backward-shift deletion). Each operation is O(1) and allocates
 * nothing; the order is the one a {@code LinkedHashSet} with
 * remove-then-add would keep.
 */
public final class LruReplacement implements ReplacementPolicy {
    private static final int NONE = -1;
    /** Node storage: the page, and its neighbours towards least ({@code prev}) and most ({@code next}) recent. */
    private long[] keys = new long[16];
    private int[] prev = new int[16];
    private int[] next = new int[16];
    /** Nodes ever used; freed nodes are chained through {@code next} from {@code free}. */
    private int used;
    private int free = NONE;
    /** Least and most recently referenced node. */
    private int head = NONE;
    private int tail = NONE;
    private int size;
    /** Hash slots: 0 empty, else node + 1. Power-of-two length, at most half full. */
    private int[] slots = new int[32];

    @Override
    public String name() {
        return "lru";
    }

    @Override
    public void loaded(long page) {
        if (find(page) != NONE) {
            throw new IllegalStateException("page " + page + " already resident");
        }
        int node = newNode(page);
        link(node);
        insertSlot(node);
        size++;
    }

    @Override
    public void referenced(long page) {
        if (tail != NONE && keys[tail] == page) {
            return; // already the most recent: the common case of a run of accesses to one page
        }
        int node = find(page);
        if (node != NONE) {
            unlink(node);
            link(node);
        }
    }

    @Override
    public long victim(FutureReferences future) {
        if (size == 0) {
            throw new IllegalStateException("no resident page to evict");
        }
        return keys[head];
    }

    @Override
    public void removed(long page) {
        int slot = findSlot(page);
        if (slot < 0) {
            return;
        }
        int node = slots[slot] - 1;
        deleteSlot(slot);
        unlink(node);
        next[node] = free;
        free = node;
        size--;
    }

    @Override
    public int resident() {
        return size;
    }

    // ---- the list --------------------------------------------------------------------------------------

    private int newNode(long page) {
        int node;
        if (free != NONE) {
            node = free;
            free = next[node];
        } else {
            if (used == keys.length) {
                int n = keys.length * 2;
                keys = java.util.Arrays.copyOf(keys, n);
                prev = java.util.Arrays.copyOf(prev, n);
                next = java.util.Arrays.copyOf(next, n);
            }
            node = used++;
        }
        keys[node] = page;
        return node;
    }

    /** Appends as the most recent. */
    private void link(int node) {
        prev[node] = tail;
        next[node] = NONE;
        if (tail != NONE) {
            next[tail] = node;
        } else {
            head = node;
        }
        tail = node;
    }

    private void unlink(int node) {
        int p = prev[node];
        int n = next[node];
        if (p != NONE) {
            next[p] = n;
        } else {
            head = n;
        }
        if (n != NONE) {
            prev[n] = p;
        } else {
            tail = p;
        }
    }

    // ---- the hash table --------------------------------------------------------------------------------

    private int home(long page) {
        return (int) ((page * 0x9E37_79B9_7F4A_7C15L) >>> 32) & (slots.length - 1);
    }

    private int find(long page) {
        int slot = findSlot(page);
        return slot < 0 ? NONE : slots[slot] - 1;
    }

    private int findSlot(long page) {
        int mask = slots.length - 1;
        for (int i = home(page);; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == 0) {
                return -1;
            }
            if (keys[s - 1] == page) {
                return i;
            }
        }
    }

    private void insertSlot(int node) {
        if ((size + 1) * 2 > slots.length) {
            int[] old = slots;
            slots = new int[old.length * 2];
            for (int s : old) {
                if (s != 0) {
                    place(s);
                }
            }
        }
        place(node + 1);
    }

    private void place(int s) {
        int mask = slots.length - 1;
        int i = home(keys[s - 1]);
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = s;
    }

    /** Empties slot {@code i}, moving later entries of its probe run back so that every key stays reachable. */
    private void deleteSlot(int i) {
        int mask = slots.length - 1;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int s = slots[j];
            if (s == 0) {
                break;
            }
            int k = home(keys[s - 1]);
            boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                slots[i] = s;
                i = j;
            }
        }
        slots[i] = 0;
    }
}
