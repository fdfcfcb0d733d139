/*
 * The .oss scenario language. The grammar alone lives here; the compiler
 * turns parse trees into its own immutable AST (oss.compiler.ast) and does
 * every check that needs meaning: units, names, ranges, setting schemas.
 *
 * Line ends matter only as separators. The lexer drops them inside ( ) and
 * [ ] so long lists may wrap; a brace resets that nesting so that one
 * missing ']' cannot swallow the rest of the file.
 *
 * Every keyword but `in` and `any` doubles as a name (`semaphore mutex = 1`,
 * `mutex lock`, `semaphore full`): they are listed in `nonReserved` and may
 * be used as identifiers, the parser telling a statement from a name by what
 * follows; their tokens sit between FORK and NO (the compiler's messages rely
 * on that). `in` and `any` stay reserved: docs/language.md says why.
 */
grammar Oss;

@parser::members {
  /** Whether a token starts what `v = ...` creates: a child, a thread, a mapping or a block. */
  public static boolean creates(int token) {
    return token == FORK || token == VFORK || token == THREAD || token == CLONE || token == MMAP || token == MALLOC
        || callResult(token);
  }

  /**
   * Whether a token starts a system call whose result `v = ...` keeps: a descriptor, a queue, a
   * segment, an attach address, or a count of bytes (docs/language.md, "Processes that talk").
   */
  public static boolean callResult(int token) {
    return token == PIPE || token == SOCKETPAIR || token == OPEN || token == READ || token == WRITE || token == LSEEK || token == DUP || token == MSGGET
        || token == MSGSND || token == MSGRCV || token == MQ_OPEN || token == MQ_SEND || token == MQ_RECEIVE
        || token == SHMGET || token == SHMAT || token == SHM_OPEN;
  }
}

@lexer::members {
  private int nesting = 0;
}

// ---------------------------------------------------------------- file

file
    : sep* (scenario | assignment) sep* EOF
    ;

scenario
    : SCENARIO title=STRING sep* LBRACE (section | sep)* RBRACE
    ;

section
    : MACHINE sep* LBRACE (setting | sep)* RBRACE        # machineSection
    | KERNEL sep* LBRACE (setting | sep)* RBRACE         # kernelSection
    | declaration                                        # declarationSection
    | process                                            # processSection
    | banker                                             # bankerSection
    | expectation                                        # expectationSection
    ;

// A setting is one line of atoms; the compiler reads it against a schema
// of keys (several keys may share a line: `msgmax 8 KiB msgmnb 16 KiB`).
setting
    : atom+
    ;

atom
    : word
    | NUMBER
    | STRING
    | MINUS
    | PLUS
    ;

// ---------------------------------------------------------------- declarations

declaration
    : MUTEX declName                                     # mutexDecl
    | SEMAPHORE declName (ASSIGN init=expr)?             # semaphoreDecl
    | RESOURCE declName instances=expr?                  # resourceDecl
    | FILE path=STRING SIZE quantity READONLY?           # fileDecl
    | LIBRARY path=STRING SIZE quantity                  # libraryDecl
    | SPINLOCK declName                                  # spinlockDecl
    | RWLOCK declName WRITER_PREFERRING?                 # rwlockDecl
    | SEQLOCK declName                                   # seqlockDecl
    | CONDVAR declName                                   # condvarDecl
    | BARRIER declName parties=expr                      # barrierDecl
    // a set's elements are `s[0]`, `s[1]`, ...: the set itself is not an array
    | SEMSET identifier ASSIGN LBRACK expr (COMMA expr)* RBRACK         # semsetDecl
    | INT intVar                                         # intDecl
    // issue 15, the I/O models: data that arrives on its own (docs/language.md, "The five I/O models")
    | DEVICE path=STRING (EVERY period=quantity COUNT count=expr | AT times+=quantity (COMMA times+=quantity)*)
      SIZE size=quantity (LATENCY latency=quantity)? (BANDWIDTH bandwidth=quantity SLASH per=identifier)?   # deviceDecl
    ;

// `int x`, `int x = e`, `int a[4]`, `int a[2] = {0, 1}`: a data variable (shared at the top, local in a body)
intVar
    : declName (ASSIGN (init=expr | LBRACE sep* values+=expr (sep* COMMA sep* values+=expr)* sep* RBRACE))?
    ;

