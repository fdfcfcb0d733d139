package oss.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.expect.CompareOp;
import oss.compiler.expect.Expectation;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.program.FileDecl;
import oss.ir.program.LibraryDecl;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;

/** The memory statements and declarations lower to the runtime's memory ops with resolved slots and folded sizes. */
class MemoryLoweringTest {
    static final long KIB = 1024;

    static Compilation compile(String body) {
        return Compiler.compile("m.oss", "scenario \"m\" {\n  file \"/data/log\" size 1 MiB\n"
                + "  library \"libc.so.6\" size 2 MiB\n  process A {\n" + body + "\n  }\n}\n");
    }

    static List<Op> body(String body) {
        Compilation c = compile(body);
        assertTrue(c.program().isPresent(), () -> "no program: " + c.diagnostics());
        return c.program().get().processes().get(0).body();
    }

    static List<Code> codes(String body) {
        return compile(body).diagnostics().stream().map(Diagnostic::code).toList();
    }

    @Test
    void filesAndLibrariesAreDeclared() {
        Program p = compile("compute 1 ms").program().orElseThrow();
        assertEquals(List.of("/data/log"), p.files().stream().map(FileDecl::path).toList());
        assertEquals(1L << 20, p.files().get(0).sizeBytes());
        assertEquals(List.of("libc.so.6"), p.libraries().stream().map(LibraryDecl::name).toList());
        assertEquals(2L << 20, p.libraries().get(0).sizeBytes());
    }

    @Test
    void mmapVariants() {
        List<Op> ops = body("""
                x = mmap 16 KiB anon private rw
                y = mmap 8 pages anon shared r
                f = mmap "/data/log" private r
                g = mmap "/data/log" 16 KiB shared rwx
                h = mmap 4 KiB anon private none at 0x7f0000000000
                """);
        assertEquals(new Op.Mmap(0, 16 * KIB, -1, false, Op.PROT_READ | Op.PROT_WRITE, -1, ops.get(0).span()), ops.get(0));
        assertEquals(new Op.Mmap(1, 32 * KIB, -1, true, Op.PROT_READ, -1, ops.get(1).span()), ops.get(1));
        assertEquals(new Op.Mmap(2, 1L << 20, 0, false, Op.PROT_READ, -1, ops.get(2).span()), ops.get(2));
        assertEquals(new Op.Mmap(3, 16 * KIB, 0, true, 7, -1, ops.get(3).span()), ops.get(3));
        assertEquals(new Op.Mmap(4, 4 * KIB, -1, false, 0, 0x7f0000000000L, ops.get(4).span()), ops.get(4));
        assertEquals(5, compile("x = mmap 16 KiB anon private rw\ny = mmap 8 pages anon shared r\n"
                + "f = mmap \"/data/log\" private r\ng = mmap \"/data/log\" 16 KiB shared rwx\n"
                + "h = mmap 4 KiB anon private none at 0x7f0000000000").program().get().processes().get(0).slots());
    }

    @Test
    void allocationAndRegionStatements() {
        List<Op> ops = body("""
                x = mmap 64 KiB anon private rw
                p = malloc 200 B
                brk +16 KiB
                brk -4 KiB
                msync x
                touch x
                free p
                munmap x
                snapshot "after munmap"
                """);
        assertEquals(new Op.Malloc(1, 200, ops.get(1).span()), ops.get(1));
        assertEquals(new Op.Brk(16 * KIB, ops.get(2).span()), ops.get(2));
        assertEquals(new Op.Brk(-4 * KIB, ops.get(3).span()), ops.get(3));
        assertEquals(new Op.Msync(0, ops.get(4).span()), ops.get(4));
        assertEquals(new Op.Touch(0, ops.get(5).span()), ops.get(5));
        assertEquals(new Op.Free(1, ops.get(6).span()), ops.get(6));
        assertEquals(new Op.Munmap(0, ops.get(7).span()), ops.get(7));
        assertEquals(new Op.Snapshot("after munmap", ops.get(8).span()), ops.get(8));
    }

    @Test
    void accessesUseByteOffsetsAndThePageSizeAsDefaultStep() {
        List<Op> ops = body("""
                x = mmap 64 KiB anon private rw
                read x[0]
                write x[4 KiB]
                write x[0 .. 64 KiB]
                read x[1 KiB .. 9 KiB] step 2 KiB
                read at 0x0
                """);
        assertEquals(new Op.MemAccess(0, 0, 0, 1, false, ops.get(1).span()), ops.get(1));
        assertEquals(new Op.MemAccess(0, 4 * KIB, 4 * KIB, 1, true, ops.get(2).span()), ops.get(2));
        // the end is exclusive: the last access is at 60 KiB
        assertEquals(new Op.MemAccess(0, 0, 60 * KIB, 4 * KIB, true, ops.get(3).span()), ops.get(3));
        assertEquals(new Op.MemAccess(0, KIB, 7 * KIB, 2 * KIB, false, ops.get(4).span()), ops.get(4));
        assertEquals(new Op.MemAccess(-1, 0, 0, 1, false, ops.get(5).span()), ops.get(5));
    }

