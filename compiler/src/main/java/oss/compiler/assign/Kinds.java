package oss.compiler.assign;

import java.util.List;

/** The words {@code require count} and {@code forbid} accept, as a student writes them in a scenario. */
public final class Kinds {
    private Kinds() {}

    /** Declarations and processes: {@code require count semaphore <= starter + 1}. */
    public static final List<String> COUNTABLE = List.of("process", "mutex", "semaphore", "spinlock", "rwlock",
            "seqlock", "condvar", "barrier", "semset", "resource", "int", "file", "library", "expect");

    /** Statement and declaration keywords of the language: {@code forbid choose, trylock}. */
    public static final List<String> FORBIDDABLE = List.of("choose", "trylock", "lock", "unlock", "wait", "post",
            "fork", "vfork", "clone", "thread", "exec", "exit", "sleep", "repeat", "for", "claim", "request",
            "release", "spin_lock", "spin_unlock", "read_lock", "read_unlock", "write_lock", "write_unlock",
            "seq_write", "seq_read", "cond_wait", "signal", "broadcast", "barrier", "semop", "mmap", "malloc",
            "atomic", "atomic_inc", "atomic_dec", "atomic_add", "fetch_add", "xchg", "cmpxchg", "test_and_set",
            "mb", "rmb", "wmb", "await", "while", "if", "assert", "mutex", "semaphore", "spinlock", "rwlock",
            "seqlock", "condvar", "semset", "resource", "int");
}