declName
    : identifier (LBRACK size=expr RBRACK)?
    ;

// ---------------------------------------------------------------- processes

process
    : PROCESS identifier (LBRACK index=identifier IN range RBRACK)? processAttr* sep* block
    ;

processAttr
    : NICE expr                                          # niceAttr
    | ARRIVES quantity                                   # arrivesAttr
    | POLICY policyName=identifier (PRIORITY expr)?      # policyAttr
    | PRIORITY expr                                      # priorityAttr
    | FRAMES expr                                        # framesAttr
    | TICKETS expr                                       # ticketsAttr
    ;

range
    : from=expr DOTDOT to=expr
    ;

block
    : LBRACE (statement | sep)* RBRACE
    ;

statement
    : COMPUTE quantity                                   # computeStmt
    | SLEEP quantity                                     # sleepStmt
    | IO quantity                                        # ioStmt
    | REPEAT count=expr sep* block                       # repeatStmt
    | FOR var=identifier IN range sep* block             # forStmt
    | LOCK ref                                           # lockStmt
    | UNLOCK ref                                         # unlockStmt
    | TRYLOCK ref (sep* then=block (sep* ELSE sep* otherwise=block)?)?  # trylockStmt
    | WAIT ANY                                           # waitAnyStmt
    | WAIT ref                                           # waitStmt
    | POST ref                                           # postStmt
    // before callStmt: `atomic_inc(x)` also reads as a call of a function named atomic_inc
    | atomicOp                                           # atomicOpStmt
    | callee=identifier LPAREN ref RPAREN                # callStmt
    | CLAIM amounts                                      # claimStmt
    | REQUEST amounts                                    # requestStmt
    | RELEASE amounts                                    # releaseStmt
    | (var=identifier ASSIGN)? FORK sep* block           # forkStmt
    | EXIT status=expr?                                  # exitStmt
    // memory: `read NAME[...]` is memory; `read NAME SIZE` stays free for pipes and files
    | var=identifier ASSIGN MMAP
          (size=quantity ANON | path=STRING fileSize=quantity? | fd=identifier fileSize=quantity?)
          share=(PRIVATE | SHARED) prot=identifier (AT address=expr)?    # mmapStmt
    | var=identifier ASSIGN MALLOC quantity              # mallocStmt
    | MUNMAP identifier                                  # munmapStmt
    | MSYNC identifier                                   # msyncStmt
    | FREE identifier                                    # freeStmt
    | BRK sign=(PLUS | MINUS) quantity                   # brkStmt
    | kind=(READ | WRITE) identifier LBRACK from=quantity (DOTDOT to=quantity)? RBRACK
          (STEP step=quantity)?                          # memAccessStmt
    | kind=(READ | WRITE) AT address=expr                # addressAccessStmt
    | kind=(READ | WRITE) lib=STRING LBRACK from=quantity (DOTDOT to=quantity)? RBRACK
          (STEP step=quantity)?                          # libraryAccessStmt
    | ACCESS identifier PAGES LBRACK expr (COMMA expr)* RBRACK WRITE?      # pageRefsStmt
    | TOUCH identifier                                   # touchStmt
    | SNAPSHOT label=STRING                              # snapshotStmt
    // process creation beyond fork
    | (var=identifier ASSIGN)? VFORK sep* block          # vforkStmt
    | EXEC program=STRING sep* block                     # execStmt
    | (var=identifier ASSIGN)? THREAD sep* block         # threadStmt
    | JOIN identifier                                    # joinStmt
    | (var=identifier ASSIGN)? CLONE flags+=identifier* sep* block   # cloneStmt
    // more synchronisation
    | SPIN_LOCK ref                                      # spinLockStmt
    | SPIN_UNLOCK ref                                    # spinUnlockStmt
    | READ_LOCK ref                                      # readLockStmt
    | READ_UNLOCK ref                                    # readUnlockStmt
    | WRITE_LOCK ref                                     # writeLockStmt
    | WRITE_UNLOCK ref                                   # writeUnlockStmt
    | SEQ_WRITE ref sep* block                           # seqWriteStmt
    | SEQ_READ ref sep* block                            # seqReadStmt
    | COND_WAIT cond=ref mutex=ref                       # condWaitStmt
    | SIGNAL ref                                         # signalStmt
    | BROADCAST ref                                      # broadcastStmt
    | BARRIER ref                                        # barrierStmt
    | SEMOP semopItem (COMMA semopItem)*                 # semopStmt
    | CHOOSE sep* first=block (sep* OR sep* more+=block)*    # chooseStmt
    // data (docs/language.md, "Shared data")
    | INT intVar                                         # intStmt
    | ifStatement                                        # ifStmt
    | WHILE LPAREN cond=expr RPAREN sep* block           # whileStmt
    | BREAK                                              # breakStmt
    | ASSERT cond=expr                                   # assertStmt
    | AWAIT cond=expr                                    # awaitStmt
    | ATOMIC sep* block                                  # atomicBlockStmt
    | fence=(MB | RMB | WMB | SMP_MB | SMP_RMB | SMP_WMB) LPAREN RPAREN    # fenceStmt
    // processes that talk (docs/language.md, "Processes that talk"): each family is a rule of its own
    | (var=identifier ASSIGN)? fdCall                    # fdStmt
    | (var=identifier ASSIGN)? ipcCall                   # ipcStmt
    | signalCall                                         # sigStmt
    // issue 15, the I/O models (`ioStmt` is `io T`'s label)
    | (var=identifier ASSIGN)? ioCall                    # ioModelStmt
    // not `c = fork` (nor vfork, thread, clone, mmap, malloc) without the rest: that is a broken fork, not an assignment
    | {!(_input.LA(2) == ASSIGN && creates(_input.LA(3)))}?
      target=ref op=(ASSIGN | PLUS_ASSIGN | MINUS_ASSIGN) value=expr     # assignStmt
    | target=ref op=(INCREMENT | DECREMENT)              # stepStmt
    ;

