package oss.compiler.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FormatterTest {
    @Test
    void canonicalLayout() {
        String in = """
                scenario "t"{ machine{cpus 4 clock 3 GHz}
                mutex m ; semaphore s=1
                process A nice -5
                {
                P( s ) ; lock m // take it


                compute (1+2)*3 ms
                c = fork{exit 3}
                trylock m { unlock m } else { sleep 1 ms }
                unlock m; V(s) ; wait c
                }
                banker {
                resources A B
                total 10 5
                P0 alloc 1 0 max 10 5
                request P0 1 0
                }
                expect A.exit==0
                expect no deadlock
                }
                """;
        String want = """
                scenario "t" {
                  machine {
                    cpus 4
                    clock 3 GHz
                  }

                  mutex m
                  semaphore s = 1

                  process A nice -5 {
                    P(s)
                    lock m  // take it

                    compute (1 + 2) * 3 ms
                    c = fork {
                      exit 3
                    }
                    trylock m {
                      unlock m
                    } else {
                      sleep 1 ms
                    }
                    unlock m
                    V(s)
                    wait c
                  }

                  banker {
                    resources    A  B
                    total       10  5
                    P0 alloc     1  0  max  10  5
                    request P0   1  0
                  }

                  expect A.exit == 0
                  expect no deadlock
                }
                """;
        assertEquals(want, Formatter.format(in).orElseThrow());
        assertEquals(want, Formatter.format(want).orElseThrow());
    }

    @Test
    void syntaxErrorsGiveNothing() {
        assertTrue(Formatter.format("scenario \"t\" { process A { compute } }").isEmpty());
        assertTrue(Formatter.format("scenario \"t\" { mutex m § }").isEmpty());
    }

    @Test
    void trailingCommentsOfConsecutiveLinesShareAColumn() {
        String out = Formatter.format("""
                scenario "t" {
                  process A {
                    compute 1 ms // short
                    sleep 10 ms // longer line
                    compute 2 ms

                    io 3 ms // alone
                  }
                }
                """).orElseThrow();
        // "compute 1 ms" is the longer code of the first two lines: both comments go two spaces after it;
        // the blank line and the uncommented line end that column; a lone comment gets two spaces.
        assertEquals("""
                scenario "t" {
                  process A {
                    compute 1 ms  // short
                    sleep 10 ms   // longer line
                    compute 2 ms

                    io 3 ms  // alone
                  }
                }
                """, out);
        assertEquals(out, Formatter.format(out).orElseThrow(), "formatting is idempotent");
    }

    @Test
    void synchronisationPrimitivesHaveOneCanonicalForm() {
        String in = """
                scenario "s" {
                spinlock lanes[ 2 ] ; rwlock r   writer_preferring
                seqlock q
                condvar c;barrier b[2]   1+1
                semset sems=[1,0 ,2]
                process A {
                spin_lock lanes[ 0 ] ; spin_unlock lanes[0]
                read_lock r;read_unlock r;write_lock r;write_unlock r
                seq_write q{compute 1 ms}
                seq_read q
                {
                compute 1 ms
                }
                cond_wait c m ; signal c;broadcast c
                barrier b[1]
                semop sems[0]-1,sems[2]+1 , sems[1] 0
                choose{compute 1 ms}or{sleep 1 ms}
                or { // third
                io 1 ms
                }
                }
                }
                """;
        String want = """
                scenario "s" {
                  spinlock lanes[2]
                  rwlock r writer_preferring
                  seqlock q
                  condvar c
                  barrier b[2] 1 + 1
                  semset sems = [1, 0, 2]

                  process A {
                    spin_lock lanes[0]
                    spin_unlock lanes[0]
                    read_lock r
                    read_unlock r
                    write_lock r
                    write_unlock r
                    seq_write q {
                      compute 1 ms
                    }
                    seq_read q {
                      compute 1 ms
                    }
                    cond_wait c m
                    signal c
                    broadcast c
                    barrier b[1]
                    semop sems[0] -1, sems[2] +1, sems[1] 0
                    choose {
                      compute 1 ms
                    } or {
                      sleep 1 ms
                    } or {  // third
                      io 1 ms
                    }
                  }
                }
                """;
        assertEquals(want, Formatter.format(in).orElseThrow());
        assertEquals(want, Formatter.format(want).orElseThrow());
    }
}
