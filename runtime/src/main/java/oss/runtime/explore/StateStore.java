package oss.runtime.explore;

import java.util.Arrays;

/**
 * Every state seen so far, stored once, compactly: each state vector is
 * packed into bytes (a variable-length integer per stored field; fields that
 * never change for a task are left out) and appended to a byte arena kept in
 * chunks of 4 MiB, so growing it neither copies nor leaves half of it empty. A
 * state's number is its discovery order, so a breadth-first search needs no
 * queue: it visits numbers in order. Per state the store keeps its arena
 * offset and its parent's number, for rebuilding the shortest schedule. The
 * open-addressing hash table holds (hash, number) pairs, so a probe compares
 * packed bytes only when the full 32-bit hashes agree.
 */
final class StateStore {
    private final Model m;
    private static final int CHUNK_BITS = 22;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int ROW_BITS = 16;
    private static final int ROW = 1 << ROW_BITS;

    /** The arena: chunk {@code c} holds positions c * CHUNK up to c * CHUNK + fill[c]. */
    private byte[][] chunks = new byte[1][];
    private int[] fill = new int[1];
    private int chunkCount;
    private long used;
    /** Per state, in rows of ROW entries: its position in the arena and its parent's number. */
    private int[][] offsets = new int[1][];
    private int[][] parents = new int[1][];
    private int count;
    private long[] table = new long[1 << 10];
    private int mask = table.length - 1;
    private final byte[] scratch;
    private int scratchLen;
    private long bytes = 8L * table.length;

    StateStore(Model m) {
        this.m = m;
        Arrays.fill(table, EMPTY);
        this.scratch = new byte[m.capacity() * 5 + 8];
    }

    int count() {
        return count;
    }

    int parent(int id) {
        return parents[id >>> ROW_BITS][id & (ROW - 1)];
    }

    /**
     * Bytes held by the store's arrays: arena chunks, offset and parent rows, the hash table. Kept
     * as they grow, so the explorer's byte budget can be checked at every state it adds.
     */
    long bytes() {
        return bytes;
    }

    /** {@link #bytes()} summed from the arrays themselves, for the test that keeps the two in step. */
    long bytesCounted() {
        long total = 8L * table.length;
        for (int c = 0; c < chunkCount; c++) {
            total += chunks[c].length;
        }
        for (int r = 0; r < offsets.length && offsets[r] != null; r++) {
            total += 2 * 4L * offsets[r].length;
        }
        return total;
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
        int row = count >>> ROW_BITS;
        if (row == offsets.length) {
            offsets = Arrays.copyOf(offsets, row * 2);
            parents = Arrays.copyOf(parents, row * 2);
        }
        int col = count & (ROW - 1);
        if (offsets[row] == null) {
            offsets[row] = new int[1024];
            parents[row] = new int[1024];
            bytes += 2 * 4L * 1024;
        } else if (col == offsets[row].length) {
            // rows (and chunks) start small and double up to full size, so a small search stays small
            offsets[row] = Arrays.copyOf(offsets[row], col * 2);
            parents[row] = Arrays.copyOf(parents[row], col * 2);
            bytes += 2 * 4L * col;
        }
        int c = chunkCount - 1;
        if (c < 0 || fill[c] + scratchLen > CHUNK) {
            c = newChunk();
        }
        if (fill[c] + scratchLen > chunks[c].length) {
            int before = chunks[c].length;
            chunks[c] = Arrays.copyOf(chunks[c], Math.min(CHUNK, chunks[c].length * 2));
            bytes += chunks[c].length - before;
        }
        System.arraycopy(scratch, 0, chunks[c], fill[c], scratchLen);
        offsets[row][count & (ROW - 1)] = c << CHUNK_BITS | fill[c];
        parents[row][count & (ROW - 1)] = parent;
        fill[c] += scratchLen;
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

    /**
     * Whether the arena is within a few chunks of the 2 GiB its int offsets can address: the explorer
     * stops there, as at a budget, instead of letting {@link #newChunk} fail.
     */
    boolean nearlyFull() {
        return chunkCount >= (1 << (31 - CHUNK_BITS)) - 4;
    }

    private int newChunk() {
        if (chunkCount == 1 << (31 - CHUNK_BITS)) {
            throw new OutOfMemoryError("state arena above 2 GiB");
        }
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
            fill = Arrays.copyOf(fill, chunkCount * 2);
        }
        chunks[chunkCount] = new byte[1 << 16];
        bytes += 1 << 16;
        return chunkCount++;
    }

    private int offset(int id) {
        return offsets[id >>> ROW_BITS][id & (ROW - 1)];
    }

    /** Where state {@code id}'s bytes end: the next state's start, or its chunk's fill level. */
    private int end(int id, int off) {
        if (id + 1 < count) {
            int next = offset(id + 1);
            if (next >>> CHUNK_BITS == off >>> CHUNK_BITS) {
                return next;
            }
        }
        int c = off >>> CHUNK_BITS;
        return c << CHUNK_BITS | fill[c];
    }

    private boolean same(int id) {
        int off = offset(id);
        int end = end(id, off);
        int within = off & (CHUNK - 1);
        return end - off == scratchLen
                && Arrays.equals(chunks[off >>> CHUNK_BITS], within, within + scratchLen, scratch, 0, scratchLen);
    }