// ---------------------------------------------------------------- descriptors and pipes

// `p = pipe` gives p.read and p.write; a FIFO is opened by path; `read`/`write` of a descriptor take
// a size with a unit (bytes) or, without a unit, an int value (`write p.write x`, `read p.read into y`).
fdCall
    : PIPE                                                             # pipeCall
    // socketpair(2), AF_UNIX SOCK_STREAM: `s = socketpair` gives s[0] and s[1], each read and written
    | SOCKETPAIR                                                       # socketpairCall
    | MKFIFO path=STRING                                               # mkfifoCall
    | OPEN path=STRING flags+=identifier*                              # openCall
    // `into` first: as a soft keyword it could also start a quantity (`into got`, a number named into in unit got)
    | READ fdRef (INTO target=ref | size=quantity) NOWAIT?             # fdReadCall
    | WRITE fdRef payload=quantity NOWAIT?                             # fdWriteCall
    | CLOSE fdRef                                                      # closeCall
    // issue 15, files and the VFS: `r = lseek f OFFSET SEEK_SET|SEEK_CUR|SEEK_END`, OFFSET in bytes
    | LSEEK fdRef offset=expr whence=identifier                        # lseekCall
    | DUP fdRef                                                        # dupCall
    // `dup2 f stdout`: stdout now refers to f's open file (the shell's `>`); stdin, stdout, stderr are 0, 1, 2
    | DUP2 from=fdRef to=fdRef                                         # dup2Call
    // calls on names, paths relative to the current directory: `unlink "/a"`, `link "/a" "/b"`, `n = stat "/a" size`
    | call=(UNLINK | MKDIR | RMDIR | CHDIR) path=STRING                # pathCall
    | call=(LINK | SYMLINK) path=STRING target=STRING                  # linkCall
    | call=(STAT | LSTAT) path=STRING field=identifier                 # statCall
    | FSTAT fdRef field=identifier                                     # fstatCall
    // `fsync f`, `fdatasync f`: the file's dirty pages to the disk, the caller waiting (fsync(2))
    | kind=(FSYNC | FDATASYNC) fdRef                                   # fsyncCall
    ;

// `p.read`, `p.write` (the ends of a pipe), `s[0]`, `s[1]` (the ends of a socket pair), or a
// descriptor `f` from `open`
fdRef
    : identifier (DOT end=(READ | WRITE) | LBRACK index=NUMBER RBRACK)?
    ;

