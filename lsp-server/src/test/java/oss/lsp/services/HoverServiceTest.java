package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.lsp4j.Hover;
import org.junit.jupiter.api.Test;

class HoverServiceTest {
    static final String FORK = """
            scenario "fork" {
              machine {
                cpus 1
              }
              rwlock r writer_preferring
              semaphore room = 4
              process parent {
                x = mmap 4 pages anon private rw
                write x[0 .. 16 KiB] step 4 KiB
                child = fork {
                  write x[0]
                }
                wait child
                compute 3 ms
              }
            }
            """;
    final HoverService hovers = new HoverService();

    private String hover(String marked, boolean deep) {
        Cursor c = Cursor.of(marked);
        Hover h = hovers.hover(deep ? c.analysed() : c.doc(), c.pos(), () -> { });
        return h == null ? null : h.getContents().getRight().getValue();
    }

    @Test
    void unitsConvert() {
        String kib = hover(FORK.replace("step 4 KiB", "step 4 K|iB"), false);
        assertTrue(kib.contains("`4 KiB` = 4096 bytes = 4 KiB = 1 page"), kib);
        String ms = hover(FORK.replace("compute 3 ms", "compute |3 ms"), false);
        assertTrue(ms.contains("3000000 ns = 3000 µs = 3 ms = 0.003 s"), ms);
    }

    @Test
    void declarationsShowTheirConfiguration() {
        assertTrue(hover(FORK.replace("semaphore room", "semaphore ro|om"), false)
                .contains("semaphore room — initial value 4"));
        assertTrue(hover(FORK.replace("rwlock r ", "rwlock |r "), false).contains("writer-preferring"));
    }

    @Test
    void keywordsExplainTheOsIdea() {
        String h = hover(FORK.replace("  semaphore room", "  sema|phore room"), false);
        assertTrue(h.startsWith("**semaphore** — A counter"), h);
        for (String k : new String[] {"lock", "fork", "mmap", "cond_wait", "semop", "banker", "expect", "choose"}) {
            assertTrue(KeywordDocs.of(k).isPresent(), k);
        }
    }

    @Test
    void everyStatementAndDeclarationKeywordIsExplained() {
        for (String k : Keywords.ALL) {
            boolean structural = java.util.Set.of("in", "else", "any", "or", "no", "anon", "private", "shared", "at",
                    "step", "pages", "size", "min", "max", "resources", "total", "available", "alloc", "need",
                    "writer_preferring").contains(k);
            assertTrue(structural || KeywordDocs.of(k).isPresent(), "no explanation for " + k);
        }
    }

    @Test
    void settingValuesAndExpectationWordsAreExplained() {
        String src = """
                scenario "v" {
                  kernel {
                    scheduler mlfq
                    replacement lru
                    deadlock avoid
                    malloc freelist best_fit coalesce
                  }
                  banker {
                    resources A
                    total 2
                    P0 alloc 1 max 2
                    request P0 1
                  }
                  process p {
                    compute 1 ms
                  }
                  expect denied
                  expect p.signal == SIGSEGV
                }
                """;
        for (String word : new String[] {"mlfq", "lru", "avoid", "freelist", "best_fit", "coalesce", "denied", "SIGSEGV"}) {
            int at = src.indexOf(" " + word) + 2;
            String h = hover(src.substring(0, at) + "|" + src.substring(at), false);
            assertTrue(h != null && h.startsWith("**" + word + "** — "), word + ": " + h);
        }
    }

    @Test
    void memoryStatementShowsTheWalkAfterTheRun() {
        String h = hover(FORK.replace("    write x[0 .. 16", "    wr|ite x[0 .. 16"), true);
        assertTrue(h.contains("virtual address"), h);
        assertTrue(h.contains("| fault | minor |") || h.contains("fault"), h);
        assertTrue(h.contains("TLB"), h);
        assertTrue(h.contains("**parent** (pid 2)"), h);
        // the frame in hexadecimal, as the entries that point at it ("frame 0x…")
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\| frame \\| `0x([0-9a-f]+)`").matcher(h);
        assertTrue(m.find(), h);
        assertTrue(h.contains("frame 0x" + m.group(1)), h);
    }

    @Test
    void theWalkSaysWhereThePagingStructureCachesLetItStart() {
        // x[0]'s first touch walks from the root and faults; the next page's walk (4 KiB on, the same
        // 2 MiB region) finds its PT through the PDE the retry cached, and reads the PTE alone
        String first = hover(FORK.replace("    write x[0 .. 16", "    wr|ite x[0 .. 16"), true);
        assertTrue(first.contains("| page walk | paging-structure caches missed: walk starts at the PML4, 1 read |"),
                first);
        String next = hover(FORK.replace("    write x[0 .. 16 KiB] step 4 KiB", "    write x[0]\n    wr|ite x[4 KiB]"),
                true);
        assertTrue(next.contains("| page walk | PDE cache hit: walk starts at the PT, 1 read |"), next);
    }

    @Test
    void aForkedChildIsStarredAsInTheRunsTable() {
        String h = hover(FORK.replace("      write x[0]\n", "      wr|ite x[0]\n"), true);
        assertTrue(h.contains("**parent\\*** (pid 3)"), h);
    }

