package oss.runtime.kernel.mm;

import oss.ir.program.Op;

/**
 * A vm_area_struct: one contiguous range [start, end) of an address space
 * with one protection and one backing. Page-aligned. A file mapping knows
 * its file and the file offset of {@code start}.
 */
public final class Vma {
    /** What a /proc/PID/maps line would name it. */
    public enum Kind { TEXT, DATA, BSS, HEAP, MMAP, FILE, LIBRARY, STACK }

    public final long start;
    public long end;
    public final int prot;
    public final boolean shared;
    public final Kind kind;
    /** Index into Program.files(), or -1. */
    public final int file;
    /** Library index for LIBRARY mappings, or -1. */
    public final int library;
    public final long fileOffset;
    /** Not final: a POSIX shared-memory object's maps line says {@code (deleted)} once its name is unlinked. */
    public String name;
    /**
     * For a shared anonymous mapping, the id of the shmem object behind it
     * (its pages live in the page cache, so a forked child finds them by
     * faulting); -1 otherwise.
     */
    public int shm = -1;
    /** A System V segment's shmid, which /proc/PID/maps shows as the inode (on device 00:01); -1 otherwise. */
    public long shmid = -1;

    public Vma(long start, long end, int prot, boolean shared, Kind kind, int file, int library, long fileOffset,
            String name) {
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.shared = shared;
        this.kind = kind;
        this.file = file;
        this.library = library;
        this.fileOffset = fileOffset;
        this.name = name;
    }

    public boolean contains(long va) {
        return va >= start && va < end;
    }

    public boolean readable() {
        return (prot & Op.PROT_READ) != 0;
    }

    public boolean writable() {
        return (prot & Op.PROT_WRITE) != 0;
    }

    public boolean anonymous() {
        return file < 0 && library < 0;
    }

    public long pages(int pageSize) {
        return (end - start) / pageSize;
    }

    public Vma copy() {
        Vma v = new Vma(start, end, prot, shared, kind, file, library, fileOffset, name);
        v.shm = shm;
        v.shmid = shmid;
        return v;
    }

    /** The permission letters of /proc/PID/maps: {@code rw-p}. */
    public String permissions() {
        return ((prot & Op.PROT_READ) != 0 ? "r" : "-") + ((prot & Op.PROT_WRITE) != 0 ? "w" : "-")
                + ((prot & Op.PROT_EXEC) != 0 ? "x" : "-") + (shared ? "s" : "p");
    }

    @Override
    public String toString() {
        return String.format("%x-%x %s %s", start, end, permissions(), name);
    }
}