// ---------------------------------------------------------------- message queues and shared memory

ipcCall
    : MSGGET key=expr                                                  # msggetCall
    | MSGSND queue=identifier TYPE msgType=expr payload=quantity NOWAIT?          # msgsndCall
    | MSGRCV queue=identifier TYPE msgType=expr (INTO target=ref)? NOWAIT?        # msgrcvCall
    | MSGCTL queue=identifier command=identifier                       # msgctlCall
    | MQ_OPEN path=STRING (option=identifier optionValue=quantity)*    # mqOpenCall
    | MQ_SEND queue=identifier payload=quantity (PRIO prio=expr)? NOWAIT?           # mqSendCall
    | MQ_RECEIVE queue=identifier (INTO target=ref)? NOWAIT?           # mqReceiveCall
    | MQ_UNLINK path=STRING                                            # mqUnlinkCall
    | SHMGET key=expr size=quantity                                    # shmgetCall
    | SHMAT segment=identifier access=identifier?                        # shmatCall
    | SHMDT region=identifier                                          # shmdtCall
    | SHMCTL segment=identifier command=identifier                     # shmctlCall
    | SHM_OPEN path=STRING size=quantity                               # shmOpenCall
    | SHM_UNLINK path=STRING                                           # shmUnlinkCall
    ;

// ---------------------------------------------------------------- signals

// Signal names (SIGINT, SIGCHLD, ...) and words (ignore, default, restart, block, ...) are
// identifiers the compiler reads, so a misspelt one gets "did you mean" instead of a syntax error.
// `signal c` alone (no action word, no block) stays the condition variable's signal (`signalStmt`).
signalCall
    : KILL (target=ref | pid=NUMBER) sig=identifier                    # killCall
    | RAISE sig=identifier                                             # raiseCall
    | SIGNAL sig=identifier (action=identifier | sep* handler=block)   # signalHandlerCall
    | SIGACTION sig=identifier flags+=identifier* (sep* handler=block)?    # sigactionCall
    | SIGPROCMASK how=identifier sigs+=identifier (COMMA sigs+=identifier)*    # sigprocmaskCall
    | PAUSE                                                            # pauseCall
    | SIGSUSPEND (sigs+=identifier (COMMA sigs+=identifier)*)?         # sigsuspendCall
    | ALARM time=quantity                                              # alarmCall
    ;

// ---------------------------------------------------------------- the I/O models (issue 15)

// Readiness and asynchronous reads (docs/language.md, "The five I/O models"). epoll_ctl's operation
// (`add`, `del`) and events (`in`, `et`), fcntl's flag and aio's signal are read by the compiler.
ioCall
    : kind=(SELECT | POLL) fds+=fdRef (COMMA fds+=fdRef)* (TIMEOUT timeout=quantity)?    # selectCall
    | EPOLL_CREATE                                                     # epollCreateCall
    | EPOLL_CTL ep=identifier op=identifier fdRef events+=epollEvent*  # epollCtlCall
    | EPOLL_WAIT ep=identifier (TIMEOUT timeout=quantity)?             # epollWaitCall
    | FCNTL fdRef flag=identifier                                      # fcntlCall
    | AIO_READ fdRef size=quantity (NOTIFY sig=identifier)?            # aioReadCall
    | AIO_SUSPEND request=identifier                                   # aioSuspendCall
    | AIO_RETURN request=identifier                                    # aioReturnCall
    ;

// `in` is a keyword of its own (for loops), so it is named here
epollEvent
    : IN
    | identifier
    ;

ifStatement
    : IF LPAREN cond=expr RPAREN sep* then=block (sep* ELSE sep* (otherwise=block | elseIf=ifStatement))?
    ;

// `fetch_add(x, 1)`: the operand count is checked by the compiler
atomicOp
    : fn=(ATOMIC_INC | ATOMIC_DEC | ATOMIC_ADD | FETCH_ADD | XCHG | CMPXCHG | TEST_AND_SET)
          LPAREN target=ref (COMMA args+=expr)* RPAREN
    ;

// `s[0] -1`, `s[2] +1`, `s[1] 0`: an element of a semaphore set and the change (0 waits for zero)
semopItem
    : ref PLUS? delta=expr
    ;

