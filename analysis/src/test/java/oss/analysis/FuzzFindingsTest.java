package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.ir.diag.Diagnostic;

/** Internal errors the fuzz harness (cli FuzzTest, bench/fuzz) found, each reduced to a few lines. */
class FuzzFindingsTest {
    private static Analysis check(String text) {
        Analysis a = Analyzer.analyze("f.oss", text, AnalyzeOptions.defaults());
        for (Diagnostic d : a.diagnostics()) {
            assertFalse(d.code().id().equals("OSS9001"), d.message());
        }
        return a;
    }

    @Test
    void aForkAfterAPartialDeadlockDoesNotOverrunTheExplorersMarks() {
        // the explorer grew its walk array but not its marks when a fork added a task
        Analysis a = check("""
                scenario "f" {
                  mutex m
                  process P0 {
                    c0 = fork {
                      c1 = fork {
                        lock m
                      }
                    }
                    lock m
                    c4 = fork { }
                  }
                }
                """);
        assertTrue(a.explore().isPresent());
    }

    @Test
    void memoryStatementsInsideSeqWriteAndChooseGetAMemoryManager() {
        // the run decided it needed no memory manager without looking into these bodies
        check("""
                scenario "f" {
                  seqlock sq
                  process P0 {
                    seq_write sq {
                      brk +11 pages
                    }
                  }
                }
                """);
        Analysis a = check("""
                scenario "f" {
                  process P0 {
                    choose {
                      x = mmap 4 KiB anon private rw
                      write x[0]
                    } or {
                      compute 1 ms
                    }
                  }
                }
                """);
        assertTrue(a.run().isPresent());
    }
}
