package oss.runtime.kernel;

import oss.runtime.observe.TaskState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;

/** Sharing and replacing address spaces: threads, exec, vfork — each number worked out by hand. */
class MemoryRunTest {
    private static final long MS = 1_000_000L;

    @Test
    void aThreadWritesIntoTheSharedAddressSpace() {
        RunResult r = RunSemanticsTest.run("""
                scenario "thread" {
                  machine { cpus 1 }
                  process P {
                    x = mmap 1 pages anon private rw
                    t = thread {
                      write x[0]
                    }
                    join t
                    read x[0]
                  }
                }
                """);
        // The thread's write faults the page in (its own counter: 1 minor fault). P then reads it
        // through the same page table: no fault for P, and the page is resident in P's address space.
        TaskReport p = RunSemanticsTest.task(r, "P");
        TaskReport thread = r.tasks().stream().filter(TaskReport::forked).findFirst().orElseThrow();
        assertEquals(0, p.memory().pageFaults());
        assertEquals(1, thread.memory().minorFaults());
        assertEquals(1, p.memory().rssPages());
        assertTrue(r.findings().isEmpty(), r.findings().toString());
    }

    @Test
    void execReplacesTheAddressSpaceButKeepsTheCounters() {
        RunResult r = RunSemanticsTest.run("""
                scenario "exec" {
                  machine { cpus 1 }
                  process P {
                    x = mmap 2 pages anon private rw
                    write x[0 .. 8 KiB]
                    exec "ls" {
                      compute 1 ms
                    }
                  }
                }
                """);
        // 2 demand-zero faults before exec; the new image has no resident page at exit; the fault
        // counters belong to the task and survive exec, as min_flt does.
        TaskReport p = RunSemanticsTest.task(r, "P");
        assertEquals(2, p.memory().minorFaults());
        assertEquals(0, p.memory().rssPages());
        assertEquals(0, p.exitStatus());
    }

    @Test
    void vforkParentSleepsUntilTheChildExecs() {
        RunResult r = RunSemanticsTest.run("""
                scenario "vfork" {
                  machine { cpus 1 }
                  process P {
                    v = vfork {
                      compute 2 ms
                      exec "sh" {
                        compute 3 ms
                      }
                    }
                    compute 1 ms
                  }
                }
                """);
        // 0: P vforks and sleeps (1 voluntary switch); the child runs 0-2 and execs, which wakes P.
        // CFS: P's vruntime 0 trails the child's 2 ms by more than the 1 ms wakeup granularity, so P
        // preempts it: P 2-3 and exits at 3; the child finishes its 3 ms at 6.
        TaskReport p = RunSemanticsTest.task(r, "P");
        TaskReport child = r.tasks().stream().filter(TaskReport::forked).findFirst().orElseThrow();
        assertEquals(3 * MS, p.finishNs());
        assertEquals(1, p.voluntarySwitches());
        assertEquals(6 * MS, child.finishNs());
    }

    @Test
    void aFirstWriteToAPrivateFilePageIsOneFault() {
        RunResult r = RunSemanticsTest.run("""
                scenario "private file" {
                  machine { cpus 1 }
                  file "/data/log" size 8 KiB
                  process A {
                    f = mmap "/data/log" private rw
                    write f[0]
                  }
                  process B arrives 10 ms {
                    f = mmap "/data/log" private rw
                    write f[0]
                  }
                }
                """);
        // A: page 0 is not in the page cache: read from the disk and copied in one fault (major),
        // as Linux's do_cow_fault does; no separate copy-on-write fault.
        // B, later: page 0 is now cached: copied out of the page cache in one minor fault.
        TaskReport a = RunSemanticsTest.task(r, "A");
        TaskReport b = RunSemanticsTest.task(r, "B");
        assertEquals(1, a.memory().majorFaults());
        assertEquals(0, a.memory().minorFaults());
        assertEquals(0, a.memory().cowFaults());
        assertEquals(0, b.memory().majorFaults());
        assertEquals(1, b.memory().minorFaults());
        assertEquals(0, b.memory().cowFaults());
    }

