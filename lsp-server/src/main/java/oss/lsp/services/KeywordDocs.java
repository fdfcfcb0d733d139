package oss.lsp.services;

import java.util.Map;
import java.util.Optional;
import static java.util.Map.entry;

/** A short explanation of the OS idea behind each statement and declaration keyword. */
final class KeywordDocs {
    private KeywordDocs() {}

    static final Map<String, String> DOCS = Map.ofEntries(
            entry("scenario", "The whole simulated system: machine, kernel, shared objects, processes and what you expect of them."),
            entry("machine", "The hardware: CPUs, clock, memory, page size, TLB, caches, disk."),
            entry("kernel", "The OS policies: scheduler, context-switch cost, deadlock handling, malloc, page replacement."),
            entry("process", "A program the kernel schedules: its own address space and a body of statements run in order."),
            entry("mutex", "A lock with an owner: one task at a time holds it; others block until it is unlocked (`pthread_mutex_t`)."),
            entry("semaphore", "A counter: `P`/`wait` decrements it and blocks at 0, `V`/`post` increments it and wakes a waiter (Dijkstra)."),
            entry("resource", "A resource type with a fixed number of instances, requested and released in amounts (the banker's algorithm's model)."),
            entry("spinlock", "A lock that waits by busy-looping on the CPU instead of sleeping; cheap for short sections, wasteful otherwise."),
            entry("rwlock", "A readers-writer lock: many readers or one writer; the preference decides who may starve."),
            entry("seqlock", "A sequence lock: writers bump a counter, readers retry when it changed while they read (Linux `seqlock_t`)."),
            entry("condvar", "A condition variable: wait for a condition while atomically releasing a mutex; `signal`/`broadcast` wake waiters."),
            entry("barrier", "A meeting point: every party blocks until the last one arrives, then all go on."),
            entry("semset", "A System V semaphore set: `semop` changes several elements atomically, all or nothing."),
            entry("banker", "A textbook banker's table: allocation, max and available; oss computes need, safety and a safe sequence."),
            entry("expect", "A claim about the outcome, checked after the run: deadlock, metrics, finish order, safety."),
            entry("compute", "Use the CPU for a while (a CPU burst); the scheduler may preempt it."),
            entry("sleep", "Block for a while without using the CPU (a timer sleep); the task leaves the run queue."),
            entry("io", "Block on a device for a while (an I/O burst), then become runnable again."),
            entry("repeat", "Run the block a fixed number of times."),
            entry("for", "Run the block once per value of the variable, both ends included."),
            entry("lock", "Acquire a mutex: blocks while another task holds it (`pthread_mutex_lock`)."),
            entry("unlock", "Release a mutex you hold and wake one waiter (`pthread_mutex_unlock`)."),
            entry("trylock", "Try to take a mutex without blocking; the first block runs on success, `else` on failure."),
            entry("wait", "`wait S` decrements a semaphore (blocks at 0); `wait c` / `wait any` reaps a child that exited (`waitpid`)."),
            entry("post", "Increment a semaphore and wake a waiter (`sem_post`, Dijkstra's V)."),
            entry("claim", "Declare the most of each resource this process may ever hold (its Max row), for deadlock avoidance."),
            entry("request", "Ask for resource instances; under avoidance the kernel grants only if the state stays safe."),
            entry("release", "Give back resource instances and wake tasks waiting for them."),
            entry("exit", "End the process with a status; its parent reaps it with `wait`, until then it is a zombie."),
            entry("fork", "Create a child process, a copy of the parent; pages are shared copy-on-write until one side writes."),
            entry("vfork", "Create a child that borrows the parent's address space; the parent waits until the child execs or exits."),
            entry("exec", "Replace the program of this process with another: a fresh address space."),
            entry("thread", "Create a thread: a task sharing this process's address space."),
            entry("join", "Wait until a thread has finished (`pthread_join`)."),
            entry("clone", "Linux's general task creation: the flags say what the child shares (vm, files, fs, sighand)."),
            entry("mmap", "Map a region into the address space: anonymous or a file, private (copy-on-write) or shared."),
            entry("munmap", "Remove a mapping from the address space."),
            entry("msync", "Write a shared file mapping's dirty pages back to the file."),
            entry("malloc", "Allocate bytes from the heap (the C library's allocator, backed by brk or mmap)."),
            entry("free", "Return a malloc'd block to the allocator."),
            entry("brk", "Move the end of the heap up or down (`sbrk`)."),
            entry("read", "Read memory: the MMU translates the address through the TLB or the page tables; it may fault."),
            entry("write", "Write memory: like read, and marks the page dirty; may take a copy-on-write fault."),
            entry("access", "Touch the pages of a region in the given order: a page reference string for replacement policies."),
            entry("touch", "Touch every page of a region once, faulting them in."),
            entry("snapshot", "Record the memory state (page tables, frames, RSS) at this point of the run."),
            entry("spin_lock", "Acquire a spinlock, busy-waiting while another CPU holds it."),
            entry("spin_unlock", "Release a spinlock."),
            entry("read_lock", "Take an rwlock for reading: shared with other readers."),
            entry("read_unlock", "Release a read hold of an rwlock."),
            entry("write_lock", "Take an rwlock for writing: exclusive."),
            entry("write_unlock", "Release the write hold of an rwlock."),
            entry("seq_write", "Run the block as the seqlock's writer: the sequence is odd while it runs."),
            entry("seq_read", "Run the block as a seqlock reader, again if a writer interfered."),
            entry("cond_wait", "Release the mutex and sleep on the condition variable, re-taking the mutex when woken."),
            entry("signal", "Wake one task waiting on the condition variable."),
            entry("broadcast", "Wake every task waiting on the condition variable."),
            entry("semop", "Apply several semaphore-set changes atomically (System V `semop`)."),
            entry("choose", "A nondeterministic choice: the explorer tries every branch; a run takes the first."),
            entry("P", "Dijkstra's P (proberen): decrement the semaphore, blocking while it is 0."),
            entry("V", "Dijkstra's V (verhogen): increment the semaphore and wake a waiter."),
            entry("nice", "The process's nice value: lower is more CPU share under CFS."),
            entry("arrives", "When the process enters the system (its arrival time)."),
            entry("policy", "The scheduling class of the process: fifo, rr (real-time) or normal."),
            entry("priority", "A static priority for priority scheduling or a real-time policy."),
            entry("tickets", "Lottery-scheduling tickets: the share of CPU wins."),
            entry("frames", "The number of physical frames this process may use (local page replacement)."),
            entry("file", "A file on the simulated disk, to be mapped with mmap."),
            entry("library", "A shared library, mapped into every process that uses it and shared between them."));

    static Optional<String> of(String word) {
        return Optional.ofNullable(DOCS.get(word));
    }
}
