package oss.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact diagnostics ("line:col code message") for small broken inputs:
 * syntax errors in a student's words and every semantic check.
 */
class DiagnosticTableTest {
    enum Kind { BODY, TOP, FILE }

    static final String DECLS = "scenario \"t\" {\n  mutex m\n  mutex fork[5]\n  semaphore s = 1\n  resource printer 2\n";

    /** BODY: the snippet is the body of process A (line 7); TOP: a section after process A (line 9). */
    static String wrap(Kind kind, String snippet) {
        return switch (kind) {
            case FILE -> snippet;
            case TOP -> DECLS + "  process A {\n    compute 1 ms\n  }\n  " + snippet + "\n}\n";
            case BODY -> DECLS + "  process A {\n    " + snippet + "\n  }\n}\n";
        };
    }

    static Arguments row(String name, Kind kind, String snippet, String... expected) {
        return Arguments.of(name, wrap(kind, snippet), List.of(expected));
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("compute without time", Kind.BODY, "compute",
                        "7:12 OSS1001 expected a time such as `5 ms` after `compute`"),
                row("compute without unit", Kind.BODY, "compute 5",
                        "7:13 OSS1201 `compute` needs a time with a unit, such as `5 ms` (units: ns, us, ms, s or cycles)"),
                row("compute with size unit", Kind.BODY, "compute 5 KiB",
                        "7:15 OSS1202 `KiB` is a unit of size, but a time is needed here: use ns, us, ms, s or cycles"),
                row("unknown unit", Kind.BODY, "sleep 5 msec",
                        "7:13 OSS1202 unknown unit `msec`; did you mean `ms`? use ns, us, ms, s or cycles"),
                row("stray paren", Kind.BODY, "lock m)",
                        "7:11 OSS1001 unexpected `)`"),
                row("misspelt statement", Kind.BODY, "lokc m",
                        "7:10 OSS1001 `lokc` is not a statement; did you mean `lock`?"),
                row("repeat without brace", Kind.BODY, "repeat 3 compute 1 ms",
                        "7:14 OSS1001 missing `{` after `repeat 3`"),
                row("unknown mutex", Kind.BODY, "lock mm",
                        "7:10 OSS1101 unknown mutex `mm`; did you mean `m`?"),
                row("lock a semaphore", Kind.BODY, "lock s",
                        "7:10 OSS1103 `s` is a semaphore, not a mutex: use `P(s)` / `wait s` and `V(s)` / `post s`"),
                row("wait on a mutex", Kind.BODY, "wait m",
                        "7:10 OSS1103 `m` is a mutex, not a semaphore: use `lock m` and `unlock m`"),
                row("array without index", Kind.BODY, "lock fork",
                        "7:10 OSS1106 `fork` is an array of 5 mutexes: say which one, e.g. `fork[0]`"),
                row("index on non-array", Kind.BODY, "lock m[0]",
                        "7:10 OSS1106 `m` is a single mutex, not an array: write `m` without `[...]`"),
                row("index out of range", Kind.BODY, "lock fork[5]",
                        "7:15 OSS1204 index 5 is out of range: `fork` has 5 elements, fork[0] to fork[4]"),
                row("folded index out of range", Kind.BODY, "for j in 0..4 { lock fork[j + 1] }",
                        "7:31 OSS1204 index 5 is out of range: `fork` has 5 elements, fork[0] to fork[4] (when j = 4)"),
                row("division by zero", Kind.BODY, "compute 10 / (2 - 2) ms",
                        "7:18 OSS1206 division by zero: `/` by a value that is 0"),
                row("fraction of ns", Kind.BODY, "compute 1.5 ns",
                        "7:13 OSS1207 this is 1.5 ns, which is not a whole number of ns"),
                row("repeat zero", Kind.BODY, "repeat 0 { compute 1 ms }",
                        "7:12 OSS1203 the repeat count must be at least 1, not 0"),
                row("unknown callee", Kind.BODY, "Q(s)",
                        "7:5 OSS1101 unknown operation `Q(...)`; did you mean P or V?"),
                row("unlock not held", Kind.BODY, "unlock m",
                        "7:5 OSS1301 `m` is not held here: no `lock m` comes before this `unlock` on any path"),
                row("claim above total", Kind.BODY, "claim printer 3",
                        "7:11 OSS1402 claim of 3 `printer` is more than the 2 that exist; no process can ever need more than the total"),
                row("request above claim", Kind.BODY, "claim printer 1\n    request printer 2",
                        "8:5 OSS1401 request of 2 `printer` is more than this process claimed (1)"),
                row("unknown library", Kind.BODY, "read \"libz.so\"[0]",
                        "7:10 OSS1101 no library \"libz.so\" is declared (declare it with `library \"libz.so\" size 2 MiB`)"),
                row("release not held", Kind.BODY, "request printer 1\n    release printer 2",
                        "8:5 OSS1406 release of 2 `printer` is more than this process can hold here (at most 1, from the requests before it)"),
                row("exit status out of range", Kind.BODY, "exit 256",
                        "7:10 OSS1205 the exit status must be between 0 and 255, not 256"),
                row("wait unknown child", Kind.BODY, "wait kid",
                        "7:10 OSS1101 `wait kid`: `kid` is neither a child (a variable set by `kid = fork { }` earlier) nor a semaphore"),
                row("unknown name in index", Kind.BODY, "lock fork[k]",
                        "7:15 OSS1101 unknown name `k`: only numbers and loop variables can be used here"),
                row("huge number", Kind.BODY, "compute 99999999999999999999 ms",
                        "7:13 OSS1205 this number is too large (the limit is 9223372036854775807)"),
                row("unclosed string", Kind.FILE, "scenario \"oops {\n}\n",
                        "1:10 OSS1003 this string is not closed before the end of the line: add a `\"`"),
                row("bad character", Kind.TOP, "mutex m2 @",
                        "9:12 OSS1002 the character `@` is not part of the language"),
                row("missing close brace", Kind.FILE, "scenario \"t\" {\n  process A {\n    compute 1 ms\n",
                        "4:1 OSS1001 expected `}` to close the process `A` opened at 2:13"),
                row("section inside process", Kind.FILE, "scenario \"t\" {\n  process A {\n    compute 1 ms\n  process B {\n  }\n}\n",
                        "4:3 OSS1001 expected `}` to close the process `A` opened at 2:13 before `process`"),
                row("duplicate mutex", Kind.TOP, "mutex m",
                        "9:9 OSS1102 `m` is already declared as a mutex"),
                row("duplicate process", Kind.TOP, "process A { compute 1 ms }",
                        "9:11 OSS1102 a process named `A` is already declared"),
                row("zero array size", Kind.TOP, "mutex many[0]",
                        "9:14 OSS1203 the array size must be at least 1, not 0"),
                row("zero instances", Kind.TOP, "resource disk 0",
                        "9:17 OSS1203 the number of instances must be at least 1, not 0"),
                row("semaphore without value", Kind.TOP, "semaphore t",
                        "9:3 OSS1001 semaphore `t` needs an initial value, as POSIX sem_init does: write `semaphore t = 1`"),
                row("nice out of range", Kind.TOP, "process B nice 20 { compute 1 ms }",
                        "9:18 OSS1205 nice must be between -20 and 19, not 20"),
                row("rt priority out of range", Kind.TOP, "process B policy fifo priority 100 { compute 1 ms }",
                        "9:34 OSS1205 a real-time priority must be between 1 and 99, not 100"),
                row("unknown policy", Kind.TOP, "process B policy fifi priority 10 { compute 1 ms }",
                        "9:20 OSS1101 unknown policy `fifi`; did you mean `fifo`? (a process's policy is fifo, rr or normal)"),
                row("unknown machine key", Kind.TOP, "machine { cpu 4 }",
                        "9:13 OSS1104 unknown machine setting `cpu`; did you mean `cpus`?"),
                row("malformed setting", Kind.TOP, "kernel { deadlock maybe }",
                        "9:21 OSS1502 `deadlock` takes a policy: detect, avoid or ignore, not `maybe`"),
                row("zero cpus", Kind.TOP, "machine { cpus 0 }",
                        "9:18 OSS1203 the number of CPUs must be at least 1, not 0"),
                row("not simulated", Kind.TOP, "kernel { pipe_buffer 64 KiB }",
                        "9:12 OSS1501 `pipe_buffer` is accepted but not simulated yet: the IPC model comes in a later version"),
                row("tlb ways not dividing entries", Kind.TOP, "machine { tlb 48 entries 5-way }",
                        "9:13 OSS1502 a 5-way TLB needs a multiple of 5 entries, not 48 (each set holds 5)"),
                row("cache sets not a power of two", Kind.TOP, "machine { cache L1 24 KiB 8-way line 64 B hit 4 cycles }",
                        "9:13 OSS1502 24576 bytes of 8 ways of 64 B lines make 48 sets; the number of sets must be a power of two (the set index is bits of the address)"),
                row("cache line not a power of two", Kind.TOP, "machine { cache L1 32 KiB 8-way line 48 B hit 4 cycles }",
                        "9:13 OSS1502 the line size must be a power of two, such as 64 B, not 48 B"),
                row("free of a mapping", Kind.BODY, "x = mmap 4 KiB anon private rw\n    free x",
                        "8:10 OSS1103 `free x`: `x` is a mapping made by mmap, not a block from malloc: use `munmap x`"),
                row("munmap of a block", Kind.BODY, "p = malloc 64 B\n    munmap p",
                        "8:12 OSS1103 `munmap p`: `p` is a block from malloc, not a mapping made by mmap: use `free p`"),
                row("join of a child", Kind.BODY, "c = fork { compute 1 ms }\n    join c",
                        "8:10 OSS1103 `join c`: `c` is a child process, not a thread: use `wait c`"),
                row("wait for a thread", Kind.BODY, "t = thread { compute 1 ms }\n    wait t",
                        "8:10 OSS1103 `t` is a thread, not a child process: use `join t`"),
                row("access to an unknown region", Kind.BODY, "read y[0]",
                        "7:10 OSS1101 `read y`: `y` is not set here; it must be a mapping made by mmap or a block from malloc set earlier, as in `x = mmap 16 KiB anon private rw`"),
                row("mmap of an undeclared file", Kind.BODY, "f = mmap \"/data/log\" private r",
                        "7:14 OSS1101 no file \"/data/log\" is declared (declare it with `file \"/data/log\" size 1 MiB`)"),
                row("malloc of nothing", Kind.BODY, "p = malloc 0 B",
                        "7:16 OSS1203 `malloc` needs a size above 0"),
                row("offset without unit", Kind.BODY, "p = malloc 64 B\n    read p[8]",
                        "8:12 OSS1201 the offset needs a unit, such as `8 B` or `4 KiB` (only 0 may go without one; units: B, KiB, MiB, GiB, KB, MB, GB, pages or frames)"),
                row("bad protection", Kind.BODY, "x = mmap 4 KiB anon private rwz",
                        "7:33 OSS1205 `rwz` is not a protection: write the letters r, w and x, each at most once (`r`, `rw`, `rx`, `rwx`), or `none`"),
                row("access outside the mapping", Kind.BODY, "x = mmap 16 KiB anon private rw\n    read x[16 KiB]",
                        "8:5 OSS1302 offset 16 KiB is beyond the 16 KiB (4 pages) mapped at `x`: no VMA covers the address, so the access raises SIGSEGV"),
                row("page outside the mapping", Kind.BODY, "x = mmap 4 pages anon private rw\n    access x pages [0, 4]",
                        "8:5 OSS1302 page 4 is beyond the 16 KiB (4 pages) mapped at `x`: no VMA covers the address, so the access raises SIGSEGV"),
                row("access after munmap", Kind.BODY, "x = mmap 4 KiB anon private rw\n    munmap x\n    read x[0]",
                        "9:5 OSS1302 `x` is no longer mapped (munmap at 8:5): no VMA covers the address, so the access raises SIGSEGV"),
                row("write to read-only mapping", Kind.BODY, "x = mmap 4 KiB anon private r\n    write x[0]",
                        "8:5 OSS1303 `x` is mapped without `w`: this write raises a protection fault and SIGSEGV"),
                row("unknown clone flag", Kind.BODY, "c = clone vm fies { compute 1 ms }",
                        "7:18 OSS1101 unknown clone flag `fies`; did you mean `files`? (the flags are vm, files, fs and sighand: what the child shares)"),
                row("unknown signal", Kind.TOP, "expect A.signal == SIGSEV",
                        "9:22 OSS1101 expected a signal: SIGSEGV, SIGBUS, SIGKILL, none; did you mean `SIGSEGV`?"),
                row("unknown cache metric", Kind.TOP, "expect L1d.mises == 0",
                        "9:14 OSS1105 unknown metric `mises` of the cache `L1d`; did you mean `misses`? (known: hits, misses, writebacks)"),
                row("mmap without protection", Kind.BODY, "x = mmap 4 KiB anon shared",
                        "7:31 OSS1001 expected a protection such as `rw`, `r` or `rwx` after `shared`"),
                row("brk without sign", Kind.BODY, "brk 4 KiB",
                        "7:9 OSS1001 expected `+` or `-` and a size, as in `brk +16 KiB` after `brk`"),
                row("vfork without block", Kind.BODY, "v = vfork",
                        "8:3 OSS1001 missing `{` after `v = vfork`"),
                row("zero-sized file", Kind.TOP, "file \"/f\" size 0 B",
                        "9:18 OSS1203 a file needs a size above 0"),
                row("quantum without unit", Kind.TOP, "kernel { scheduler rr quantum 10 }",
                        "9:33 OSS1201 the quantum needs a unit, such as `5 ms` (units: ns, us, ms, s or cycles)"),
                row("unknown expectation", Kind.TOP, "expect starvation",
                        "9:10 OSS1105 unknown expectation `expect starvation` (known: deadlock, no deadlock, safe, unsafe, granted, denied, no zombies, leaks, no leaks, safe_sequence [...], finish_order [...], P.metric == value)"),
                row("unknown metric", Kind.TOP, "expect A.turnround == 5 ms",
                        "9:12 OSS1105 unknown metric `turnround`; did you mean `turnaround`? (known: turnaround, response, waiting, finish, arrival, first_run, cpu, exit, voluntary_switches, involuntary_switches, page_faults, minor_faults, major_faults, cow_faults, rss, signal)"),
                row("metric without unit", Kind.TOP, "expect A.finish == 5",
                        "9:22 OSS1201 `expect A.finish` needs a time with a unit, such as `5 ms` (units: ns, us, ms, s or cycles)"),
                row("count metric with unit", Kind.TOP, "expect A.exit == 0 ms",
                        "9:22 OSS1202 `exit` is a plain count, without a unit"),
                row("unknown process in expectation", Kind.TOP, "expect finish_order [A, Z]",
                        "9:27 OSS1101 unknown process `Z`; did you mean `A`?"),
                row("banker vector length", Kind.TOP, "banker {\n    resources A B\n    total 3\n    P0 alloc 1 0 max 2 1\n  }",
                        "11:5 OSS1403 `total` has 1 number but the table has 2 resources"),
                row("banker alloc above max", Kind.TOP, "banker {\n    resources A\n    total 3\n    P0 alloc 2 max 1\n  }",
                        "12:14 OSS1404 `P0` holds 2 `A` but its maximum is 1"),
                row("banker alloc above total", Kind.TOP, "banker {\n    resources A\n    total 3\n    P0 alloc 2 max 3\n    P1 alloc 2 max 3\n  }",
                        "11:11 OSS1405 the processes hold 4 `A` in all, more than the total of 3"),
                row("banker request unknown", Kind.TOP, "banker {\n    resources A\n    total 3\n    P0 alloc 1 max 3\n    request P1 1\n  }",
                        "13:13 OSS1403 `request P1`: the table has no row for `P1`; did you mean `P0`?"),
                row("banker missing total", Kind.TOP, "banker {\n    resources A\n    P0 alloc 1 max 3\n  }",
                        "10:5 OSS1403 the banker table needs a `total` (or `available`) row"),
                row("io without time", Kind.BODY, "io",
                        "7:7 OSS1001 expected a time such as `5 ms` after `io`"),
                row("wait without target", Kind.BODY, "wait",
                        "7:9 OSS1001 expected `any`, a child or a semaphore after `wait`"),
                row("index not closed", Kind.BODY, "lock fork[1",
                        "8:3 OSS1001 expected `]` after `1`, not `}`"),
                row("paren not closed", Kind.BODY, "compute (1 + 2 ms",
                        "7:20 OSS1001 expected `)` after `2`, not `ms`"),
                row("fork without block", Kind.BODY, "c = fork",
                        "8:3 OSS1001 missing `{` after `c = fork`"),
                row("expect without anything", Kind.TOP, "expect",
                        "9:9 OSS1001 expected what to expect after `expect`, such as `deadlock`, `no zombies` or `A.finish == 5 ms`"),
                row("metric missing", Kind.TOP, "expect A. == 5 ms",
                        "9:13 OSS1001 expected a metric such as `finish` or `exit` after `.`, not `==`"),
                row("unterminated comment", Kind.TOP, "/* never closed",
                        "9:3 OSS1003 this comment is not closed: `/*` needs a matching `*/` before the end of the file",
                        "11:1 OSS1001 expected `}` to close the scenario opened at 1:14"),
                row("missing scenario", Kind.FILE, "process A { compute 1 ms }\n",
                        "1:1 OSS1001 expected `scenario \"title\" {`, not `process`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void diagnosticsAreExact(String name, String source, List<String> expected) {
        Compilation c = Compiler.compile("t.oss", source);
        List<String> actual = c.diagnostics().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.code().id() + " " + d.message())
                .toList();
        assertEquals(expected, actual, source);
    }
}
