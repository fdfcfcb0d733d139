package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.SnapshotView;
import oss.runtime.observe.TaskReport;

/**
 * System V and POSIX shared memory as shmget(2), shmat(2), shmctl(2) and shm_overview(7) tell
 * it: one set of shmem frames for every attacher, a segment marked for removal living until its
 * last detach, read-only attaches, fork inheriting attachments, /dev/shm objects and SIGBUS past
 * an object's or a file's end.
 */
class SharedMemoryTest {
    private static boolean found(RunResult r, Code code, String part) {
        return r.findings().stream().anyMatch(d -> d.code() == code && d.message().contains(part));
    }

    private static String view(RunResult r, String snapshot, String view) {
        for (SnapshotView s : r.snapshots()) {
            if (s.label().equals(snapshot)) {
                return s.views().getOrDefault(view, "");
            }
        }
        throw new AssertionError("no snapshot " + snapshot);
    }

    private static Analysis analyze(String text) {
        return Analyzer.analyze("t.oss", text, new AnalyzeOptions(RunOptions.defaults()));
    }

    private static List<Diagnostic> compile(String text) {
        return analyze(text).compilation().diagnostics();
    }

    @Test
    void twoAttachersShareOneSetOfFrames() {
        RunResult r = Runs.run("""
                scenario "shm" {
                  machine { cpus 1 }
                  semaphore done = 0
                  process W {
                    s = shmget 7 8 KiB
                    a = shmat s
                    write a[0 .. 8 KiB]
                    V(done)
                    sleep 1 ms
                  }
                  process R {
                    s = shmget 7 8 KiB
                    a = shmat s readonly
                    P(done)
                    read a[0 .. 8 KiB]
                    snapshot "both"
                  }
                }
                """);
        assertEquals(2, Runs.task(r, "W").memory().minorFaults());
        assertEquals(2, Runs.task(r, "R").memory().minorFaults());
        // the editor's hover: what each call did, in the words of ipcs and /proc
        assertTrue(r.facts().stream().anyMatch(f -> f.kind().equals("shmget") && f.process().equals("W")
                && f.summary().equals("created segment key 0x00000007: shmid 0, 8192 bytes")), r.facts().toString());
        assertTrue(r.facts().stream().anyMatch(f -> f.kind().equals("shmat") && f.process().equals("R")
                && f.summary().matches("attached shmid 0 at 0x[0-9a-f]+ \\(2 pages, r--s\\), nattch 2")),
                r.facts().toString());
        assertTrue(view(r, "both", "meminfo").contains("Shmem:                 8 kB"), view(r, "both", "meminfo"));
        String w = view(r, "both", "pagetable/2");
        String rd = view(r, "both", "pagetable/3");
        assertEquals(frames(w), frames(rd), w + "\n" + rd);
        assertTrue(view(r, "both", "maps/3").contains("r--s 00000000 00:01 0        /SYSV00000007 (deleted)"),
                view(r, "both", "maps/3"));
        // never removed: the segment outlives both processes
        assertTrue(found(r, Code.SHM_LEFT, "key 0x00000007 (shmid 0, 8192 bytes)"), r.findings().toString());
    }

    private static List<String> frames(String pagetable) {
        return pagetable.lines().filter(l -> l.contains("-> frame")).map(String::strip).toList();
    }

    @Test
    void aWriteToAReadOnlyAttachIsSigsegv() {
        RunResult r = Runs.run("""
                scenario "shm" {
                  machine { cpus 1 }
                  process P {
                    s = shmget 7 4 KiB
                    a = shmat s readonly
                    shmctl s IPC_RMID
                    write a[0]
                  }
                }
                """);
        TaskReport p = Runs.task(r, "P");
        assertEquals("SIGSEGV", p.memory().signal());
        assertTrue(found(r, Code.SEGFAULT, "without write permission"), r.findings().toString());
    }

