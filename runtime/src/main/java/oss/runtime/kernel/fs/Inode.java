package oss.runtime.kernel.fs;

/**
 * A regular file's inode (struct inode): its number, its size and how many names link to it. The
 * bytes themselves are not simulated, only how many there are, as everything else in a run counts
 * sizes, not contents.
 */
public final class Inode {
    /** What i_mode's S_IFMT bits say it is. */
    public enum Type {
        /** S_IFREG. */
        REGULAR,
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
    /** i_ino: numbered from 2 in the order the files were declared or created (1 is no inode on ext2). */
    public final long ino;
    /** The name it was declared or created under, for messages. */
    public final String path;
    /** i_size, in bytes. */
    long size;
    /** i_nlink. */
    int nlink = 1;
    /**
     * Which file's pages the page cache holds (its address_space): a declared file's index, as
     * mmap names it, so read and mmap share pages; a created file's comes after them.
     */
    int mapping = -1;

    Inode(long ino, String path, long size) {
        this(ino, path, size, Type.REGULAR);
    }

    Inode(long ino, String path, long size, Type type) {
        this.type = type;
        this.ino = ino;
        this.path = path;
        this.size = size;
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
}
