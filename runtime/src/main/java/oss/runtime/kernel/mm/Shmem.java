package oss.runtime.kernel.mm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Named shmem objects, as Linux's mm/shmem.c keeps them for System V segments (ipc/shm.c) and
 * POSIX objects in /dev/shm: a RAM-backed file whose pages live in the page cache and nowhere
 * else (no disk), the same frames for every VMA that maps it. A shared anonymous mapping is an
 * unnamed one ({@link Mappings#mmap}); the objects here have a size and a name for
 * /proc/PID/maps. An object holds one reference of its own in {@code shmUsers} while its key or
 * name exists, one more per VMA mapping it; when the last goes, its pages leave memory.
 */
public final class Shmem {
    private final MemoryManager mgr;
    /** Each named object's size in bytes: a page wholly beyond it is SIGBUS, as beyond a file's end. */
    private final Map<Integer, Long> bytes = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();

    Shmem(MemoryManager mgr) {
        this.mgr = mgr;
    }

    /** A new object of {@code size} bytes named {@code name} in the maps; its own reference is held. */
    public int create(long size, String name) {
        int id = mgr.nextShm++;
        bytes.put(id, size);
        names.put(id, name);
        mgr.shmUsers.put(id, 1);
        return id;
    }

    /** ftruncate: the object's new size; pages wholly beyond it leave the page cache. */
    public void resize(int id, long size) {
        long old = bytes.getOrDefault(id, 0L);
        bytes.put(id, size);
        if (size < old) {
            long keep = (size + MemoryManager.PAGE_SIZE - 1) / MemoryManager.PAGE_SIZE;
            for (AddressSpace mm : spaces()) {
                for (Vma v : mm.vmas()) {
                    if (v.shm == id && v.end - v.start > keep * MemoryManager.PAGE_SIZE) {
                        mgr.reclaim.unmapRange(mm, Math.min(v.end, v.start + keep * MemoryManager.PAGE_SIZE), v.end);
                    }
                }
            }
            String prefix = "shm" + id + ":";
            List<String> gone = new ArrayList<>();
            for (String key : mgr.pageCache.keySet()) {
                if (key.startsWith(prefix) && Long.parseLong(key.substring(prefix.length())) >= keep) {
                    gone.add(key);
                }
            }
            for (String key : gone) {
                mgr.lifecycle.dropFromCache(key);
            }
        }
    }

    /** The object's own reference goes (IPC_RMID, shm_unlink): it lives on while a VMA maps it. */
    public void release(int id) {
        if (mgr.shmUsers.merge(id, -1, Integer::sum) <= 0) {
            mgr.lifecycle.dropFromCache("shm" + id + ":");
        }
    }

    /** References held: the VMAs mapping the object, plus one while its key or name exists. */
    public int users(int id) {
        return mgr.shmUsers.getOrDefault(id, 0);
    }

    /** Frames the object holds in the page cache now. */
    public long residentPages(int id) {
        String prefix = "shm" + id + ":";
        return mgr.pageCache.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    /** Frames of every shmem object (shared anonymous mappings too), as /proc/meminfo's Shmem line counts them. */
    public long allPages() {
        return mgr.pageCache.keySet().stream().filter(k -> k.startsWith("shm")).count();
    }

    /** A page of this object wholly beyond its size is SIGBUS; -1 for an unnamed object (no size). */
    long size(int id) {
        return bytes.getOrDefault(id, -1L);
    }

    String name(int id) {
        return names.getOrDefault(id, "");
    }

    /**
     * Maps {@code size} bytes of the object into {@code pid}'s address space (shmat, or mmap of a
     * shm_open descriptor): a new VMA, no frames until first touched. Returns its start, -1 when
     * no gap is large enough, {@link MemoryManager#MMAP_NO_KERNEL_MEMORY} when no vm_area_struct
     * could be allocated.
     */
    public long map(int pid, int id, long size, int prot, boolean shared, long fixedAddress) {
        AddressSpace mm = mgr.mmOf.get(pid);
        long len = MemoryManager.roundUp(Math.max(1, size));
        long at;
        if (fixedAddress >= 0) {
            at = fixedAddress & ~(long) (MemoryManager.PAGE_SIZE - 1);
            mgr.reclaim.unmapRange(mm, at, at + len);
            mgr.reclaim.removeVmas(mm, at, at + len);
        } else {
            at = mm.unmappedArea(len);
            if (at < 0) {
                return -1;
            }
        }
        Vma v = new Vma(at, at + len, prot, shared, Vma.Kind.MMAP, -1, -1, 0, name(id));
        v.shm = id;
        try {
            mm.add(v);
        } catch (KernelOutOfMemory e) {
            return MemoryManager.MMAP_NO_KERNEL_MEMORY;
        }
        mgr.shmUsers.merge(id, 1, Integer::sum);
        return at;
    }

    /** shmdt: the object mapped at exactly {@code addr} is unmapped; its id, or -1 when none starts there. */
    public int unmap(int pid, long addr) {
        AddressSpace mm = mgr.mmOf.get(pid);
        Vma v = mm == null ? null : mm.find(addr);
        if (v == null || v.start != addr || v.shm < 0 || !bytes.containsKey(v.shm)) {
            return -1;
        }
        int id = v.shm;
        mgr.reclaim.unmapRange(mm, v.start, v.end);
        mm.remove(v);
        mgr.lifecycle.vmaGone(v);
        return id;
    }

    /** The object's name changes in every maps line (a POSIX name unlinked: {@code (deleted)}). */
    public void rename(int id, String name) {
        names.put(id, name);
        for (AddressSpace mm : spaces()) {
            for (Vma v : mm.vmas()) {
                if (v.shm == id) {
                    v.name = name;
                }
            }
        }
    }

    /** Pids whose address space maps the object, in pid order (a thread group's counted once per task). */
    public List<Integer> mappedBy(int id) {
        List<Integer> pids = new ArrayList<>();
        mgr.mmOf.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (Vma v : e.getValue().vmas()) {
                if (v.shm == id) {
                    pids.add(e.getKey());
                    return;
                }
            }
        });
        return pids;
    }

    private List<AddressSpace> spaces() {
        List<AddressSpace> out = new ArrayList<>();
        mgr.mmOf.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!out.contains(e.getValue())) {
                out.add(e.getValue());
            }
        });
        return out;
    }
}