    @Test
    void theMainTaskExitingEndsEveryThreadOfTheProcess() {
        RunResult r = RunSemanticsTest.run("""
                scenario "exit_group" {
                  machine { cpus 2 }
                  semaphore never = 0
                  process P {
                    sleeper = thread {
                      P(never)
                    }
                    spinner = thread {
                      compute 1 s
                    }
                    compute 3 ms
                  }
                }
                """);
        // At 0 the sleeper takes CPU1 and goes to sleep on a semaphore nobody posts; the spinner
        // then gets CPU1. P returns from main at 3 ms: exit_group ends both threads there, the one
        // computing on the other CPU and the one asleep; nothing is left blocked forever.
        TaskReport p = RunSemanticsTest.task(r, "P");
        assertEquals(3 * MS, p.finishNs());
        assertEquals(3 * MS, r.endNs());
        for (TaskReport t : r.tasks()) {
            if (t.forked()) {
                assertEquals(oss.runtime.observe.TaskState.DEAD, t.state(), t.toString());
                assertEquals(3 * MS, t.finishNs(), t.toString());
            }
        }
        assertTrue(r.findings().isEmpty(), r.findings().toString());
        assertTrue(!r.deadlocked());
        TaskReport sleeper = r.tasks().stream().filter(TaskReport::forked).findFirst().orElseThrow();
        assertEquals(1, sleeper.voluntarySwitches(), "the sleeper did go to sleep before the group exit");
    }

    @Test
    void aSharedLibraryIsReadFromDiskOnceThenSharedThroughThePageCache() {
        RunResult r = RunSemanticsTest.run("""
                scenario "shared library" {
                  machine { cpus 1 }
                  library "libc.so.6" size 2 MiB
                  process A {
                    read "libc.so.6"[0 .. 8 KiB]
                  }
                  process B arrives 10 ms {
                    read "libc.so.6"[0 .. 8 KiB]
                  }
                }
                """);
        // A touches the library's first 2 pages: neither is in the page cache, each is read from the
        // disk (2 major faults). B, later, maps the same file pages: found in the page cache (2 minor).
        assertEquals(2, RunSemanticsTest.task(r, "A").memory().majorFaults());
        assertEquals(0, RunSemanticsTest.task(r, "A").memory().minorFaults());
        assertEquals(0, RunSemanticsTest.task(r, "B").memory().majorFaults());
        assertEquals(2, RunSemanticsTest.task(r, "B").memory().minorFaults());
        // B's first read hit the frame A's fault brought in: same physical address in both facts
        var factA = r.facts().stream().filter(f -> f.process().equals("A") && f.access() != null).findFirst().orElseThrow();
        var factB = r.facts().stream().filter(f -> f.process().equals("B") && f.access() != null).findFirst().orElseThrow();
        assertEquals(factA.access().paddr(), factB.access().paddr());
    }

    @Test
    void whenSwapIsFullTheOomKillerEndsTheProcess() {
        RunResult r = RunSemanticsTest.run("""
                scenario "oom" {
                  machine {
                    cpus 1
                    swap 16 KiB
                  }
                  kernel { replacement fifo }
                  process P frames 4 {
                    x = mmap 16 pages anon private rw
                    write x[0 .. 64 KiB]
                  }
                }
                """);
        // Pages 0-3 fill the 4 frames (4 demand-zero faults). Pages 4-7 each evict the oldest written
        // page to swap: 4 more faults and the 4 swap slots (16 KiB) are full. Page 8 needs a frame,
        // its victim cannot be written anywhere: out of memory, SIGKILL, exit status 128 + 9.
        TaskReport p = RunSemanticsTest.task(r, "P");
        assertEquals("SIGKILL", p.memory().signal());
        assertEquals(137, p.exitStatus());
        assertEquals(8, p.memory().minorFaults());
        assertTrue(r.findings().stream().anyMatch(d -> d.code() == oss.ir.diag.Code.OUT_OF_MEMORY),
                r.findings().toString());
    }

