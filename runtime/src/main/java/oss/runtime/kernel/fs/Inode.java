package oss.runtime.kernel.fs;

/**
 * A regular file's inode (struct inode): its number, its size and how many names link to it. The
 * bytes themselves are not simulated, only how many there are, as everything else in a run counts
 * sizes, not contents.
 */
public final class Inode {
    /** i_ino: numbered from 2 in the order the files were declared or created (1 is no inode on ext2). */
    public final long ino;
    /** The name it was declared or created under, for messages. */
    public final String path;
    /** i_size, in bytes. */
    long size;
    /** i_nlink. */
    int nlink = 1;

    Inode(long ino, String path, long size) {
        this.ino = ino;
        this.path = path;
        this.size = size;
    }

    public long size() {
        return size;
    }
}
