package oss.runtime.kernel.mm.malloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static oss.runtime.kernel.mm.malloc.FakeMemory.HEAP_START;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import oss.ir.program.MallocSpec;
import oss.ir.program.MallocSpec.Fit;
import oss.ir.program.MallocSpec.Order;

/**
 * The free list against OSTEP's malloc.py (vm-freespace): a 100-byte heap at
 * base 1000, no header (-H 0), no alignment, any remainder split off, an
 * allocation list given with -A. Each expected line is malloc.py's
 * "Free List" dump, worked out by hand from its rules: the search runs front
 * to back (BEST/WORST keep the first of equals), a split leaves the rest at
 * the chosen block's place, free inserts by the order (a stable sort of the
 * whole list for SIZESORT), and -C merges list neighbours that touch.
 */
class MallocPyTest {
    private static final long BASE = 1000;

    /** Runs the -A list; returns what each op printed: "ret N" (or "ret -1") and the free list after it. */
    private static List<String> run(Fit fit, Order order, boolean coalesce, String ops) {
        MallocSpec spec = new MallocSpec(MallocSpec.Kind.FREELIST, 0, fit, coalesce, order, 100, 0, 1, 1);
        FreeListAllocator a = new FreeListAllocator(new FakeMemory(), 4096, spec);
        List<Long> ptr = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (String op : ops.split(",")) {
            if (op.startsWith("+")) {
                long p = a.malloc(Long.parseLong(op.substring(1)));
                ptr.add(p);
                out.add("ret " + (p == 0 ? -1 : p - HEAP_START + BASE) + " " + dump(a));
            } else {
                a.free(ptr.get(Integer.parseInt(op.substring(1))));
                out.add("free " + dump(a));
            }
        }
        return out;
    }

    private static final Pattern ENTRY = Pattern.compile("0x([0-9a-f]+)\\((\\d+)\\)");

    /** The allocator's free list in malloc.py's words: {@code [ addr:1010 sz:90 ]}. */
    private static String dump(FreeListAllocator a) {
        String d = a.describe();
        String line = d.substring(d.indexOf("free list:"));
        StringBuilder sb = new StringBuilder();
        Matcher m = ENTRY.matcher(line);
        while (m.find()) {
            long addr = Long.parseLong(m.group(1), 16) - HEAP_START + BASE;
            sb.append("[ addr:").append(addr).append(" sz:").append(m.group(2)).append(" ]");
        }
        assertEquals(a.freeListLength(), (int) ENTRY.matcher(line).results().count());
        return sb.toString();
    }

    @Test
    void bestFitAddressOrder() {
        // malloc.py -p BEST -l ADDRSORT -A +10,+20,+30,-0,-2,+25,+8,+50
        assertEquals(List.of(
                "ret 1000 [ addr:1010 sz:90 ]",
                "ret 1010 [ addr:1030 sz:70 ]",
                "ret 1030 [ addr:1060 sz:40 ]",
                "free [ addr:1000 sz:10 ][ addr:1060 sz:40 ]",
                "free [ addr:1000 sz:10 ][ addr:1030 sz:30 ][ addr:1060 sz:40 ]",
                "ret 1030 [ addr:1000 sz:10 ][ addr:1055 sz:5 ][ addr:1060 sz:40 ]",
                "ret 1000 [ addr:1008 sz:2 ][ addr:1055 sz:5 ][ addr:1060 sz:40 ]",
                "ret -1 [ addr:1008 sz:2 ][ addr:1055 sz:5 ][ addr:1060 sz:40 ]"),
                run(Fit.BEST, Order.ADDRESS, false, "+10,+20,+30,-0,-2,+25,+8,+50"));
    }

    @Test
    void worstFitTakesTheLargestAndSplitsIt() {
        // the same list with -p WORST: +25 takes the 40 at 1060, +8 the 30 at 1030
        List<String> out = run(Fit.WORST, Order.ADDRESS, false, "+10,+20,+30,-0,-2,+25,+8,+50");
        assertEquals("ret 1060 [ addr:1000 sz:10 ][ addr:1030 sz:30 ][ addr:1085 sz:15 ]", out.get(5));
        assertEquals("ret 1030 [ addr:1000 sz:10 ][ addr:1038 sz:22 ][ addr:1085 sz:15 ]", out.get(6));
        assertEquals("ret -1 [ addr:1000 sz:10 ][ addr:1038 sz:22 ][ addr:1085 sz:15 ]", out.get(7));
    }