    @Test
    void pageReferenceStrings() {
        List<Op> ops = body("""
                x = mmap 8 pages anon private rw
                access x pages [7, 0, 1, 2, 0, 3]
                access x pages [1] write
                """);
        Op.PageRefs r = (Op.PageRefs) ops.get(1);
        assertArrayEquals(new long[] {7, 0, 1, 2, 0, 3}, r.pages());
        assertEquals(false, r.write());
        assertEquals(true, ((Op.PageRefs) ops.get(2)).write());
    }

    @Test
    void processCreation() {
        List<Op> ops = body("""
                v = vfork {
                  exec "ls" {
                    compute 1 ms
                  }
                }
                t = thread { compute 1 ms }
                join t
                c = clone vm sighand { compute 1 ms }
                wait c
                wait v
                """);
        Op.VFork v = (Op.VFork) ops.get(0);
        assertEquals(0, v.slot());
        Op.Exec e = (Op.Exec) v.body().get(0);
        assertEquals("ls", e.program());
        assertEquals(1, e.body().size());
        assertEquals(1, ((Op.Thread) ops.get(1)).slot());
        assertEquals(new Op.Join(1, ops.get(2).span()), ops.get(2));
        Op.Clone c = (Op.Clone) ops.get(3);
        assertEquals(List.of(2, true, false, false, true), List.of(c.slot(), c.vm(), c.files(), c.fs(), c.sighand()));
        assertEquals(new Op.WaitChild(2, ops.get(4).span()), ops.get(4));
        assertEquals(new Op.WaitChild(0, ops.get(5).span()), ops.get(5));
    }

    @Test
    void framesAttributeIsLowered() {
        Program p = Compiler.compile("f.oss", "scenario \"f\" {\n  process A frames 3 { compute 1 ms }\n}\n")
                .program().orElseThrow();
        ProcessDef d = p.processes().get(0);
        assertEquals(3, d.frames());
    }

    @Test
    void wrongKindsAndUnknownNames() {
        assertEquals(List.of(Code.WRONG_KIND), codes("x = mmap 4 KiB anon private rw\nfree x"));
        assertEquals(List.of(Code.WRONG_KIND), codes("p = malloc 64 B\nmunmap p"));
        assertEquals(List.of(Code.WRONG_KIND), codes("c = fork { compute 1 ms }\njoin c"));
        assertEquals(List.of(Code.WRONG_KIND), codes("t = thread { compute 1 ms }\nwait t"));
        assertEquals(List.of(Code.UNKNOWN_NAME), codes("read y[0]"));
        assertEquals(List.of(Code.UNKNOWN_NAME), codes("f = mmap \"/nope\" private r"));
        assertEquals(List.of(Code.UNKNOWN_NAME), codes("c = clone vm fies { compute 1 ms }"));
        assertEquals(List.of(Code.VALUE_OUT_OF_RANGE), codes("x = mmap 4 KiB anon private rwz"));
    }

    @Test
    void sizesMustBePositiveAndAPlainNumberIsBytesOnlyWhereCCountsBytes() {
        assertEquals(List.of(Code.NOT_POSITIVE), codes("x = malloc 0 B"));
        assertEquals(List.of(Code.NOT_POSITIVE), codes("x = malloc 0"));
        assertEquals(List.of(Code.NOT_POSITIVE), codes("x = mmap 0 KiB anon private rw"));
        assertEquals(List.of(Code.NOT_POSITIVE), codes("brk +0 KiB"));
        // offsets, a range's ends and step, and malloc's size are bytes, as in C: x[8], malloc(64)
        assertEquals(List.of(), codes("x = malloc 64"));
        assertEquals(List.of(), codes("x = malloc 64 B\nread x[8]"));
        assertEquals(List.of(), codes("x = mmap 8 KiB anon private rw\nwrite x[5000]\nread x[0 .. 8192] step 4096"));
        // a mapping's or the break's size could be pages or bytes: the unit stays required
        assertEquals(List.of(Code.MISSING_UNIT), codes("x = mmap 8 anon private rw"));
        assertEquals(List.of(Code.MISSING_UNIT), codes("brk +4096"));
        assertEquals(List.of(Code.NOT_POSITIVE), codes("x = mmap 4 KiB anon private rw\nread x[0 .. 4 KiB] step 0 B"));
        assertEquals(List.of(Code.VALUE_OUT_OF_RANGE), codes("x = mmap 4 KiB anon private rw\nread x[2 KiB .. 1 KiB]"));
        assertEquals(List.of(Code.VALUE_OUT_OF_RANGE), codes("x = mmap 4 KiB anon private rw at 0x1001"));
    }

