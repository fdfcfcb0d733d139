package oss.runtime.kernel.mm.alloc;

import java.util.List;

/**
 * The dedicated caches the process and file code allocate from, named as
 * /proc/slabinfo names them. Object sizes are approximate values from a
 * typical x86_64 distribution kernel (5.15–6.x, SLUB); the exact numbers move
 * with kernel version and config, and only their order of magnitude matters
 * here:
 * <ul>
 * <li>task_struct ≈ 9792 bytes (commonly seen 9.5–10.5 KiB; the arch FPU state sits at its end);</li>
 * <li>mm_struct ≈ 1152;</li>
 * <li>vm_area_struct ≈ 208 (older kernels 200, newest ~176);</li>
 * <li>files_cache (struct files_struct) ≈ 704;</li>
 * <li>filp (struct file) ≈ 256;</li>
 * <li>dentry ≈ 192;</li>
 * <li>inode_cache (a bare struct inode; ext4_inode_cache is larger) ≈ 608.</li>
 * </ul>
 * Real caches pack several task_structs into an order-3 slab; here a slab is
 * the smallest power-of-two run of frames that holds one object, so the
 * pages-per-slab column differs from a real machine's.
 */
public final class Slabs {
    public static final int TASK_STRUCT_SIZE = 9792;
    public static final int MM_STRUCT_SIZE = 1152;
    public static final int VM_AREA_STRUCT_SIZE = 208;
    public static final int FILES_STRUCT_SIZE = 704;
    public static final int FILE_SIZE = 256;
    public static final int DENTRY_SIZE = 192;
    public static final int INODE_SIZE = 608;

    private final SlabCache taskStruct;
    private final SlabCache mmStruct;
    private final SlabCache vmAreaStruct;
    private final SlabCache filesStruct;
    private final SlabCache file;
    private final SlabCache dentry;
    private final SlabCache inode;

    public Slabs(FrameProvider pages) {
        taskStruct = new SlabCache("task_struct", TASK_STRUCT_SIZE, pages);
        mmStruct = new SlabCache("mm_struct", MM_STRUCT_SIZE, pages);
        vmAreaStruct = new SlabCache("vm_area_struct", VM_AREA_STRUCT_SIZE, pages);
        filesStruct = new SlabCache("files_cache", FILES_STRUCT_SIZE, pages);
        file = new SlabCache("filp", FILE_SIZE, pages);
        dentry = new SlabCache("dentry", DENTRY_SIZE, pages);
        inode = new SlabCache("inode_cache", INODE_SIZE, pages);
    }

    public SlabCache taskStruct() {
        return taskStruct;
    }

    public SlabCache mmStruct() {
        return mmStruct;
    }

    public SlabCache vmAreaStruct() {
        return vmAreaStruct;
    }

    /** struct files_struct, the fd table; Linux calls the cache files_cache. */
    public SlabCache filesStruct() {
        return filesStruct;
    }

    /** struct file, an open file description; Linux calls the cache filp. */
    public SlabCache file() {
        return file;
    }

    public SlabCache dentry() {
        return dentry;
    }

    public SlabCache inode() {
        return inode;
    }

    /** All of them, in the order of the accessors above. */
    public List<SlabCache> caches() {
        return List.of(taskStruct, mmStruct, vmAreaStruct, filesStruct, file, dentry, inode);
    }

    /** Their /proc/slabinfo lines. */
    public String slabinfo() {
        return String.join("\n", caches().stream().map(SlabCache::slabinfo).toList());
    }
}
