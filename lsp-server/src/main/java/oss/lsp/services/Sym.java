package oss.lsp.services;

import oss.compiler.ast.Node;
import oss.ir.program.Span;

/**
 * A declared name: a global declaration (mutex, semaphore, ...), a process,
 * or a name local to one process (a fork/mmap/malloc/thread variable, a loop
 * or index variable). {@code scope} is the process for locals, null otherwise.
 */
record Sym(String name, String kind, Span declared, String scope, Node node) {
    boolean local() {
        return scope != null;
    }

    /** The semantic token type of every occurrence. */
    String tokenType() {
        return switch (kind) {
            case "process" -> "function";
            case "index", "loop" -> "parameter";
            case "mutex", "semaphore", "resource", "spinlock", "rwlock", "seqlock", "condvar", "barrier", "semset" ->
                    "type";
            default -> "variable";
        };
    }
}