    @Test
    void aSegmentMarkedForRemovalLivesUntilItsLastDetach() {
        RunResult r = Runs.run("""
                scenario "shm" {
                  machine { cpus 1 }
                  process P {
                    s = shmget 9 4 KiB
                    a = shmat s
                    write a[0]
                    c = fork {
                      read a[0]
                      snapshot "child attached"
                    }
                    wait c
                    shmctl s IPC_RMID
                    shmctl s IPC_RMID
                    read a[0]
                    snapshot "removed, still attached"
                    shmdt a
                    snapshot "detached"
                    t = shmget 9 8 KiB
                  }
                }
                """);
        assertEquals(0, Runs.task(r, "P").exitStatus());
        assertTrue(view(r, "removed, still attached", "meminfo").contains("Shmem:                 4 kB"));
        assertTrue(view(r, "detached", "meminfo").contains("Shmem:                 0 kB"));
        // the child inherited the attachment: a minor fault onto the parent's frame, no copy
        TaskReport child = r.tasks().stream().filter(TaskReport::forked).findFirst().orElseThrow();
        assertEquals(1, child.memory().minorFaults());
        assertEquals(0, child.memory().cowFaults());
        // the key was freed at IPC_RMID: the second shmget of key 9 makes a new segment (shmid 1)
        assertTrue(found(r, Code.SHM_LEFT, "key 0x00000009 (shmid 1, 8192 bytes)"), r.findings().toString());
        assertFalse(found(r, Code.SHM_LEFT, "shmid 0"), r.findings().toString());
        // a second IPC_RMID while still attached finds the segment by id and succeeds (shmctl(2))
        assertFalse(r.findings().stream().anyMatch(d -> d.code() == Code.SHM_BAD_ID), r.findings().toString());
    }

    @Test
    void errorsAreWarningsWithTheirErrno() {
        RunResult r = Runs.run("""
                scenario "shm" {
                  machine { cpus 1 }
                  process P {
                    s = shmget 5 4 KiB
                    t = shmget 5 8 KiB
                    b = shmat t
                    a = shmat s
                    shmdt a
                    shmdt a
                    shmctl s IPC_RMID
                    shmctl s IPC_RMID
                    shm_unlink "/nothing"
                  }
                }
                """);
        assertTrue(found(r, Code.SHM_GET_FAILED, "EINVAL"), r.findings().toString());
        assertTrue(found(r, Code.SHM_BAD_ID, "shmat of shmid -1"), r.findings().toString());
        assertTrue(found(r, Code.SHM_NOT_ATTACHED, "EINVAL"), r.findings().toString());
        assertTrue(found(r, Code.SHM_BAD_ID, "IPC_RMID) fails"), r.findings().toString());
        assertTrue(found(r, Code.SHM_NO_OBJECT, "ENOENT"), r.findings().toString());
        assertEquals(0, Runs.task(r, "P").exitStatus());
    }

    @Test
    void aPosixObjectIsSharedByParentAndChildAndOutlivesItsName() {
        RunResult r = Runs.run("""
                scenario "shm" {
                  machine { cpus 1 }
                  process P {
                    fd = shm_open "/counter" 8 KiB
                    m = mmap fd shared rw
                    write m[0]
                    c = fork {
                      read m[0]
                      write m[4 KiB]
                    }
                    wait c
                    shm_unlink "/counter"
                    read m[4 KiB]
                    snapshot "unlinked"
                  }
                }
                """);
        assertEquals(0, Runs.task(r, "P").exitStatus());
        assertEquals(2, Runs.task(r, "P").memory().minorFaults());
        assertTrue(view(r, "unlinked", "maps/2").contains("rw-s 00000000 00:00 0        /dev/shm/counter (deleted)"),
                view(r, "unlinked", "maps/2"));
        assertTrue(view(r, "unlinked", "meminfo").contains("Shmem:                 8 kB"));
        assertFalse(found(r, Code.SHM_LEFT, "counter"), r.findings().toString());
    }

    @Test
    void aPageOfAnObjectMappingBeyondTheObjectIsSigbus() {
        Analysis a = analyze("""
                scenario "bus" {
                  machine { cpus 1 }
                  process P {
                    fd = shm_open "/small" 4 KiB
                    m = mmap fd 3 pages shared rw
                    write m[100]
                    read m[8 KiB]
                  }
                  expect P.signal == SIGBUS
                  expect P.exit == 135
                }
                """);
        for (ExpectationResult e : a.expectations()) {
            assertEquals(ExpectationResult.Status.PASSED, e.status(), e.message());
        }
        assertTrue(found(a.run().orElseThrow(), Code.BUS_ERROR, "beyond the end of /dev/shm/small (4096 bytes)"),
                a.run().orElseThrow().findings().toString());
    }