    @Test
    void coalescingInAddressOrderGivesTheWholeHeapBack() {
        // -p FIRST -l ADDRSORT -C -A +10,+20,+30,-1,-0,-2
        List<String> out = run(Fit.FIRST, Order.ADDRESS, true, "+10,+20,+30,-1,-0,-2");
        assertEquals("free [ addr:1010 sz:20 ][ addr:1060 sz:40 ]", out.get(3));
        assertEquals("free [ addr:1000 sz:30 ][ addr:1060 sz:40 ]", out.get(4));
        assertEquals("free [ addr:1000 sz:100 ]", out.get(5));
    }

    @Test
    void insertFrontMergesOnlyWhatLandsNextToEachOtherInTheList() {
        // -p FIRST -l INSERT-FRONT -C -A +10,+20,+30,-0,-1,-2,+15: 1000..1060 are free and touch
        // in memory, but in the list 1010 sits before 1000 and 1030 before 1010, so nothing merges;
        // +15 takes the first block that fits, the 30 at 1030, and leaves 15 at its place.
        List<String> out = run(Fit.FIRST, Order.INSERT_FRONT, true, "+10,+20,+30,-0,-1,-2,+15");
        assertEquals("free [ addr:1000 sz:10 ][ addr:1060 sz:40 ]", out.get(3));
        assertEquals("free [ addr:1010 sz:20 ][ addr:1000 sz:10 ][ addr:1060 sz:40 ]", out.get(4));
        assertEquals("free [ addr:1030 sz:30 ][ addr:1010 sz:20 ][ addr:1000 sz:10 ][ addr:1060 sz:40 ]",
                out.get(5));
        assertEquals("ret 1030 [ addr:1045 sz:15 ][ addr:1010 sz:20 ][ addr:1000 sz:10 ][ addr:1060 sz:40 ]",
                out.get(6));
    }

    @Test
    void sizeDescendingWithWorstFit() {
        // -p WORST -l SIZESORT- -A +10,+20,+30,-0,-2,+5,-1
        List<String> out = run(Fit.WORST, Order.SIZE_DESCENDING, false, "+10,+20,+30,-0,-2,+5,-1");
        assertEquals("free [ addr:1060 sz:40 ][ addr:1000 sz:10 ]", out.get(3));
        assertEquals("free [ addr:1060 sz:40 ][ addr:1030 sz:30 ][ addr:1000 sz:10 ]", out.get(4));
        assertEquals("ret 1060 [ addr:1065 sz:35 ][ addr:1030 sz:30 ][ addr:1000 sz:10 ]", out.get(5));
        assertEquals("free [ addr:1065 sz:35 ][ addr:1030 sz:30 ][ addr:1010 sz:20 ][ addr:1000 sz:10 ]",
                out.get(6));
    }

    @Test
    void sizeAscendingResortsTheWholeListAfterASplit() {
        // -p BEST -l SIZESORT+ -A +10,+20,+30,-0,-2,+25,-1: the split leaves 5 at 1055 in the middle
        // of the list; the next free sorts everything, the 5 first.
        List<String> out = run(Fit.BEST, Order.SIZE_ASCENDING, false, "+10,+20,+30,-0,-2,+25,-1");
        assertEquals("free [ addr:1000 sz:10 ][ addr:1030 sz:30 ][ addr:1060 sz:40 ]", out.get(4));
        assertEquals("ret 1030 [ addr:1000 sz:10 ][ addr:1055 sz:5 ][ addr:1060 sz:40 ]", out.get(5));
        assertEquals("free [ addr:1055 sz:5 ][ addr:1000 sz:10 ][ addr:1010 sz:20 ][ addr:1060 sz:40 ]",
                out.get(6));
    }

    @Test
    void headerAndAlignmentAsMallocPyAppliesThem() {
        // -H 4 -a 4: a request is rounded up to 4, then the header is added: +3 takes 4 + 4 = 8 bytes,
        // +5 takes 8 + 4 = 12; the user pointer is the block + the header.
        MallocSpec spec = new MallocSpec(MallocSpec.Kind.FREELIST, 0, Fit.FIRST, false, Order.ADDRESS, 100, 4, 4, 1);
        FreeListAllocator a = new FreeListAllocator(new FakeMemory(), 4096, spec);
        assertEquals(HEAP_START + 4, a.malloc(3));
        assertEquals(HEAP_START + 8 + 4, a.malloc(5));
        assertEquals("[ addr:1020 sz:80 ]", dump(a));
    }
}