amounts
    : amount (COMMA amount)*
    ;

amount
    : ref count=expr?
    ;

ref
    : identifier (LBRACK index=expr RBRACK)?
    ;

// ---------------------------------------------------------------- textbook blocks

banker
    : BANKER sep* LBRACE (bankerRow | sep)* RBRACE
    ;

bankerRow
    : RESOURCES identifier+                              # bankerResources
    | TOTAL NUMBER+                                      # bankerTotal
    | AVAILABLE NUMBER+                                  # bankerAvailable
    | identifier bankerVector+                           # bankerProcess
    | REQUEST identifier NUMBER+                         # bankerRequest
    ;

bankerVector
    : kind=(ALLOC | MAX | NEED) NUMBER+
    ;

// ---------------------------------------------------------------- expectations

// The order settles what two alternatives could both read: a flag or a list before a value
// (`expect deadlock`), a value before a metric (`expect P.exit == 3` is built as the metric it is).
expectation
    : EXPECT NO? flag=identifier                                              # flagExpect
    | EXPECT list=identifier LBRACK (ref (COMMA ref)*)? RBRACK                # listExpect
    | EXPECT quantifier=(ALWAYS | POSSIBLE) ASSERT                                  # assertExpect
    | EXPECT quantifier=(ALWAYS | POSSIBLE)? cond=expr                              # valueExpect
    | EXPECT subject=ref DOT metric=word (DOT sub=word)? op=compareOp quantity  # metricExpect
    ;

compareOp
    : EQ | NE | LT | LE | GT | GE
    ;

// ---------------------------------------------------------------- assignments (docs/grading.md)

// An assignment is graded, not run: it names the file a student hands in, an optional starter, the
// budgets each submission gets, and tests of points whose checks the grader judges on the
// submission. Its words are soft keywords like every other: `test` is still a fine process name.
assignment
    : ASSIGNMENT title=STRING sep* LBRACE (assignmentItem | sep)* RBRACE
    ;

assignmentItem
    : SUBMISSION path=STRING                                              # submissionItem
    | STARTER path=STRING                                                 # starterItem
    | BUDGET sep* LBRACE (setting | sep)* RBRACE                          # budgetItem
    | TEST name=STRING testAttr* sep* LBRACE (check | sep)* RBRACE        # testItem
    ;

// `points 2`, `points 0.5`; a word: a visibility (visible, hidden, after_due_date, after_published) or `partial`
testAttr
    : POINTS points=NUMBER                                                # pointsAttr
    | identifier                                                          # wordAttr
    ;

// One line of a test. `count` and the targets are words the compiler reads, so that a misspelt
// one gets "did you mean" instead of a syntax error.
check
    : expectation                                                         # expectCheck
    | REQUIRE count=identifier kind=word name=identifier? op=compareOp bound=expr   # countCheck
    | REQUIRE what=identifier                                             # requireCheck
    | FORBID word (COMMA word)*                                           # forbidCheck
    | UNCHANGED part (COMMA part)*                                        # unchangedCheck
    | PREDICT subject=ref (DOT metric=word)?                              # predictCheck
    | FEEDBACK text=STRING                                                # feedbackCheck
    ;

// `scenario`, `machine`, `kernel`, `banker`, `declarations`, `processes`, `process NAME`
part
    : kind=word name=identifier?
    ;

// ---------------------------------------------------------------- values

// A number with an optional unit: `5 ms`, `4 KiB`, `3`. Which units are
// allowed (and whether one is required) is the compiler's business.
quantity
    : expr unit=(IDENT | PAGES | FRAMES)?
    ;

// C's precedence, tightest first. Counts, sizes and times are folded at compile time; conditions,
// array elements, `P.x` and atomic operations are data (docs/language.md, "Shared data").
expr
    : MINUS expr                                         # negateExpr
    | NOT expr                                           # notExpr
    | expr op=(STAR | SLASH | PERCENT) expr              # multiplyExpr
    | expr op=(PLUS | MINUS) expr                        # addExpr
    | expr op=(LT | LE | GT | GE) expr                   # compareExpr
    | expr op=(EQ | NE) expr                             # equalityExpr
    | expr op=ANDAND expr                                # andExpr
    | expr op=OROR expr                                  # orExpr
    | fn=(MIN | MAX) LPAREN expr COMMA expr RPAREN       # callExpr
    | atomicOp                                           # atomicExpr
    | LPAREN expr RPAREN                                 # parenExpr
    | NUMBER                                             # numberExpr
    | owner=ref DOT field=identifier                     # fieldExpr
    | identifier LBRACK index=expr RBRACK                # elementExpr
    | identifier                                         # nameExpr
    ;

