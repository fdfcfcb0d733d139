package oss.ir.diag;

/**
 * The stable diagnostic codes. A code never changes meaning once released;
 * each has a section in docs/diagnostics.md (a test keeps the two in step).
 *
 * <p>OSS1xxx come from the compiler (10xx syntax, 11xx names, 12xx values and
 * units, 13xx static misuse, 14xx resources and banker tables, 15xx settings);
 * OSS2xxx from running (20xx engine, 21xx deadlock, 22xx banker, 23xx memory, 24xx exploring,
 * 25xx data);
 * OSS3xxx are expectations.
 */
public enum Code {
    SYNTAX("OSS1001", Severity.ERROR, "syntax error"),
    BAD_CHARACTER("OSS1002", Severity.ERROR, "character not allowed here"),
    UNTERMINATED("OSS1003", Severity.ERROR, "unterminated string or comment"),

    UNKNOWN_NAME("OSS1101", Severity.ERROR, "unknown name"),
    DUPLICATE_NAME("OSS1102", Severity.ERROR, "name declared twice"),
    WRONG_KIND("OSS1103", Severity.ERROR, "name of the wrong kind"),
    UNKNOWN_SETTING("OSS1104", Severity.ERROR, "unknown machine or kernel setting"),
    UNKNOWN_EXPECTATION("OSS1105", Severity.ERROR, "unknown expectation or metric"),
    NOT_AN_ARRAY("OSS1106", Severity.ERROR, "indexing something that is not an array, or an array without index"),

    MISSING_UNIT("OSS1201", Severity.ERROR, "missing unit"),
    WRONG_UNIT("OSS1202", Severity.ERROR, "wrong unit"),
    NOT_POSITIVE("OSS1203", Severity.ERROR, "value must be positive"),
    INDEX_OUT_OF_RANGE("OSS1204", Severity.ERROR, "constant index out of range"),
    VALUE_OUT_OF_RANGE("OSS1205", Severity.ERROR, "value outside its allowed range"),
    DIVISION_BY_ZERO("OSS1206", Severity.ERROR, "division by zero"),
    NOT_AN_INTEGER("OSS1207", Severity.ERROR, "a whole number is needed"),
    TOO_LARGE("OSS1208", Severity.ERROR, "program too large after unrolling"),

    UNLOCK_NOT_HELD("OSS1301", Severity.ERROR, "unlock of a lock not held"),
    ACCESS_OUTSIDE_MAPPING("OSS1302", Severity.WARNING, "access outside the mapping"),
    WRITE_TO_READ_ONLY("OSS1303", Severity.WARNING, "write to a read-only mapping"),
    LOCK_ORDER_CYCLE("OSS1304", Severity.WARNING, "possible deadlock: locks taken in a cyclic order"),
    HELD_AT_EXIT("OSS1305", Severity.WARNING, "lock still held at exit"),
    SELF_DEADLOCK("OSS1306", Severity.ERROR, "second lock of a non-recursive lock by its holder"),
    SLEEP_IN_SPINLOCK_STATIC("OSS1307", Severity.WARNING, "blocking call while holding a spinlock"),
    NO_COMMON_LOCK("OSS1308", Severity.WARNING, "shared variable with no lock common to its accesses"),
    MISPLACED_STATEMENT("OSS1309", Severity.ERROR, "statement not allowed where it stands"),

    // issue 14, static: pipes and descriptors OSS1310-OSS1313
    PIPE_END_LEFT_OPEN("OSS1310", Severity.WARNING, "inherited pipe end never closed"),
    BAD_FD_CALL("OSS1311", Severity.ERROR, "descriptor call that cannot work as written"),

    // issue 14, static: message queues and shared memory OSS1314-OSS1317
    MSG_TYPE_NEVER_SENT("OSS1314", Severity.WARNING, "msgrcv of a message type no process sends"),
    MQ_NEVER_SENT("OSS1315", Severity.WARNING, "mq_receive on a POSIX queue no process sends to"),

    // shared memory
    SHM_BAD_NAME("OSS1316", Severity.ERROR, "shared-memory object name not of the form /name"),

    // issue 14, static: signals OSS1320-OSS1323
    SIG_UNCATCHABLE("OSS1320", Severity.ERROR, "SIGKILL or SIGSTOP caught, ignored or blocked"),
    SIG_BAD_TARGET("OSS1321", Severity.ERROR, "kill of a target that is not a process"),

    // issue 15, static: system calls OSS1330-OSS1334

    // issue 15, static: files and the VFS OSS1340-OSS1349

    // issue 15, static: the I/O models OSS1350-OSS1359
    BAD_DEVICE("OSS1350", Severity.ERROR, "device declaration that cannot work as written"),
    BAD_IO_CALL("OSS1351", Severity.ERROR, "I/O call that cannot work as written"),