    @Test
    void aReadBeyondTheEndOfAMappedFileIsSigbus() {
        Analysis a = analyze("""
                scenario "bus" {
                  machine { cpus 1 }
                  file "/data/log" size 6 KiB
                  process P {
                    f = mmap "/data/log" 4 pages shared r
                    read f[5000]
                    read f[8 KiB]
                    compute 1 ms
                  }
                  expect P.signal == SIGBUS
                  expect P.exit == 135
                  expect P.cpu < 1 ms  // the compute after the fault never ran
                }
                """);
        assertEquals(3, a.expectations().size());
        for (ExpectationResult e : a.expectations()) {
            assertEquals(ExpectationResult.Status.PASSED, e.status(), e.message());
        }
    }

    @Test
    void namesAreCheckedByKind() {
        List<Diagnostic> ds = compile("""
                scenario "shm" {
                  machine { cpus 1 }
                  process P {
                    x = mmap 4 KiB anon private rw
                    s = shmget 1 4 KiB
                    a = shmat x
                    shmdt s
                    m = mmap s shared rw
                    shmctl s IPC_RMD
                    b = shmat s rdonly
                    fd = shm_open "counter" 4 KiB
                    c = shmat q
                  }
                }
                """);
        String all = Runs.describe(ds);
        assertTrue(has(ds, Code.WRONG_KIND, 6, "`x` is a mapping made by mmap, not a shared-memory segment"), all);
        assertTrue(has(ds, Code.WRONG_KIND, 7, "`s` is a shared-memory segment from shmget, not a mapping"), all);
        assertTrue(has(ds, Code.WRONG_KIND, 8, "not a shared-memory object from shm_open"), all);
        assertTrue(has(ds, Code.UNKNOWN_NAME, 9, "did you mean `IPC_RMID`?"), all);
        assertTrue(has(ds, Code.UNKNOWN_NAME, 10, "did you mean `readonly`?"), all);
        assertTrue(has(ds, Code.SHM_BAD_NAME, 11, "\"counter\""), all);
        assertTrue(has(ds, Code.UNKNOWN_NAME, 12, "`q` is not set here"), all);
    }

    @Test
    void staticChecksKnowAnAttachedRegionsSizeAndProtection() {
        List<Diagnostic> ds = compile("""
                scenario "shm" {
                  machine { cpus 1 }
                  process P {
                    s = shmget 1 8 KiB
                    a = shmat s readonly
                    write a[0]
                    read a[8 KiB]
                    shmdt a
                    read a[0]
                  }
                }
                """);
        String all = Runs.describe(ds);
        assertTrue(has(ds, Code.WRITE_TO_READ_ONLY, 6, "without `w`"), all);
        assertTrue(has(ds, Code.ACCESS_OUTSIDE_MAPPING, 7, "beyond the 8 KiB"), all);
        assertTrue(has(ds, Code.ACCESS_OUTSIDE_MAPPING, 9, "no longer mapped"), all);
    }

    @Test
    void aRegionsSizeIsNotCertainWhenAnotherShmgetOfTheKeyAsksForMore() {
        // shmget(2) of an existing key returns the segment whatever smaller size it is given: if
        // W made it first, R's region has 16 KiB and read r[8 KiB] is fine, so no static warning
        String text = """
                scenario "shm" {
                  machine { cpus 1 }
                  process W {
                    s = shmget 3 16 KiB
                    w = shmat s
                    write w[8 KiB]
                  }
                  process R {
                    s = shmget 3 4 KiB
                    r = shmat s
                    read r[8 KiB]
                    shmctl s IPC_RMID
                  }
                }
                """;
        List<Diagnostic> ds = compile(text);
        assertFalse(ds.stream().anyMatch(d -> d.code() == Code.ACCESS_OUTSIDE_MAPPING), Runs.describe(ds));
        assertEquals(0, Runs.task(Runs.run(text), "R").exitStatus());
        // and with the same sizes everywhere, it is certain again
        List<Diagnostic> same = compile(text.replace("shmget 3 16 KiB", "shmget 3 4 KiB").replace("write w[8 KiB]",
                "write w[0]"));
        assertTrue(has(same, Code.ACCESS_OUTSIDE_MAPPING, 11, "beyond the 4 KiB"), Runs.describe(same));
    }

    private static boolean has(List<Diagnostic> ds, Code code, int line, String part) {
        return ds.stream().anyMatch(d -> d.code() == code && d.span().line() == line && d.message().contains(part));
    }
}
