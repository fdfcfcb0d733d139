package oss.runtime.hw.mem;

/**
 * Simulated RAM, divided into frames of {@code pageSize} bytes. Only frames
 * that have actually been written hold storage (a frame's words are
 * allocated on its first write), so a 256 MiB machine whose programs touch a
 * few pages costs a few pages. Unwritten memory reads as zero.
 *
 * <p>Two word sizes exist because the two page-table formats store their
 * entries differently: 8-byte words for x86_64 PTEs, 4-byte words for x86_32
 * PTEs. Both are little-endian views of the same bytes, as on x86, and both
 * must be naturally aligned (a PTE always is).
 */
public final class PhysicalMemory {
    private final long bytes;
    private final int pageSize;
    private final long frames;
    private final int pageShift;
    /**
     * frame number → that frame's 8-byte words, or null: a directory of
     * chunks of {@link #CHUNK} frames, each chunk allocated on the first write
     * into it, so a lookup is two array reads and a machine of many GiB costs
     * one small directory until its frames are written.
     */
    private final long[][][] stored;
    private long storedCount;
    private static final int CHUNK_SHIFT = 10;
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    public PhysicalMemory(long bytes, int pageSize) {
        if (pageSize < 8 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two of at least 8 bytes: " + pageSize);
        }
        if (bytes <= 0 || bytes % pageSize != 0) {
            throw new IllegalArgumentException("memory size " + bytes + " is not a positive multiple of the page size " + pageSize);
        }
        this.bytes = bytes;
        this.pageSize = pageSize;
        this.frames = bytes / pageSize;
        this.pageShift = Integer.numberOfTrailingZeros(pageSize);
        this.stored = new long[Math.toIntExact((frames + CHUNK - 1) >>> CHUNK_SHIFT)][][];
    }

    public long frames() {
        return frames;
    }

    public int pageSize() {
        return pageSize;
    }

    /** The 8-byte word at {@code paddr} (8-aligned). */
    public long readWord(long paddr) {
        check(paddr, 8);
        long[] words = storedWords(paddr >>> pageShift);
        return words == null ? 0 : words[slot(paddr)];
    }

    public void writeWord(long paddr, long value) {
        check(paddr, 8);
        words(paddr)[slot(paddr)] = value;
    }

    /** The 4-byte word at {@code paddr} (4-aligned), unsigned, in a long. */
    public long readInt(long paddr) {
        check(paddr, 4);
        long[] words = storedWords(paddr >>> pageShift);
        if (words == null) {
            return 0;
        }
        return (words[slot(paddr)] >>> shiftOf(paddr)) & 0xFFFF_FFFFL;
    }

    /** Stores an unsigned 32-bit value; anything wider is a bug in the caller. */
    public void writeInt(long paddr, long value) {
        check(paddr, 4);
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(String.format("%#x does not fit in a 4-byte word", value));
        }
        long[] words = words(paddr);
        int slot = slot(paddr);
        int shift = shiftOf(paddr);
        words[slot] = (words[slot] & ~(0xFFFF_FFFFL << shift)) | (value << shift);
    }

    /** Clears a frame: its storage is dropped, so it reads as zero and costs nothing. */
    public void zeroFrame(long frame) {
        if (frame < 0 || frame >= frames) {
            throw new IllegalArgumentException("frame " + frame + " outside 0.." + (frames - 1));
        }
        long[][] chunk = stored[(int) (frame >>> CHUNK_SHIFT)];
        if (chunk != null && chunk[(int) (frame & (CHUNK - 1))] != null) {
            chunk[(int) (frame & (CHUNK - 1))] = null;
            storedCount--;
        }
    }

    /** How many frames currently hold storage (have been written since last zeroed). */
    public long storedFrames() {
        return storedCount;
    }

    private long[] storedWords(long frame) {
        long[][] chunk = stored[(int) (frame >>> CHUNK_SHIFT)];
        return chunk == null ? null : chunk[(int) (frame & (CHUNK - 1))];
    }

    private long[] words(long paddr) {
        long frame = paddr >>> pageShift;
        int c = (int) (frame >>> CHUNK_SHIFT);
        long[][] chunk = stored[c];
        if (chunk == null) {
            chunk = stored[c] = new long[CHUNK][];
        }
        long[] words = chunk[(int) (frame & (CHUNK - 1))];
        if (words == null) {
            words = chunk[(int) (frame & (CHUNK - 1))] = new long[pageSize / 8];
            storedCount++;
        }
        return words;
    }

    private int slot(long paddr) {
        return (int) ((paddr & (pageSize - 1)) >>> 3);
    }

    /** Little-endian: the int at the lower address is the low half of the 8-byte word. */
    private static int shiftOf(long paddr) {
        return (paddr & 4) == 0 ? 0 : 32;
    }

    private void check(long paddr, int size) {
        if (paddr < 0 || paddr > bytes - size) {
            throw new IllegalArgumentException(String.format("physical address %#x outside RAM of %d bytes", paddr, bytes));
        }
        if (paddr % size != 0) {
            throw new IllegalArgumentException(String.format("physical address %#x is not %d-byte aligned", paddr, size));
        }
    }
}
