package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.runtime.observe.AccessFact;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.StatementFact;

/** The per-statement facts an editor shows on hover, checked against what the run must have seen. */
class StatementFactsTest {

    private static StatementFact at(RunResult r, int line, String process) {
        return r.facts().stream().filter(f -> f.span().line() == line && f.process().equals(process)).findFirst()
                .orElseThrow(() -> new AssertionError("no fact at line " + line + " for " + process + ": " + r.facts()));
    }

    @Test
    void lockWaitsAndHoldTimes() {
        RunResult r = RunSemanticsTest.run("""
                scenario "facts" {
                  machine { cpus 2 }
                  mutex m
                  process A {
                    lock m
                    compute 3 ms
                    unlock m
                  }
                  process B {
                    compute 1 ms
                    lock m
                    unlock m
                  }
                }
                """);
        // A takes m at 0 and holds it 3 ms; B asks at 1 ms and waits until A's unlock at 3 ms: 2 ms.
        assertTrue(at(r, 5, "A").summary().contains("was free"), at(r, 5, "A").summary());
        assertTrue(at(r, 7, "A").summary().contains("held by A (pid 2) for 3 ms"), at(r, 7, "A").summary());
        assertTrue(at(r, 11, "B").summary().contains("waited 2 ms (from 1 ms to 3 ms)"), at(r, 11, "B").summary());
    }

    @Test
    void pageWalkOfTheFirstAccessAndTotalsOfAPageList() {
        RunResult r = RunSemanticsTest.run("""
                scenario "facts" {
                  machine { cpus 1 }
                  kernel { replacement lru }
                  process P frames 3 {
                    x = mmap 8 pages anon private rw
                    access x pages [7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1]
                    read x[0]
                  }
                }
                """);
        StatementFact mmap = at(r, 5, "P");
        assertTrue(mmap.summary().contains("8 pages"), mmap.summary());
        StatementFact refs = at(r, 6, "P");
        // 20 references, 12 faults (LRU, 3 frames), all demand-zero (the pages are only read)
        assertTrue(refs.summary().contains("20 accesses, 12 faults (12 minor, 0 major"), refs.summary());
        AccessFact first = refs.access();
        assertNotNull(first);
        // page 7 of the mapping, first touch: a fresh page table, so the walk stops at an empty PML4 entry
        assertEquals("minor", first.fault());
        assertEquals(1, first.walk().size());
        assertEquals("PML4", first.walk().get(0).name());
        assertEquals(0, first.walk().get(0).entry());
        // x[0] is page 0, resident after the list (the last references were 7, 0, 1): no fault, TLB hit
        StatementFact read = at(r, 7, "P");
        assertEquals("none", read.access().fault());
        assertTrue(read.access().tlbHit(), read.summary());
        assertNull(read.access().walk(), "a TLB hit walks nothing");
    }

    @Test
    void theWalkSaysWhereThePagingStructureCachesLetItStart() {
        RunResult r = RunSemanticsTest.run("""
                scenario "facts" {
                  machine { cpus 1 }
                  process P {
                    x = mmap 8 pages anon private rw
                    write x[0]
                    write x[4 KiB]
                  }
                }
                """);
        // x[0]: a fresh page table, every cache empty: the walk reads the empty PML4 entry and faults
        AccessFact first = at(r, 5, "P").access();
        assertEquals("paging-structure caches missed: walk starts at the PML4, 1 read", first.walkNote());
        // x[4 KiB]: the retry of x[0] cached its PDE; x is within one 2 MiB region (0x7ffff7ff7000 ..), so
        // the next page's PT is the same: the walk reads the (empty) PTE alone, then faults
        AccessFact second = at(r, 6, "P").access();
        assertEquals("PDE cache hit: walk starts at the PT, 1 read", second.walkNote());
        assertTrue(at(r, 6, "P").details().get(0).contains("(PDE cache hit: walk starts at the PT, 1 read)"),
                at(r, 6, "P").details().toString());
        // without the caches, no note and the walk reads all four entries
        RunResult off = RunSemanticsTest.run("""
                scenario "facts" {
                  machine { cpus 1  psc off }
                  process P {
                    x = mmap 8 pages anon private rw
                    write x[0]
                    write x[4 KiB]
                  }
                }
                """);
        assertNull(at(off, 6, "P").access().walkNote());
        assertEquals(4, at(off, 6, "P").access().walk().size());
    }

    @Test
    void forkTellsTheChildsPid() {
        RunResult r = RunSemanticsTest.run("""
                scenario "facts" {
                  process P {
                    c = fork {
                      compute 1 ms
                    }
                    wait c
                  }
                }
                """);
        // P is pid 2; its child is the next pid, 3
        assertTrue(at(r, 3, "P").summary().startsWith("fork() returned 3"), at(r, 3, "P").summary());
        assertEquals(List.of(), at(r, 3, "P").details(), "without memory there is nothing shared to report");
    }
}