    @Test
    void forkCopiesNoPteOfSharedMemoryTheChildFaultsTheSameFramesIn() {
        RunResult r = RunSemanticsTest.run("""
                scenario "shmem" {
                  machine { cpus 1 }
                  process P {
                    s = mmap 2 pages anon shared rw
                    p = mmap 2 pages anon private rw
                    write s[0 .. 8 KiB]
                    write p[0 .. 8 KiB]
                    c = fork {
                      read s[0 .. 8 KiB]
                      read p[0 .. 8 KiB]
                    }
                    wait c
                  }
                }
                """);
        // P: 4 demand-zero faults. fork copies only the private pages' PTEs (read-only, COW); the
        // shared mapping's PTEs are left for faults to fill, as Linux's copy_page_range does. The
        // child: 2 minor faults for s (found in the page cache: P's frames), none for p.
        TaskReport p = RunSemanticsTest.task(r, "P");
        TaskReport child = r.tasks().stream().filter(TaskReport::forked).findFirst().orElseThrow();
        assertEquals(4, p.memory().minorFaults());
        assertEquals(2, child.memory().minorFaults());
        assertEquals(0, child.memory().majorFaults());
        var writeS = r.facts().stream().filter(f -> f.process().equals("P") && f.access() != null
                && f.span().line() == 7).findFirst().orElseThrow();
        var readS = r.facts().stream().filter(f -> f.pid() == child.pid() && f.access() != null
                && f.span().line() == 10).findFirst().orElseThrow();
        assertEquals(writeS.access().paddr(), readS.access().paddr(), "one shmem frame for both");
    }

    @Test
    void aHugeRangeIsBoundedByTheBudget() {
        RunResult r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> RunSemanticsTest.run("""
                        scenario "huge" {
                          machine { cpus 1 }
                          process P {
                            x = mmap 1 GiB anon private rw
                            write x[0 .. 1 GiB] step 1 B
                          }
                        }
                        """, oss.runtime.observe.RunOptions.defaults().withMaxEvents(1000)));
        // 2^30 writes cannot fit in 1000 events and 8000 steps: the run stops with OSS2001
        assertTrue(r.budgetExhausted());
        assertTrue(r.findings().stream().anyMatch(d -> d.code() == oss.ir.diag.Code.BUDGET_EXHAUSTED));
        assertTrue(r.machine().memoryAccesses() <= 8000 + 4096, "accesses " + r.machine().memoryAccesses());
    }

    @Test
    void execFromAThreadEndsTheOtherThreadsAndGoesOnAsTheLeader() {
        RunResult r = RunSemanticsTest.run(DE_THREAD);
        // FIFO on one CPU. P (pid 2) starts t (pid 3) and u (pid 4) and sleeps in `join t`.
        // t computes 0-1 ms and execs: de_thread kills u before it ever ran (exit 128 + 9), and the
        // new program goes on as P, the leader, whose PID t takes over: 1-3 ms. Without de_thread
        // u would run 3-13 and P's `compute 5 ms` 13-18.
        TaskReport p = RunSemanticsTest.task(r, "P");
        assertEquals(3 * MS, p.finishNs());
        assertEquals(0, p.exitStatus());
        assertEquals(2 * MS, p.cpuNs());
        TaskReport u = RunSemanticsTest.pid(r, 4);
        assertEquals(137, u.exitStatus());
        assertEquals(0, u.cpuNs());
        assertEquals(1 * MS, RunSemanticsTest.pid(r, 3).finishNs());
    }

    @Test
    void theExplorerAgreesThatDeThreadEndsAThreadThatWouldBlockForever() {
        // u waits on a semaphore nobody posts and P joins u: a deadlock in every interleaving,
        // unless t's exec ends u (and takes P over) first. With de_thread, no interleaving deadlocks.
        String text = """
                scenario "de_thread" {
                  semaphore never = 0
                  process P {
                    t = thread {
                      exec "/bin/true" {
                        compute 1 ms
                      }
                    }
                    u = thread {
                      wait never
                    }
                    join u
                  }
                }
                """;
        assertEquals("no deadlock", oss.runtime.explore.ExploreVerdictTest.explore(text, true).verdict());
        assertEquals("no deadlock", oss.runtime.explore.ExploreVerdictTest.explore(text, false).verdict());
        assertEquals("deadlock", oss.runtime.explore.ExploreVerdictTest.explore(text.replace("exec \"/bin/true\" {", "repeat 1 {"), true)
                .verdict());
    }

    static final String DE_THREAD = """
            scenario "de_thread" {
              machine { cpus 1 }
              kernel { scheduler fifo }
              process P {
                t = thread {
                  compute 1 ms
                  exec "/bin/ls" {
                    compute 2 ms
                  }
                }
                u = thread {
                  compute 10 ms
                }
                join t
                compute 5 ms
              }
            }
            """;
}
