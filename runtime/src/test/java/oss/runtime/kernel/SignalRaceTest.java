package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/**
 * kill and the handler it causes are ordered (the kernel sets the signal pending before the
 * target can see it): what the sender stored before its kill is no race for the handler, by pid,
 * by child slot, by parent or by process name. A handler reading what another task stores with no
 * kill between them still races.
 */
class SignalRaceTest {
    private static List<Diagnostic> races(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        RunResult r = Simulator.run(c.program().get(), RunOptions.defaults());
        return r.findings().stream().filter(d -> d.code() == Code.DATA_RACE).toList();
    }

    @Test
    void theSendersStoreBeforeKillIsNoRaceForTheHandler() {
        assertEquals(List.of(), races("""
                scenario "parent" {
                  int x = 0
                  int seen = 0
                  process target {
                    signal SIGUSR1 {
                      seen = x
                    }
                    c = fork {
                      x = 1
                      kill parent SIGUSR1
                    }
                    wait c
                  }
                }
                """));
        assertEquals(List.of(), races("""
                scenario "by name" {
                  int x = 0
                  int seen = 0
                  process target {
                    signal SIGUSR1 {
                      seen = x
                    }
                    compute 2 ms
                  }
                  process sender {
                    compute 1 ms
                    x = 1
                    kill target SIGUSR1
                  }
                }
                """));
        assertEquals(List.of(), races("""
                scenario "child slot" {
                  int x = 0
                  int seen = 0
                  process sender {
                    c = fork {
                      signal SIGUSR1 {
                        seen = x
                      }
                      compute 2 ms
                    }
                    compute 1 ms
                    x = 1
                    kill c SIGUSR1
                    wait c
                  }
                }
                """));
    }

    @Test
    void aStoreAfterTheKillStillRaces() {
        List<Diagnostic> found = races("""
                scenario "after" {
                  int x = 0
                  int seen = 0
                  process target {
                    signal SIGUSR1 {
                      compute 1 ms
                      seen = x
                    }
                    compute 3 ms
                  }
                  process sender {
                    compute 1 ms
                    kill target SIGUSR1
                    x = 1
                  }
                }
                """);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("data race on x"), found.toString());
    }
}
