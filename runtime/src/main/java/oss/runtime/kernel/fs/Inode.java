package oss.runtime.kernel.fs;

import java.util.Map;
import java.util.TreeMap;

/**
 * An inode (struct inode): its number, type, size, how many names link to it and which of its
 * 4 KiB blocks are allocated. The bytes themselves are not simulated, only how many there are, as
 * everything else in a run counts sizes, not contents. It outlives its last name while an open
 * file refers to it (i_count), which is how an unlinked open file keeps its data.
 */
public final class Inode {
    /** What i_mode's S_IFMT bits say it is. */
    public enum Type {
        /** S_IFREG. */
        REGULAR,
        /** S_IFDIR. */
        DIRECTORY,
        /** S_IFLNK: its contents are the path it points to. */
        SYMLINK,
        /** S_IFCHR: the terminal, whose reads and writes go to no file's size. */
        CHAR_DEVICE
    }

    /**
     * The terminal every process starts with on 0, 1 and 2. It lives on devtmpfs, not on the
     * simulated file system, so it has no number there and counts in no df or du; nothing in it
     * changes, so every table can share it.
     */
    private static final Inode TTY = new Inode(0, "/dev/tty", 0, Type.CHAR_DEVICE);

    public final Type type;
    /** i_ino: the root is 2 and the others count from 11, as on ext4 (1 and 3 to 10 are reserved). */
    public final long ino;
    /** The name it was declared or created under, for messages; "(deleted)" added when its last name goes. */
    String path;
    /** i_size, in bytes. */
    long size;
    /** i_nlink: names (for a directory, its name, its "." and each subdirectory's ".."). */
    int nlink = 1;
    /**
     * Which file's pages the page cache holds (its address_space): a declared file's index, as
     * mmap names it, so read and mmap share pages; a created file's comes after them.
     */
    int mapping = -1;
    /**
     * Mode 0444 rather than 0644: a file line ending in {@code readonly}. The scenario's processes are
     * not root, so open(2) for writing fails with EACCES (a created file is always writable).
     */
    boolean readOnly;
    /** i_count's share that open files hold: the inode and its blocks stay while it is above 0. */
    int opens;
    /** A symbolic link's target, as written. */
    final String target;
    /** Allocated blocks as extents, first block to one past the last, merged: a sparse file has gaps. */
    private final TreeMap<Long, Long> extents = new TreeMap<>();
    private long blocks;

    Inode(long ino, String path, long size) {
        this(ino, path, size, Type.REGULAR);
    }

    Inode(long ino, String path, long size, Type type) {
        this(ino, path, size, type, null);
    }

    Inode(long ino, String path, long size, Type type, String target) {
        this.type = type;
        this.ino = ino;
        this.path = path;
        this.size = size;
        this.target = target;
    }

    static Inode tty() {
        return TTY;
    }

    public boolean regular() {
        return type == Type.REGULAR;
    }

    public long size() {
        return size;
    }

    public int nlink() {
        return nlink;
    }

    public String path() {
        return path;
    }

    /** Allocated 4 KiB blocks (what du and df count). */
    public long blocks() {
        return blocks;
    }

    /** st_blocks: 512-byte units allocated, as stat(2) counts them. */
    public long sectors() {
        return blocks * (SuperBlock.BLOCK_SIZE / 512);
    }

    /** Allocates the blocks bytes [from, to) fall in; how many were new. */
    long allocate(long from, long to) {
        if (to <= from) {
            return 0;
        }
        long first = from / SuperBlock.BLOCK_SIZE;
        long end = (to + SuperBlock.BLOCK_SIZE - 1) / SuperBlock.BLOCK_SIZE;
        long before = blocks;
        // merge with every extent that touches [first, end): bounded by the extents there are
        Map.Entry<Long, Long> e = extents.floorEntry(end);
        while (e != null && e.getValue() >= first) {
            first = Math.min(first, e.getKey());
            end = Math.max(end, e.getValue());
            blocks -= e.getValue() - e.getKey();
            extents.remove(e.getKey());
            e = extents.floorEntry(end);
        }
        extents.put(first, end);
        blocks += end - first;
        return blocks - before;
    }

    /** Frees every block (O_TRUNC, or the last reference gone); how many there were. */
    long free() {
        long n = blocks;
        extents.clear();
        blocks = 0;
        return n;
    }
}