identifier
    : IDENT
    | nonReserved
    ;

// Any name-like token, keywords included: setting keys and metric names.
word
    : identifier
    | IN | ANY
    ;

nonReserved
    : FORK | SCENARIO | MACHINE | KERNEL | PROCESS | MUTEX | SEMAPHORE | RESOURCE | BANKER | EXPECT
    | COMPUTE | SLEEP | REPEAT | FOR | LOCK | UNLOCK | TRYLOCK | ELSE | WAIT | POST
    | CLAIM | REQUEST | RELEASE | EXIT
    | SPINLOCK | RWLOCK | SEQLOCK | CONDVAR | SEMSET | SPIN_LOCK | SPIN_UNLOCK | READ_LOCK | READ_UNLOCK
    | WRITE_LOCK | WRITE_UNLOCK | SEQ_WRITE | SEQ_READ | COND_WAIT | SEMOP
    | IO | NICE | ARRIVES | POLICY | PRIORITY | FRAMES | TICKETS | MIN | MAX
    | RESOURCES | TOTAL | AVAILABLE | ALLOC | NEED
    | FILE | LIBRARY | SIZE | MMAP | MUNMAP | MSYNC | MALLOC | FREE | BRK | READ | WRITE | ACCESS
    | TOUCH | SNAPSHOT | VFORK | EXEC | THREAD | JOIN | CLONE | ANON | PRIVATE | SHARED | AT | STEP | PAGES
    | BARRIER | SIGNAL | BROADCAST | CHOOSE | OR | WRITER_PREFERRING
    | INT | IF | WHILE | BREAK | ASSERT | AWAIT | ATOMIC | ATOMIC_INC | ATOMIC_DEC | ATOMIC_ADD | FETCH_ADD
    | XCHG | CMPXCHG | TEST_AND_SET | MB | RMB | WMB | SMP_MB | SMP_RMB | SMP_WMB | ALWAYS | POSSIBLE
    | ASSIGNMENT | SUBMISSION | STARTER | BUDGET | TEST | POINTS | REQUIRE | FORBID | UNCHANGED | PREDICT
    | FEEDBACK
    | PIPE | MKFIFO | OPEN | CLOSE | INTO | NOWAIT | MSGGET | MSGSND | MSGRCV | MSGCTL | TYPE | MQ_OPEN | MQ_SEND
    | MQ_RECEIVE | MQ_UNLINK | PRIO | SHMGET | SHMAT | SHMDT | SHMCTL | SHM_OPEN | SHM_UNLINK | KILL | RAISE
    | SIGACTION | SIGPROCMASK | PAUSE | SIGSUSPEND | ALARM
    // issue 15, files and the VFS: their soft keywords on lines below this one
    | LSEEK | DUP
    | DUP2 | UNLINK | MKDIR | RMDIR | CHDIR | LINK | SYMLINK | STAT | LSTAT | FSTAT
    | FSYNC | FDATASYNC | READONLY | SOCKETPAIR
    // issue 15, the I/O models: their soft keywords on lines below this one
    | DEVICE | EVERY | COUNT | LATENCY | BANDWIDTH
    | SELECT | POLL | EPOLL_CREATE | EPOLL_CTL | EPOLL_WAIT | TIMEOUT | FCNTL | AIO_READ | AIO_SUSPEND | AIO_RETURN
    | NOTIFY
    | NO
    ;

sep
    : NL
    | SEMI
    ;

// ---------------------------------------------------------------- lexer

IN        : 'in';
ANY       : 'any';

