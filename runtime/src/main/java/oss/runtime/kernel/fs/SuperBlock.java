package oss.runtime.kernel.fs;

/**
 * The simulated file system's super block (struct super_block, ext4's counts): the block size and
 * how many blocks and inodes there are and are used, which df prints. One file system, mounted on
 * {@code /}. Its size is 1 GiB with one inode per 16 KiB (mke2fs's default inode_ratio), or, when
 * the scenario's declared files need more than half of that, the smallest power of two twice what
 * they take. No blocks are reserved for root and no journal or metadata is counted: Used is the
 * files' and directories' data blocks, so Size = Used + Avail exactly.
 */
public final class SuperBlock {
    /** s_blocksize: 4 KiB, the page size, as mke2fs picks for a file system of this size. */
    public static final long BLOCK_SIZE = 4096;
    /** Bytes per inode, mke2fs.conf's inode_ratio. */
    static final long INODE_RATIO = 16384;
    private static final long DEFAULT_BYTES = 1L << 30;

    /** s_blocks_count, s_inodes_count. */
    public final long blocks;
    public final long inodes;
    long usedBlocks;
    long usedInodes;

    /** A file system for files taking {@code declared} bytes in all. */
    SuperBlock(long declared) {
        long bytes = DEFAULT_BYTES;
        // bounded: a long doubles at most 63 times
        while (bytes < 2 * declared && bytes < Long.MAX_VALUE / 4) {
            bytes *= 2;
        }
        this.blocks = bytes / BLOCK_SIZE;
        this.inodes = bytes / INODE_RATIO;
    }

    public long usedBlocks() {
        return usedBlocks;
    }

    public long usedInodes() {
        return usedInodes;
    }

    /** The fixed device name df prints in its first column. */
    public String device() {
        return "/dev/sda1";
    }
}
