package oss.runtime.explore;

import java.util.Arrays;

/**
 * Every state seen so far, stored once, compactly: each state vector is
 * packed into bytes (a variable-length integer per stored field; fields that
 * never change for a task are left out) and appended to one byte arena. A
 * state's number is its discovery order, so a breadth-first search needs no
 * queue: it visits numbers in order. Per state the store keeps its arena
 * offset and its parent's number, for rebuilding the shortest schedule. The
 * open-addressing hash table holds (hash, number) pairs, so a probe compares
 * packed bytes only when the full 32-bit hashes agree.
 */
final class StateStore {
    private final Model m;
    private byte[] arena = new byte[1 << 16];
    private int used;
    private int[] offsets = new int[1 << 12];
    private int[] parents = new int[1 << 12];
    private int count;
    private long[] table = new long[1 << 13];
    private int mask = table.length - 1;
    private final byte[] scratch;
    private int scratchLen;

    StateStore(Model m) {
        this.m = m;
        Arrays.fill(table, EMPTY);
        this.scratch = new byte[m.capacity() * 5 + 8];
    }

    int count() {
        return count;
    }

    int parent(int id) {
        return parents[id];
    }

    /** Bytes held by the store's arrays (allocated, not only used). */
    long bytes() {
        return (long) arena.length + 4L * offsets.length + 4L * parents.length + 8L * table.length;
    }

    /** Bytes the stored states need: packed states plus the per-state offset, parent and hash slot. */
    long usedBytes() {
        return (long) used + 8L * count + 8L * table.length;
    }

    /** Adds the state unless it is known; returns its number, or -(number + 1) of the known twin. */
    int add(int[] s, int parent) {
        pack(s);
        int h = hash(scratch, scratchLen);
        int i = h & mask;
        while (true) {
            long e = table[i];
            if (e == EMPTY) {
                break;
            }
            if ((int) (e >>> 32) == h && same((int) e)) {
                return -(int) e - 1;
            }
            i = (i + 1) & mask;
        }
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            parents = Arrays.copyOf(parents, count * 2);
        }
        if (used + scratchLen > arena.length) {
            long n = Math.max((long) arena.length * 2, (long) used + scratchLen);
            if (n > Integer.MAX_VALUE - 16) {
                throw new OutOfMemoryError("state arena above 2 GiB");
            }
            arena = Arrays.copyOf(arena, (int) n);
        }
        System.arraycopy(scratch, 0, arena, used, scratchLen);
        offsets[count] = used;
        parents[count] = parent;
        used += scratchLen;
        table[i] = (long) h << 32 | count;
        count++;
        if (count * 4L > table.length * 3L) {
            grow();
        }
        return count - 1;
    }

    /** Is {@code s} the state stored as {@code id}? */
    boolean isStored(int id, int[] s) {
        pack(s);
        return same(id);
    }

    private boolean same(int id) {
        int off = offsets[id];
        int end = id + 1 < count ? offsets[id + 1] : used;
        return end - off == scratchLen && Arrays.equals(arena, off, end, scratch, 0, scratchLen);
    }

    private static final long EMPTY = -1L;

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        mask = table.length - 1;
        Arrays.fill(table, EMPTY);
        for (long e : old) {
            if (e != EMPTY) {
                int i = (int) (e >>> 32) & mask;
                while (table[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                table[i] = e;
            }
        }
    }

    private static int hash(byte[] b, int len) {
        return hash(b, 0, len);
    }

    private static int hash(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            long k = (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
                    | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40 | (b[i + 6] & 0xFFL) << 48
                    | (b[i + 7] & 0xFFL) << 56;
            h = (h ^ k * 0xC2B2AE3D27D4EB4FL) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        for (; i < end; i++) {
            h = (h ^ (b[i] & 0xFF)) * 0x100000001B3L;
        }
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        h ^= h >>> 32;
        return (int) h;
    }

    // ---- packing ------------------------------------------------------------------------------------

    private void put(int v) {
        while ((v & ~0x7F) != 0) {
            scratch[scratchLen++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        scratch[scratchLen++] = (byte) v;
    }

    private void pack(int[] s) {
        scratchLen = 0;
        int n = s[0];
        put(n);
        for (int i = 1; i < m.taskBase; i++) {
            put(s[i]);
        }
        for (int t = 0; t < n; t++) {
            int b = m.base(t);
            int pc = s[b + Model.PC];
            put(pc);
            if (t >= m.processes) {
                put(s[b + Model.CODE]);
            }
            if (pc == Model.ZOMBIE) {
                put(s[b + Model.PARENT]);
            }
            if (pc < Model.ALIVE) {
                continue; // an ended task is its status, and a zombie its parent too
            }
            if (t >= m.processes) {
                put(s[b + Model.PARENT]);
                if (m.hasThreads) {
                    put(s[b + Model.GROUP]);
                }
            }
            if (m.hasPhases) {
                put(s[b + Model.PHASE]);
                put(s[b + Model.AUX]);
            }
            for (int i = Model.CNT; i < m.allocBase; i++) {
                put(s[b + i]);
            }
            if (m.usesResources) {
                for (int i = m.allocBase; i < m.record; i++) {
                    put(s[b + i]);
                }
            }
        }
    }

    /** Reads state {@code id} back into {@code s} (which must be zeroed beyond what it sets). */
    void unpack(int id, int[] s) {
        int p = offsets[id];
        int[] pos = {p};
        int n = get(pos);
        s[0] = n;
        for (int i = 1; i < m.taskBase; i++) {
            s[i] = get(pos);
        }
        for (int t = 0; t < n; t++) {
            int b = m.base(t);
            Arrays.fill(s, b, b + m.record, 0);
            int pc = get(pos);
            s[b + Model.PC] = pc;
            s[b + Model.CODE] = t < m.processes ? t : get(pos);
            if (pc == Model.ZOMBIE) {
                s[b + Model.PARENT] = get(pos);
            }
            if (pc < Model.ALIVE) {
                continue;
            }
            if (t >= m.processes) {
                s[b + Model.PARENT] = get(pos);
                if (m.hasThreads) {
                    s[b + Model.GROUP] = get(pos);
                }
            }
            if (m.hasPhases) {
                s[b + Model.PHASE] = get(pos);
                s[b + Model.AUX] = get(pos);
            }
            for (int i = Model.CNT; i < m.allocBase; i++) {
                s[b + i] = get(pos);
            }
            if (m.usesResources) {
                for (int i = m.allocBase; i < m.record; i++) {
                    s[b + i] = get(pos);
                }
            }
        }
    }

    private int get(int[] pos) {
        int v = 0;
        int shift = 0;
        while (true) {
            byte x = arena[pos[0]++];
            v |= (x & 0x7F) << shift;
            if (x >= 0) {
                return v;
            }
            shift += 7;
        }
    }
}