// Soft keywords: the tokens from FORK to NO may also be names (see nonReserved).
FORK      : 'fork';
SCENARIO  : 'scenario';
MACHINE   : 'machine';
KERNEL    : 'kernel';
PROCESS   : 'process';
MUTEX     : 'mutex';
SEMAPHORE : 'semaphore';
RESOURCE  : 'resource';
BANKER    : 'banker';
EXPECT    : 'expect';
COMPUTE   : 'compute';
SLEEP     : 'sleep';
REPEAT    : 'repeat';
FOR       : 'for';
LOCK      : 'lock';
UNLOCK    : 'unlock';
TRYLOCK   : 'trylock';
ELSE      : 'else';
WAIT      : 'wait';
POST      : 'post';
CLAIM     : 'claim';
REQUEST   : 'request';
RELEASE   : 'release';
EXIT      : 'exit';
SPINLOCK  : 'spinlock';
RWLOCK    : 'rwlock';
SEQLOCK   : 'seqlock';
CONDVAR   : 'condvar';
SEMSET    : 'semset';
SPIN_LOCK : 'spin_lock';
SPIN_UNLOCK : 'spin_unlock';
READ_LOCK : 'read_lock';
READ_UNLOCK : 'read_unlock';
WRITE_LOCK : 'write_lock';
WRITE_UNLOCK : 'write_unlock';
SEQ_WRITE : 'seq_write';
SEQ_READ  : 'seq_read';
COND_WAIT : 'cond_wait';
SEMOP     : 'semop';
IO        : 'io';
NICE      : 'nice';
ARRIVES   : 'arrives';
POLICY    : 'policy';
PRIORITY  : 'priority';
FRAMES    : 'frames';
TICKETS   : 'tickets';
MIN       : 'min';
MAX       : 'max';
RESOURCES : 'resources';
TOTAL     : 'total';
AVAILABLE : 'available';
ALLOC     : 'alloc';
NEED      : 'need';
FILE      : 'file';
LIBRARY   : 'library';
SIZE      : 'size';
MMAP      : 'mmap';
MUNMAP    : 'munmap';
MSYNC     : 'msync';
MALLOC    : 'malloc';
FREE      : 'free';
BRK       : 'brk';
READ      : 'read';
WRITE     : 'write';
ACCESS    : 'access';
TOUCH     : 'touch';
SNAPSHOT  : 'snapshot';
VFORK     : 'vfork';
EXEC      : 'exec';
THREAD    : 'thread';
JOIN      : 'join';
CLONE     : 'clone';
ANON      : 'anon';
PRIVATE   : 'private';
SHARED    : 'shared';
AT        : 'at';
STEP      : 'step';
PAGES     : 'pages';
BARRIER   : 'barrier';
SIGNAL    : 'signal';
BROADCAST : 'broadcast';
CHOOSE    : 'choose';
OR        : 'or';
WRITER_PREFERRING : 'writer_preferring';
INT       : 'int';
IF        : 'if';
WHILE     : 'while';
BREAK     : 'break';
ASSERT    : 'assert';
AWAIT     : 'await';
ATOMIC    : 'atomic';
ATOMIC_INC : 'atomic_inc';
ATOMIC_DEC : 'atomic_dec';
ATOMIC_ADD : 'atomic_add';
FETCH_ADD : 'fetch_add';
XCHG      : 'xchg';
CMPXCHG   : 'cmpxchg';
TEST_AND_SET : 'test_and_set';
MB        : 'mb';
RMB       : 'rmb';
WMB       : 'wmb';
SMP_MB    : 'smp_mb';
SMP_RMB   : 'smp_rmb';
SMP_WMB   : 'smp_wmb';
ALWAYS    : 'always';
POSSIBLE  : 'possible';
ASSIGNMENT : 'assignment';
SUBMISSION : 'submission';
STARTER   : 'starter';
BUDGET    : 'budget';
TEST      : 'test';
POINTS    : 'points';
REQUIRE   : 'require';
FORBID    : 'forbid';
UNCHANGED : 'unchanged';
PREDICT   : 'predict';
FEEDBACK  : 'feedback';
PIPE      : 'pipe';
MKFIFO    : 'mkfifo';
OPEN      : 'open';
CLOSE     : 'close';
INTO      : 'into';
NOWAIT    : 'nowait';
MSGGET    : 'msgget';
MSGSND    : 'msgsnd';
MSGRCV    : 'msgrcv';
MSGCTL    : 'msgctl';
TYPE      : 'type';
MQ_OPEN   : 'mq_open';
MQ_SEND   : 'mq_send';
MQ_RECEIVE : 'mq_receive';
MQ_UNLINK : 'mq_unlink';
PRIO      : 'prio';
SHMGET    : 'shmget';
SHMAT     : 'shmat';
SHMDT     : 'shmdt';
SHMCTL    : 'shmctl';
SHM_OPEN  : 'shm_open';
SHM_UNLINK : 'shm_unlink';
KILL      : 'kill';
RAISE     : 'raise';
SIGACTION : 'sigaction';
SIGPROCMASK : 'sigprocmask';
PAUSE     : 'pause';
SIGSUSPEND : 'sigsuspend';
ALARM     : 'alarm';
// issue 15, files and the VFS: tokens below this line
LSEEK     : 'lseek';
DUP       : 'dup';
DUP2      : 'dup2';
UNLINK    : 'unlink';
MKDIR     : 'mkdir';
RMDIR     : 'rmdir';
CHDIR     : 'chdir';
LINK      : 'link';
SYMLINK   : 'symlink';
STAT      : 'stat';
LSTAT     : 'lstat';
FSTAT     : 'fstat';
FSYNC     : 'fsync';
FDATASYNC : 'fdatasync';
READONLY  : 'readonly';
SOCKETPAIR : 'socketpair';
// issue 15, the I/O models: tokens below this line
DEVICE    : 'device';
EVERY     : 'every';
COUNT     : 'count';
LATENCY   : 'latency';
BANDWIDTH : 'bandwidth';
SELECT    : 'select';
POLL      : 'poll';
EPOLL_CREATE : 'epoll_create';
EPOLL_CTL : 'epoll_ctl';
EPOLL_WAIT : 'epoll_wait';
TIMEOUT   : 'timeout';
FCNTL     : 'fcntl';
AIO_READ  : 'aio_read';
AIO_SUSPEND : 'aio_suspend';
AIO_RETURN : 'aio_return';
NOTIFY    : 'notify';
NO        : 'no';