    @Test
    void staticWarningsForCertainFaults() {
        Compilation c = compile("x = mmap 16 KiB anon private r\nwrite x[0]\nread x[16 KiB]\naccess x pages [4]");
        assertTrue(c.program().isPresent(), c.diagnostics().toString());
        assertEquals(List.of(Code.WRITE_TO_READ_ONLY, Code.ACCESS_OUTSIDE_MAPPING, Code.ACCESS_OUTSIDE_MAPPING),
                c.diagnostics().stream().map(Diagnostic::code).toList());
        // within the last page of a mapping whose size is not a page multiple: no fault
        assertEquals(List.of(), codes("x = mmap 100 B anon private rw\nwrite x[200 B]"));
        assertEquals(List.of(Code.ACCESS_OUTSIDE_MAPPING), codes("x = mmap 4 KiB anon private rw\nmunmap x\nread x[0]"));
        assertEquals(List.of(Code.ACCESS_OUTSIDE_MAPPING), codes("x = mmap 4 KiB anon private rw\nwrite x[0 .. 8 KiB]"));
    }

    @Test
    void memoryExpectations() {
        Compilation c = Compiler.compile("e.oss", """
                scenario "e" {
                  machine { cache L1d 32 KiB 8-way line 64 B hit 4 cycles }
                  process A { compute 1 ms }
                  expect A.page_faults == 4
                  expect A.rss == 16 KiB
                  expect A.signal == SIGSEGV
                  expect tlb.misses < 10
                  expect L1d.hits >= 1
                  expect memory.accesses > 0
                  expect no leaks
                }
                """);
        assertTrue(c.program().isPresent(), c.diagnostics().toString());
        List<Expectation> e = c.expectations();
        assertEquals(7, e.size());
        Expectation.Metric rss = (Expectation.Metric) e.get(1);
        assertEquals(4, rss.value());
        Expectation.Signal sig = (Expectation.Signal) e.get(2);
        assertEquals("SIGSEGV", sig.signal());
        Expectation.Machine tlb = (Expectation.Machine) e.get(3);
        assertEquals(List.of("tlb", "misses", CompareOp.LT, 10L), List.of(tlb.subject(), tlb.metric(), tlb.op(), tlb.value()));
        assertEquals("L1d", ((Expectation.Machine) e.get(4)).subject());
        assertEquals(new Expectation.Flag("leaks", true, "expect no leaks", e.get(6).span()), e.get(6));
        Compilation bad = Compiler.compile("e.oss", "scenario \"e\" {\n  process A { compute 1 ms }\n"
                + "  expect L3.misses == 0\n  expect A.page_fault == 1\n  expect A.signal == SIGFOO\n}\n");
        // L3 is no cache here: an unknown process, whose metric `misses` is unknown too
        assertEquals(List.of(Code.UNKNOWN_NAME, Code.UNKNOWN_EXPECTATION, Code.UNKNOWN_EXPECTATION, Code.UNKNOWN_NAME),
                bad.diagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void pagingStructureCacheExpectations() {
        Compilation c = Compiler.compile("e.oss", """
                scenario "e" {
                  process A { compute 1 ms }
                  expect psc.hits == 6
                  expect psc.pdpte_misses >= 1
                }
                """);
        assertTrue(c.program().isPresent(), c.diagnostics().toString());
        Expectation.Machine m = (Expectation.Machine) c.expectations().get(1);
        assertEquals(List.of("psc", "pdpte_misses", CompareOp.GE, 1L), List.of(m.subject(), m.metric(), m.op(), m.value()));
        Compilation bad = Compiler.compile("e.oss", "scenario \"e\" {\n  process A { compute 1 ms }\n"
                + "  expect psc.pde_hit == 1\n}\n");
        assertEquals(List.of(Code.UNKNOWN_EXPECTATION), bad.diagnostics().stream().map(Diagnostic::code).toList());
        assertTrue(bad.diagnostics().get(0).message().contains("did you mean `pde_hits`"), bad.diagnostics().toString());
        assertEquals(3, bad.diagnostics().get(0).span().line());
    }
}
