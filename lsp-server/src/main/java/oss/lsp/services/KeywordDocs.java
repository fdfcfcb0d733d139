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
            entry("int", "An integer variable (a C int): at the top, shared by every task; in a body, the process's own (its threads share it)."),
            entry("if", "Run the block when the condition is not 0; its shared variables are read first, one step each."),
            entry("while", "Run the block again and again while the condition holds; the condition is read again each round."),
            entry("break", "Leave the innermost `while` loop."),
            entry("assert", "Check a condition: a false one is an error, with the shortest schedule that reaches it in the explorer."),
            entry("await", "Block until the condition holds, read in one step (Promela's guard)."),
            entry("atomic", "Run a few assignments and `if`s as one step, with no other task in between."),
            entry("atomic_inc", "Add 1 to a variable in one atomic step (the kernel's `atomic_inc`, x86's `lock inc`)."),
            entry("atomic_dec", "Subtract 1 from a variable in one atomic step (`atomic_dec`)."),
            entry("atomic_add", "Add a value to a variable in one atomic step (`atomic_add`)."),
            entry("fetch_add", "Add a value in one atomic step and return the old value (C11 `atomic_fetch_add`, x86 `lock xadd`)."),
            entry("xchg", "Store a value and return the old one, in one atomic step (x86 `xchg`)."),
            entry("cmpxchg", "Compare-and-swap: store `new` if the variable holds `old`; returns the old value (x86 `lock cmpxchg`)."),
            entry("test_and_set", "Set a variable to 1 and return the old value, in one atomic step: the instruction spinlocks are built on."),
            entry("mb", "A full memory barrier: earlier loads and stores complete before later ones (the store buffer drains)."),
            entry("rmb", "A read barrier: earlier loads before later loads."),
            entry("wmb", "A write barrier: earlier stores become visible before later stores."),
            entry("smp_mb", "`mb()` for SMP: a full memory barrier between CPUs."),
            entry("smp_rmb", "`rmb()` for SMP: earlier loads before later loads."),
            entry("smp_wmb", "`wmb()` for SMP: earlier stores before later stores."),
            entry("always", "`expect always C`: C holds at the end of every interleaving the explorer finds."),
            entry("possible", "`expect possible C`: C holds at the end of at least one interleaving; the schedule is shown."),
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

    /**
     * The words that are not keywords but values a setting, an expectation or a signal takes:
     * what each one means, for the hover on it.
     */
    static final Map<String, String> VALUES = Map.ofEntries(
            // page replacement
            entry("lru", "Page replacement: evict the page used least recently (a stack algorithm: no Belady's anomaly)."),
            entry("clock", "Page replacement: second chance. A hand sweeps the frames; a page with its reference bit set gets the bit cleared and is spared once."),
            entry("fifo", "First in, first out: as a scheduler, run jobs in arrival order to completion (non-preemptive); as page replacement, evict the page loaded first (Belady's anomaly possible)."),
            entry("opt", "Page replacement: Belady's optimal, evict the page used farthest in the future (needs the future: a yardstick)."),
            entry("random", "Page replacement: evict a page chosen by the run's seeded random source."),
            // schedulers
            entry("cfs", "Linux's Completely Fair Scheduler: run the task with the smallest virtual runtime; weights from nice."),
            entry("rr", "Round robin: FIFO order with a time quantum; a task whose quantum ends goes to the back."),
            entry("sjf", "Shortest job first: run the task with the shortest next CPU burst to completion (non-preemptive)."),
            entry("stcf", "Shortest time to completion first (preemptive SJF, SRTF): a shorter arrival preempts."),
            entry("mlfq", "Multi-level feedback queue: new jobs start on top, using up an allotment moves a job down, a boost lifts all."),
            entry("lottery", "Proportional share: each quantum goes to a task drawn at random, weighted by its tickets."),
            entry("normal", "SCHED_NORMAL: the kernel's `scheduler` decides (CFS by default)."),
            // deadlock policies
            entry("detect", "Deadlock detection: grant requests when instances are free; report a deadlock when the run ends with tasks blocked in a cycle."),
            entry("avoid", "Deadlock avoidance: the banker's algorithm checks every request; one that would leave an unsafe state waits."),
            entry("ignore", "The ostrich algorithm: grant as available and do nothing about deadlocks (oss still lists who sleeps forever)."),
            // allocators and paging
            entry("ptmalloc", "glibc's malloc: tcache, fast, small and large bins, the top chunk grown with brk; big requests get their own mmap."),
            entry("freelist", "A textbook free list (OSTEP chapter 17): first, best, worst or next fit over an explicit list of free blocks."),
            entry("first_fit", "Take the first free block that is large enough."),
            entry("best_fit", "Take the smallest free block that is large enough (the first of equal ones)."),
            entry("worst_fit", "Take the largest free block (the first of equal ones)."),
            entry("next_fit", "Like first fit, but start where the last search ended."),
            entry("coalesce", "Merge free blocks that touch in memory when one is freed."),
            entry("x86_64", "Four levels of page tables (9/9/9/9/12 bits), 48-bit addresses, the user half below 0x0000_8000_0000_0000."),
            entry("x86_32", "Two levels of page tables (10/10/12 bits), a 4 GiB space split 3 GiB user / 1 GiB kernel."),
            entry("pcid", "Process-context identifiers: the TLB keeps entries of several address spaces, so a switch does not flush it."),
            // expectation words
            entry("deadlock", "Some interleaving ends with tasks waiting for each other in a cycle (decided by exploring every interleaving)."),
            entry("safe", "The banker's state (after a pretend grant of the request, if any) has a safe sequence."),
            entry("unsafe", "The banker's state has no safe sequence: some order of requests may deadlock."),
            entry("granted", "The banker's request algorithm grants the request: the state after it is safe."),
            entry("denied", "The banker's request algorithm refuses the request: it exceeds the need, must wait for instances, or would leave the state unsafe."),
            entry("leaks", "A declared process exited with malloc'ed bytes never freed."),
            entry("zombies", "A child exited and nobody reaped it with `wait` (a zombie, state Z)."),
            entry("safe_sequence", "An order in which every process can get its remaining need and finish."),
            entry("finish_order", "The order in which the named processes exited."),
            entry("NULL", "No address: what a failed malloc returns."),
            // signals
            entry("SIGSEGV", "Segmentation fault (signal 11): an access outside every mapping or against its permissions; exit status 139."),
            entry("SIGBUS", "Bus error (signal 7): a page of a file mapping beyond the end of the file; exit status 135."),
            entry("SIGKILL", "Killed (signal 9): by the OOM killer, or by exec ending the other threads; exit status 137."));

    static Optional<String> of(String word) {
        String d = DOCS.get(word);
        return Optional.ofNullable(d != null ? d : VALUES.get(word));
    }
}