    // issue 16, static: paging-structure caches OSS1370-OSS1379
    PSC_SHAPE("OSS1370", Severity.ERROR, "paging-structure cache that cannot be built"),
    PSC_NO_SUCH_LEVEL("OSS1371", Severity.ERROR, "paging-structure cache the paging format does not have"),


    REQUEST_ABOVE_CLAIM("OSS1401", Severity.ERROR, "request above claim"),
    CLAIM_ABOVE_TOTAL("OSS1402", Severity.ERROR, "claim above total"),
    BANKER_SHAPE("OSS1403", Severity.ERROR, "banker table malformed"),
    ALLOC_ABOVE_MAX("OSS1404", Severity.ERROR, "allocation above maximum"),
    ALLOC_ABOVE_TOTAL("OSS1405", Severity.ERROR, "allocation exceeds the total"),
    RELEASE_NOT_HELD("OSS1406", Severity.ERROR, "release of instances not held"),

    NOT_SIMULATED_YET("OSS1501", Severity.INFO, "setting accepted but not simulated yet"),
    BAD_SETTING("OSS1502", Severity.ERROR, "malformed setting"),

    // assignment files (docs/grading.md)
    BAD_ASSIGNMENT("OSS1601", Severity.ERROR, "malformed assignment item"),
    STARTER_UNUSABLE("OSS1602", Severity.ERROR, "starter missing or not a valid scenario"),
    CHECK_NOT_APPLICABLE("OSS1603", Severity.ERROR, "test check does not apply to the starter"),
    EMPTY_TEST("OSS1604", Severity.WARNING, "test or assignment with nothing to grade"),

    BUDGET_EXHAUSTED("OSS2001", Severity.WARNING, "simulation budget exhausted"),
    UNLOCK_BY_NON_OWNER("OSS2002", Severity.ERROR, "unlock by a task that does not hold the lock"),
    REQUEST_ABOVE_CLAIM_RUN("OSS2003", Severity.ERROR, "request above claim at run time"),
    REQUEST_WITHOUT_CLAIM("OSS2004", Severity.ERROR, "request without a claim under deadlock avoidance"),
    RELEASE_NOT_HELD_RUN("OSS2005", Severity.ERROR, "release of instances not held at run time"),
    ZOMBIE_LEFT("OSS2006", Severity.WARNING, "zombie never reaped"),
    EXIT_HOLDING_LOCK("OSS2007", Severity.WARNING, "task exited holding a lock"),
    WAIT_NO_CHILD("OSS2008", Severity.WARNING, "wait with no child to wait for (ECHILD)"),
    SLEEP_HOLDING_SPINLOCK("OSS2009", Severity.ERROR, "task slept while holding a spinlock"),
    WRITER_STARVED("OSS2010", Severity.INFO, "writer waited while readers kept the lock"),
    TIME_LIMIT("OSS2011", Severity.WARNING, "simulated time limit reached"),
    NO_PID_LEFT("OSS2012", Severity.WARNING, "fork failed with EAGAIN: no pid left"),
    ANALYSIS_BUDGET("OSS2013", Severity.ERROR, "the analysis ran out of time or memory"),
    SNAPSHOT_LIMIT("OSS2014", Severity.WARNING, "too many snapshots"),

    SEGFAULT("OSS2301", Severity.ERROR, "segmentation fault"),
    DOUBLE_FREE("OSS2302", Severity.ERROR, "double free"),
    USE_AFTER_FREE("OSS2303", Severity.ERROR, "use after free"),
    LEAK("OSS2304", Severity.WARNING, "memory leaked"),
    OUT_OF_MEMORY("OSS2305", Severity.ERROR, "out of memory"),
    INVALID_FREE("OSS2306", Severity.ERROR, "free of a pointer malloc did not return"),
    MUNMAP_NOT_MAPPED("OSS2307", Severity.WARNING, "munmap of a range that is not mapped"),
    SYSCALL_ENOMEM("OSS2308", Severity.WARNING, "brk, mmap, fork or malloc failed with ENOMEM"),
    BUS_ERROR("OSS2309", Severity.ERROR, "bus error: access beyond the end of a mapped file"),

    DEADLOCK("OSS2101", Severity.ERROR, "deadlock"),
    BLOCKED_FOREVER("OSS2102", Severity.ERROR, "tasks blocked forever"),

