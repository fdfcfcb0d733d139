package oss.runtime.kernel.mm.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlabsTest {

    @Test
    void cachesCarryLinuxNames() {
        var s = new Slabs(new ScriptedFrames(100));
        assertEquals(List.of("task_struct", "mm_struct", "vm_area_struct", "files_cache", "filp", "dentry", "inode_cache"),
                s.caches().stream().map(SlabCache::name).toList());
    }

    @Test
    void geometryFollowsTheObjectSizes() {
        var s = new Slabs(new ScriptedFrames(100));
        assertEquals(1, s.taskStruct().objectsPerSlab()); // 9792 bytes need 3 pages -> a 4-page slab, 1 object
        assertEquals(4, s.taskStruct().pagesPerSlab());
        assertEquals(3, s.mmStruct().objectsPerSlab()); // 4096 / 1152
        assertEquals(19, s.vmAreaStruct().objectsPerSlab()); // 4096 / 208
        assertEquals(16, s.file().objectsPerSlab()); // 4096 / 256
        assertEquals(21, s.dentry().objectsPerSlab()); // 4096 / 192
        assertEquals(6, s.inode().objectsPerSlab()); // 4096 / 608
    }

    @Test
    void twentySecondDentryOpensASlab() {
        var s = new Slabs(new ScriptedFrames(100));
        for (int i = 0; i < 22; i++) {
            s.dentry().alloc();
        }
        assertEquals(2, s.dentry().slabs());
        assertEquals(0, s.inode().slabs());
    }
}
