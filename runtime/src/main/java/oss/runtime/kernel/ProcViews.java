package oss.runtime.kernel;

import oss.runtime.observe.TaskState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oss.runtime.kernel.mm.AddressSpace;
import oss.runtime.kernel.mm.MemoryManager;
import oss.runtime.kernel.mm.Vma;
import oss.runtime.observe.CacheStats;
import oss.runtime.observe.MachineStats;
import oss.ir.program.Program;

/**
 * The /proc-style texts a `snapshot` records, formatted as the real files
 * and commands print them so a student can compare with a Linux box:
 * ps, free, /proc/meminfo, /proc/buddyinfo, /proc/slabinfo and /proc/PID/maps,
 * and, as a debugger would show it, each process's malloc heap (its blocks and free list).
 */
final class ProcViews {
    private ProcViews() {}

    static Map<String, String> render(List<Task> tasks, MemoryManager mm, Program program) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("ps", ps(tasks));
        String signals = oss.runtime.kernel.signal.SignalView.render(tasks);
        if (signals != null) {
            out.put("signals", signals);
        }
        if (mm != null) {
            out.put("free", free(mm, program));
            out.put("meminfo", meminfo(mm, program));
            out.put("buddyinfo", mm.zones().buddyinfo());
            out.put("slabinfo", mm.slabs().slabinfo());
            String pages = mm.filemap().view(); // issue 15: files read and written through the page cache
            if (pages != null) {
                out.put("pagecache", pages);
            }
            for (int pid = 2; pid < tasks.size(); pid++) {
                Task t = tasks.get(pid);
                AddressSpace space = mm.addressSpace(pid);
                if (t.alive() && space != null) {
                    out.put("maps/" + pid, maps(space));
                    out.put("pagetable/" + pid, pageTable(space));
                    if (space.allocator != null && t.tgid == t.pid) {
                        out.put("heap/" + pid, space.allocator.describe());
                    }
                }
            }
            StringBuilder tlb = new StringBuilder();
            for (int cpu = 0; cpu < program.machine().cpus(); cpu++) {
                tlb.append("CPU").append(cpu).append(": ").append(mm.tlb(cpu).describe().strip()).append('\n');
                // each paging-structure cache under its CPU, as the TLB is
                for (String line : mm.tlb(cpu).psc().describe().split("\n")) {
                    if (!line.isEmpty()) {
                        tlb.append(line.startsWith(" ") ? "" : "CPU" + cpu + ": ").append(line).append('\n');
                    }
                }
            }
            out.put("tlb", tlb.toString());
            StringBuilder cache = new StringBuilder();
            MachineStats stats = mm.machineStats();
            cache.append(String.format("TLB   %10d hits %10d misses%n", stats.tlbHits(), stats.tlbMisses()));
            for (CacheStats c : stats.caches()) {
                cache.append(String.format("%-5s %10d hits %10d misses %10d writebacks%n", c.name(), c.hits(),
                        c.misses(), c.writebacks()));
            }
            for (oss.runtime.observe.PscStats p : stats.psc()) {
                cache.append(String.format("%-5s %10d hits %10d misses (paging-structure cache)%n", p.name(), p.hits(),
                        p.misses()));
            }
            cache.append(String.format("%d memory accesses, %d page walks%n", stats.memoryAccesses(), stats.pageWalks()));
            out.put("cache", cache.toString());
        }
        return out;
    }

    private static String ps(List<Task> tasks) {
        StringBuilder sb = new StringBuilder(String.format("%5s %5s %-4s %s%n", "PID", "PPID", "STAT", "CMD"));
        for (int pid = 1; pid < tasks.size(); pid++) {
            Task t = tasks.get(pid);
            if (t.state == TaskState.DEAD) {
                continue;
            }
            String cmd = t.state == TaskState.ZOMBIE ? "[" + t.comm + "] <defunct>" : t.comm;
            sb.append(String.format("%5d %5d %-4s %s%n", t.pid, t.ppid, t.state.letter(), cmd));
        }
        return sb.toString();
    }

    private static String free(MemoryManager mm, Program program) {
        long totalKb = program.machine().memoryBytes() / 1024;
        long freeKb = mm.zones().freeFrames() * MemoryManager.PAGE_SIZE / 1024;
        long cacheKb = (long) mm.pageCachePages() * MemoryManager.PAGE_SIZE / 1024;
        long usedKb = totalKb - freeKb - cacheKb;
        long swapTotal = mm.swap().total() * MemoryManager.PAGE_SIZE / 1024;
        long swapUsed = mm.swap().inUse() * MemoryManager.PAGE_SIZE / 1024;
        // shmem pages are in the page cache but cannot be dropped: not available (free's "shared" column)
        long shmemKb = mm.shmem().allPages() * MemoryManager.PAGE_SIZE / 1024;
        return String.format("%15s %11s %11s %11s %11s %11s%n", "total", "used", "free", "shared", "buff/cache",
                "available") + String.format("Mem: %10d %11d %11d %11d %11d %11d%n", totalKb, usedKb, freeKb, shmemKb,
                        cacheKb, freeKb + cacheKb - shmemKb)
                + String.format("Swap: %9d %11d %11d%n", swapTotal, swapUsed, swapTotal - swapUsed);
    }

    private static String meminfo(MemoryManager mm, Program program) {
        long totalKb = program.machine().memoryBytes() / 1024;
        long freeKb = mm.zones().freeFrames() * MemoryManager.PAGE_SIZE / 1024;
        long cacheKb = (long) mm.pageCachePages() * MemoryManager.PAGE_SIZE / 1024;
        long swapTotal = mm.swap().total() * MemoryManager.PAGE_SIZE / 1024;
        long swapFree = swapTotal - mm.swap().inUse() * MemoryManager.PAGE_SIZE / 1024;
        long shmemKb = mm.shmem().allPages() * MemoryManager.PAGE_SIZE / 1024;
        return line("MemTotal", totalKb) + line("MemFree", freeKb) + line("MemAvailable", freeKb + cacheKb - shmemKb)
                + line("Cached", cacheKb) + line("Dirty", mm.filemap().dirtyPages() * MemoryManager.PAGE_SIZE / 1024)
                + line("Shmem", shmemKb)
                + line("SwapTotal", swapTotal) + line("SwapFree", swapFree);
    }

    private static String line(String key, long kb) {
        return String.format("%-16s%8d kB%n", key + ":", kb);
    }

    /** Every resident page's walk, level by level, as a student would draw it (the first 32 pages). */
    private static String pageTable(AddressSpace space) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("CR3 = frame %#x, %d table frames%n", space.pageTable.root(),
                space.pageTable.tableFrames()));
        int[] shown = {0};
        space.pageTable.forEachMapped((va, pte) -> {
            if (shown[0]++ < 32) {
                sb.append(space.pageTable.walk(va).describe().strip()).append('\n');
            }
        });
        if (shown[0] > 32) {
            sb.append("... ").append(shown[0] - 32).append(" more pages\n");
        }
        return sb.toString();
    }

    /** /proc/PID/maps: start-end perms offset dev inode path. */
    private static String maps(AddressSpace space) {
        StringBuilder sb = new StringBuilder();
        for (Vma v : space.vmas()) {
            String name = v.kind == Vma.Kind.HEAP ? "[heap]" : v.name;
            boolean fileBacked = v.file >= 0 || v.library >= 0 || v.kind == Vma.Kind.TEXT || v.kind == Vma.Kind.DATA;
            sb.append(String.format("%012x-%012x %s %08x %s %-8d %s%n", v.start, v.end, v.permissions(),
                    v.fileOffset, fileBacked ? "08:01" : v.shmid >= 0 ? "00:01" : "00:00",
                    fileBacked ? 1000 + Math.max(0, v.file) : Math.max(0, v.shmid), name).stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