    @Test
    void aPipeCallShowsTheFillLevel() {
        String h = hover("""
                scenario "p" {
                  process w {
                    p = pipe
                    write p.write 12 KiB
                    close p.write
                  }
                }
                """.replace("write p.write", "wr|ite p.write"), true);
        assertTrue(h.contains("pipe p: 12 KiB written; 12 KiB of 64 KiB buffered"), h);
    }

    @Test
    void aDescriptorCallShowsTheTableAfterIt() {
        // open gives 3 at offset 0; the read moves it to 2048; 0, 1 and 2 are the terminal's
        String h = hover("""
                scenario "f" {
                  file "/in" size 8 KiB
                  process r {
                    f = open "/in" O_RDONLY
                    read f 2 KiB
                    close f
                  }
                }
                """.replace("read f 2", "re|ad f 2"), true);
        assertTrue(h.contains("- descriptors 0, 1, 2: the terminal /dev/tty\n- descriptor 3: \"/in\" (read-only), offset 2048"
                + " of 8192"), h);
    }

    static final String TALK = """
            scenario "talk" {
              process w {
                int n = 0
                int buf[4]
                p = pipe
                q = msgget 42
                msgsnd q type 1 10
                n = msgrcv q type 1
                s = shmget 7 4 KiB
                a = shmat s
                r = shmdt a
                f = shm_open "/x" 4 KiB
                close p.write
              }
            }
            """;

    @Test
    void namesACallMadeSayWhatTheyHold() {
        // Each of these once said "a loop variable": the hover fell through to it for every kind it did not list.
        assertEquals("`p`: a pipe of process w: `p.read` is its read end, `p.write` its write end, both inherited by fork",
                hover(TALK.replace("    p = pipe", "    |p = pipe"), false));
        assertEquals("`q`: a System V message queue's id (msqid), from msgget",
                hover(TALK.replace("    q = msgget", "    |q = msgget"), false));
        assertEquals("`s`: a System V shared-memory segment's id (shmid), from shmget",
                hover(TALK.replace("    s = shmget", "    |s = shmget"), false));
        assertEquals("`a`: the address shmat attached the segment at, for `read`, `write` and `shmdt`",
                hover(TALK.replace("    a = shmat", "    |a = shmat"), false));
        assertEquals("`r`: the call's result: 0, or -1 when it failed",
                hover(TALK.replace("    r = shmdt", "    |r = shmdt"), false));
        assertEquals("`f`: a descriptor of a POSIX shared-memory object (in /dev/shm), from shm_open, for `mmap`",
                hover(TALK.replace("    f = shm_open", "    |f = shm_open"), false));
        assertEquals("`n`: an int variable of process w (its threads share it)",
                hover(TALK.replace("    n = msgrcv", "    |n = msgrcv"), false));
        assertEquals("`buf`: an int array of process w (its threads share it)",
                hover(TALK.replace("int buf[4]", "int b|uf[4]"), false));
    }

    @Test
    void readAndWriteOnADescriptorAreTheSystemCallsNotMemoryAccesses() {
        // Seen in code-server: hovering `write p.write 96 KiB` said "may take a copy-on-write fault".
        String pipe = """
                scenario "p" {
                  process w {
                    p = pipe
                    x = mmap 1 pages anon private rw
                    write p.write 12 KiB
                    n = read p.read 4 KiB
                    write x[0]
                  }
                }
                """;
        String w = hover(pipe.replace("write p.write", "wr|ite p.write"), false);
        assertTrue(w.startsWith("**write** — `write FD PAYLOAD [nowait]`: write(2) to a pipe or FIFO"), w);
        assertTrue(w.contains("PIPE_BUF (4 KiB)") && !w.contains("copy-on-write"), w);
        // a descriptor may be a regular file too (open "/f" O_WRONLY): its offset moves
        assertTrue(w.contains("To a regular file: at the file's offset, or at its end with O_APPEND"), w);
        String r = hover(pipe.replace("n = read", "n = re|ad"), false);
        assertTrue(r.startsWith("**read** — `n = read FD SIZE [nowait]` or `read FD into y`: read(2)"), r);
        assertTrue(r.contains("From a regular file: up to SIZE bytes at the file's offset"), r);
        assertTrue(r.contains("0 (end of file)"), r);
        String m = hover(pipe.replace("write x[0]", "wr|ite x[0]"), false);
        assertTrue(m.startsWith("**write** — Write memory"), m);
    }

    @Test
    void forkShowsTheChildsPid() {
        String h = hover(FORK.replace("child = fork {", "child = fo|rk {"), true);
        assertTrue(h.contains("fork() returned"), h);
    }

    @Test
    void processShowsItsTurnaround() {
        String h = hover(FORK.replace("process parent", "process par|ent"), true);
        assertTrue(h.contains("turnaround"), h);
    }

    @Test
    void aStatementFiveTasksReachedSaysHowManyItDoesNotList() {
        String phil = """
                scenario "p" {
                  mutex fork[5]
                  process philosopher[i in 0..4] {
                    lock fork[i]
                    sleep 1 ms
                    lock fork[(i + 1) % 5]
                    unlock fork[(i + 1) % 5]
                    unlock fork[i]
                  }
                }
                """;
        String h = hover(phil.replace("    lock fork[i]", "    lo|ck fork[i]"), true);
        assertTrue(h.contains("… and 1 more (philosopher[4] (pid 6))"), h);
    }

    @Test
    void nothingOnBlankSpace() {
        assertNull(hover(FORK.replace("  machine {", "|\n  machine {"), false));
    }
}