LBRACE    : '{' { nesting = 0; };
RBRACE    : '}' { nesting = 0; };
LPAREN    : '(' { nesting++; };
RPAREN    : ')' { if (nesting > 0) nesting--; };
LBRACK    : '[' { nesting++; };
RBRACK    : ']' { if (nesting > 0) nesting--; };
COMMA     : ',';
SEMI      : ';';
DOTDOT    : '..';
DOT       : '.';
EQ        : '==';
NE        : '!=';
ANDAND    : '&&';
OROR      : '||';
NOT       : '!';
INCREMENT : '++';
DECREMENT : '--';
PLUS_ASSIGN : '+=';
MINUS_ASSIGN : '-=';
LE        : '<=';
GE        : '>=';
LT        : '<';
GT        : '>';
ASSIGN    : '=';
PLUS      : '+';
MINUS     : '-';
STAR      : '*';
SLASH     : '/';
PERCENT   : '%';

NUMBER
    : '0' [xX] [0-9a-fA-F] [0-9a-fA-F_]*
    | [0-9] [0-9_]* ('.' [0-9]+)?
    ;

IDENT
    : [a-zA-Z_] [a-zA-Z0-9_]*
    ;

STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"'
    ;

// An opening quote with no closing one on its line: its own token so the
// compiler can say exactly that instead of "unexpected character".
UNTERMINATED_STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])*
    ;

LINE_COMMENT
    : '//' ~[\r\n]* -> channel(HIDDEN)
    ;

BLOCK_COMMENT
    : '/*' .*? '*/' -> channel(HIDDEN)
    ;

// Never contains `*/`: otherwise, being longer, it would win over BLOCK_COMMENT
// for every block comment that has more text after it.
UNTERMINATED_COMMENT
    : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF
    ;

NL
    : ('\r'? '\n' | '\r') { if (nesting > 0) skip(); }
    ;

WS
    : [ \t\f\u00A0\uFEFF]+ -> channel(HIDDEN)
    ;

// Anything else: one token per character, reported by the compiler.
ERROR_CHAR
    : .
    ;
