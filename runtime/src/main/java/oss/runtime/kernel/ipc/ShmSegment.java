package oss.runtime.kernel.ipc;

/**
 * A System V shared-memory segment, Linux's shmid_kernel: its key, its id, its size, its creator,
 * whether IPC_RMID marked it for removal (SHM_DEST, "dest" in ipcs), and the shmem object that
 * holds its pages in RAM. How many attach it (shm_nattch) is the object's VMA count, so fork,
 * exit and munmap keep it right without telling the segment.
 */
public final class ShmSegment {
    public final int key;
    public final int id;
    public final long bytes;
    public final int creatorPid;
    /** The mm's shmem object behind the segment. */
    final int object;
    boolean removed;

    ShmSegment(int key, int id, long bytes, int creatorPid, int object) {
        this.key = key;
        this.id = id;
        this.bytes = bytes;
        this.creatorPid = creatorPid;
        this.object = object;
    }

    public boolean removed() {
        return removed;
    }
}