    DEADLOCK_REACHABLE("OSS2401", Severity.ERROR, "deadlock in some interleaving"),
    MISUSE_REACHABLE("OSS2402", Severity.ERROR, "lock misuse in some interleaving"),
    UNSAFE_REACHABLE("OSS2403", Severity.WARNING, "unsafe state in some interleaving"),
    EXPLORE_BUDGET("OSS2404", Severity.WARNING, "exploration budget exhausted"),
    EXPLORED("OSS2405", Severity.INFO, "every interleaving explored"),
    SCHEDULE_MISMATCH("OSS2406", Severity.ERROR, "schedule does not fit the scenario"),
    ASSERTION_REACHABLE("OSS2407", Severity.ERROR, "assertion fails in some interleaving"),
    RACE_REACHABLE("OSS2408", Severity.WARNING, "data race in some interleaving"),
    SPIN_FOREVER_REACHABLE("OSS2409", Severity.ERROR, "tasks spin forever in some interleaving"),
    DATA_FAULT_REACHABLE("OSS2410", Severity.ERROR, "division by zero or index out of bounds in some interleaving"),

    ASSERTION_FAILED("OSS2501", Severity.ERROR, "assertion failed"),
    DATA_RACE("OSS2502", Severity.WARNING, "data race"),
    ENDLESS_LOOP("OSS2503", Severity.ERROR, "loop that does not end"),
    DATA_FAULT("OSS2504", Severity.ERROR, "division by zero or array index out of bounds"),

    // issue 14, run: pipes and descriptors OSS2601-OSS2609
    BAD_DESCRIPTOR("OSS2601", Severity.WARNING, "descriptor call that fails (EBADF, ENOENT, ESPIPE, EINVAL)"),
    BROKEN_PIPE("OSS2602", Severity.WARNING, "write to a pipe nobody reads"),

    // issue 14, run: message queues and shared memory OSS2701-OSS2709
    MSG_TOO_LARGE("OSS2701", Severity.WARNING, "message larger than the queue allows"),
    QUEUE_LEFT("OSS2702", Severity.INFO, "message queue left at the end of the run"),
    QUEUE_REMOVED("OSS2703", Severity.WARNING, "call on a removed message queue"),

    // shared memory
    SHM_GET_FAILED("OSS2705", Severity.WARNING, "shmget failed"),
    SHM_BAD_ID("OSS2706", Severity.WARNING, "shmat or shmctl of a segment that does not exist"),
    SHM_NOT_ATTACHED("OSS2707", Severity.WARNING, "shmdt of an address where no segment is attached"),
    SHM_LEFT("OSS2708", Severity.WARNING, "shared memory left at the end of the run"),
    SHM_NO_OBJECT("OSS2709", Severity.WARNING, "shm_unlink of a name that does not exist"),

    // issue 14, run: signals OSS2801-OSS2809
    SIG_NO_TASK("OSS2801", Severity.WARNING, "kill of a process that does not exist or has ended"),
    SIG_LOST("OSS2802", Severity.WARNING, "signal lost"),
    SIG_LOST_REACHABLE("OSS2803", Severity.WARNING, "signal lost in some interleaving"),

    // issue 15, run: system calls OSS2901-OSS2909

    // issue 15, run: files and the VFS OSS2910-OSS2929
    FD_LEAKED("OSS2910", Severity.WARNING, "a file still open when its process exits"),
    FS_CALL_FAILED("OSS2911", Severity.WARNING, "file system call that fails (ENOENT, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY, EPERM, ELOOP, EACCES)"),

    // issue 15, run: the I/O models OSS2930-OSS2949
    IO_CALL_FAILED("OSS2930", Severity.WARNING, "I/O call failed"),
    EPOLL_ET_STARVED("OSS2931", Severity.ERROR, "edge-triggered epoll waits for data already there"),


    BANKER_UNSAFE("OSS2201", Severity.WARNING, "unsafe state"),
    BANKER_DENIED("OSS2202", Severity.INFO, "request denied by the banker"),
    BANKER_REPORT("OSS2203", Severity.INFO, "banker's algorithm report"),
    REQUEST_EXCEEDS_NEED("OSS2204", Severity.ERROR, "request exceeds the process's remaining need"),

    EXPECTATION_FAILED("OSS3001", Severity.ERROR, "expectation failed"),
    DECIDED_ON_DEFAULT_RUN("OSS3002", Severity.INFO, "decided on the default run only"),
    EXPECTATION_UNDECIDED("OSS3003", Severity.WARNING, "expectation undecided"),

    // grading a submission (docs/grading.md)
    SUBMISSION_REJECTED("OSS4001", Severity.ERROR, "submission not graded: missing, too large, not text or outside its directory"),
    SUBMISSION_DOES_NOT_COMPILE("OSS4002", Severity.ERROR, "submission does not compile"),
    SUBMISSION_OVER_BUDGET("OSS4003", Severity.WARNING, "submission reached its grading budget"),
    TEST_FAILED("OSS4004", Severity.ERROR, "test failed"),

    INTERNAL("OSS9001", Severity.ERROR, "internal error in oss");

    private final String id;
    private final Severity severity;
    private final String title;

    Code(String id, Severity severity, String title) {
        this.id = id;
        this.severity = severity;
        this.title = title;
    }

    /** The stable identifier, e.g. {@code OSS2101}. */
    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }
}
