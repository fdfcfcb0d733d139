package oss.runtime.kernel.mm;

/**
 * The kernel found no frame for one of its own objects (a page table, a
 * task_struct, an mm_struct, a vm_area_struct) even after evicting user
 * pages. The memory manager has undone the half-done operation when this
 * reaches the kernel, which ends the task that asked (or fails its fork).
 */
public final class KernelOutOfMemory extends RuntimeException {
    private final String object;

    public KernelOutOfMemory(String object) {
        super("no frame for " + object, null, false, false);
        this.object = object;
    }

    /** What could not be allocated, in words: "a page table", "a task_struct". */
    public String object() {
        return object;
    }
}