    private static final long EMPTY = -1L;

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        bytes += 8L * old.length;
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
        for (int i = 1; i < m.sharedBase; i++) {
            put(s[i]);
        }
        for (int i = m.sharedBase; i < m.taskBase; i++) {
            putSigned(s[i]);
        }
        for (int t = 0; t < n; t++) {
            int b = m.base(t);
            int pc = s[b + Model.PC];
            put(pc);
            put(s[b + Model.CODE]); // a declared process runs its own code until a thread's exec hands it another
            if (pc == Model.ZOMBIE) {
                put(s[b + Model.PARENT]);
            }
            if (pc < Model.ALIVE) {
                if (m.keepEndedSlots && t < m.processes) {
                    for (int i = m.slotBase; i < m.allocBase; i++) {
                        putSigned(s[b + i]); // an expectation reads the ended process's variables
                    }
                }
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
                for (int i = m.allocBase; i < m.bufCount; i++) {
                    put(s[b + i]);
                }
            }
            if (m.buffered) {
                int k = s[b + m.bufCount];
                put(k);
                put(s[b + m.wmbPending]);
                for (int i = 0; i < k; i++) {
                    int e = b + m.entryBase + Model.ENTRY * i;
                    put(s[e + Model.E_CELL]);
                    putSigned(s[e + Model.E_VALUE]);
                    put(s[e + Model.E_PC]);
                }
            }
            for (int w = 0; w < m.seenWords; w++) {
                put(~s[b + m.seenBase + w]); // mostly all seen: one byte
            }
            for (int i = 0; i < m.pipes; i++) {
                put(s[b + m.holdBase + i]); // the pipe ends it holds
            }
            if (m.signals != null) {
                int f = b + m.signals.base;
                int used = SignalSteps.HANDLERS + m.signals.handled + s[f + SignalSteps.FRAMES] * SignalSteps.FRAME;
                for (int i = 0; i < used; i++) {
                    put(s[f + i]); // pending, blocked, ignored, flags, handlers, the frames in use
                }
            }
            if (m.std) {
                for (int i = 0; i < 3; i++) {
                    putSigned(s[b + m.stdBase + i]); // descriptors 0, 1 and 2 (FileSteps)
                }
            }
        }
    }

    /** Zigzag first, so a small negative value also takes one byte. */
    private void putSigned(int v) {
        put(v << 1 ^ v >> 31);
    }

    private int getSigned() {
        int z = get();
        return z >>> 1 ^ -(z & 1);
    }

    /** Reads state {@code id} back into {@code s}. */
    void unpack(int id, int[] s) {
        int off = offset(id);
        arena = chunks[off >>> CHUNK_BITS];
        pos = off & (CHUNK - 1);
        decode(s);
    }

    /**
     * Rewrites {@code s} as the store would give it back: every field the store leaves out (an
     * ended task's counters, a declared process's parent) zeroed. Two states the store holds as one
     * are then equal int for int, which is what {@link Symmetry} compares.
     */
    void normalize(int[] s) {
        pack(s);
        arena = scratch;
        pos = 0;
        decode(s);
    }

    private void decode(int[] s) {
        int n = get();
        s[0] = n;
        for (int i = 1; i < m.sharedBase; i++) {
            s[i] = get();
        }
        for (int i = m.sharedBase; i < m.taskBase; i++) {
            s[i] = getSigned();
        }
        for (int t = 0; t < n; t++) {
            int b = m.base(t);
            Arrays.fill(s, b, b + m.record, 0);
            int pc = get();
            s[b + Model.PC] = pc;
            s[b + Model.CODE] = get();
            if (pc == Model.ZOMBIE) {
                s[b + Model.PARENT] = get();
            }
            if (pc < Model.ALIVE) {
                if (m.keepEndedSlots && t < m.processes) {
                    for (int i = m.slotBase; i < m.allocBase; i++) {
                        s[b + i] = getSigned();
                    }
                }
                continue;
            }
            if (t >= m.processes) {
                s[b + Model.PARENT] = get();
                if (m.hasThreads) {
                    s[b + Model.GROUP] = get();
                }
            }
            if (m.hasPhases) {
                s[b + Model.PHASE] = get();
                s[b + Model.AUX] = get();
            }
            for (int i = Model.CNT; i < m.allocBase; i++) {
                s[b + i] = get();
            }
            if (m.usesResources) {
                for (int i = m.allocBase; i < m.bufCount; i++) {
                    s[b + i] = get();
                }
            }
            if (m.buffered) {
                int k = get();
                s[b + m.bufCount] = k;
                s[b + m.wmbPending] = get();
                for (int i = 0; i < k; i++) {
                    int e = b + m.entryBase + Model.ENTRY * i;
                    s[e + Model.E_CELL] = get();
                    s[e + Model.E_VALUE] = getSigned();
                    s[e + Model.E_PC] = get();
                }
            }
            for (int w = 0; w < m.seenWords; w++) {
                s[b + m.seenBase + w] = ~get();
            }
            for (int i = 0; i < m.pipes; i++) {
                s[b + m.holdBase + i] = get();
            }
            if (m.signals != null) {
                int f = b + m.signals.base;
                for (int i = 0; i < SignalSteps.HANDLERS + m.signals.handled; i++) {
                    s[f + i] = get();
                }
                for (int i = 0; i < s[f + SignalSteps.FRAMES] * SignalSteps.FRAME; i++) {
                    s[f + SignalSteps.HANDLERS + m.signals.handled + i] = get();
                }
            }
            if (m.std) {
                for (int i = 0; i < 3; i++) {
                    s[b + m.stdBase + i] = getSigned();
                }
            }
        }
    }

    /** The chunk being read while unpacking, and the read position in it. */
    private byte[] arena;
    private int pos;

    private int get() {
        byte x = arena[pos++];
        if (x >= 0) {
            return x; // most fields fit in one byte
        }
        int v = x & 0x7F;
        int shift = 7;
        while (true) {
            x = arena[pos++];
            v |= (x & 0x7F) << shift;
            if (x >= 0) {
                return v;
            }
            shift += 7;
        }
    }
}
