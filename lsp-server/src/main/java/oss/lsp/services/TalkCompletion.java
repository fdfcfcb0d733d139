package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.grammar.OssLexer;
import oss.ir.program.Signal;

/**
 * Completion inside the calls of "Processes that talk": signal names where a signal goes, the
 * words each call takes next (open's flags, msgctl's IPC_RMID, sigprocmask's how, a handler's
 * flags), and the names of the right kind (a descriptor after {@code close}, a queue after
 * {@code msgsnd}, a process or child after {@code kill}). Null where the caret is not in such a
 * call, so the general rules apply.
 */
final class TalkCompletion {
    static final List<String> CALLS = List.of("pipe", "mkfifo", "open", "close", "msgget", "msgsnd", "msgrcv",
            "msgctl", "mq_open", "mq_send", "mq_receive", "mq_unlink", "shmget", "shmat", "shmdt", "shmctl",
            "shm_open", "shm_unlink", "kill", "raise", "sigaction", "sigprocmask", "pause", "sigsuspend", "alarm");
    static final List<String> SIGNALS = java.util.Arrays.stream(Signal.values()).map(Enum::name).toList();
    static final List<String> OPEN_FLAGS = List.of("O_RDONLY", "O_WRONLY", "O_RDWR", "O_NONBLOCK");
    static final List<String> MASK_HOW = List.of("block", "unblock", "setmask");
    static final List<String> SIGACTION_FLAGS = List.of("restart", "resethand", "nodefer", "ignore", "default");
    static final List<String> SIGNAL_ACTIONS = List.of("ignore", "default");
    static final Set<String> DESCRIPTORS = Set.of("descriptor", "pipe", "fifo");
    static final Set<String> QUEUES = Set.of("ipc", "queue", "msgqueue", "mqueue");
    static final Set<String> SEGMENTS = Set.of("ipc", "segment");

    private TalkCompletion() {}

    static List<CompletionItem> complete(CompletionContext cx, Token last, OssDocument doc, Position pos,
                                         CancelChecker cancel) {
        if (last == null || cx.line.isEmpty() || !"body".equals(cx.block)) {
            return null;
        }
        int start = callStart(cx.line);
        if (start < 0) {
            return null;
        }
        List<Token> call = cx.line.subList(start, cx.line.size());
        if (last.getType() == OssLexer.INTO) {
            return CompletionService.names(doc, pos, Set.of("int"), cancel);
        }
        int head = call.get(0).getType();
        int after = call.size() - 1; // tokens after the call's keyword
        switch (head) {
            case OssLexer.KILL:
                if (after == 0) {
                    List<CompletionItem> out = CompletionService.names(doc, pos, Set.of("process", "child"), cancel);
                    out.addAll(CompletionService.items(List.of("parent"), CompletionItemKind.Keyword, "the parent (getppid)"));
                    return out;
                }
                return last.getType() == OssLexer.LBRACK || last.getType() == OssLexer.DOT ? null : signals();
            case OssLexer.RAISE:
                return after == 0 ? signals() : List.of();
            case OssLexer.SIGNAL:
                if (after == 1 && isSignal(call.get(1))) {
                    return CompletionService.items(SIGNAL_ACTIONS, CompletionItemKind.EnumMember, "disposition");
                }
                if (after == 0) { // `signal c` of a condition variable, or `signal SIG` of a handler
                    List<CompletionItem> out = CompletionService.names(doc, pos, Set.of("condvar"), cancel);
                    out.addAll(signals());
                    return out;
                }
                return List.of();
            case OssLexer.SIGACTION:
                return after == 0 ? signals()
                        : CompletionService.items(SIGACTION_FLAGS, CompletionItemKind.EnumMember, "sigaction flag");
            case OssLexer.SIGPROCMASK:
                return after == 0 ? CompletionService.items(MASK_HOW, CompletionItemKind.EnumMember, "how") : signals();
            case OssLexer.SIGSUSPEND:
                return signals();
            case OssLexer.OPEN:
                return after >= 1 ? CompletionService.items(OPEN_FLAGS, CompletionItemKind.EnumMember, "open flag")
                        : List.of();
            case OssLexer.CLOSE:
            case OssLexer.READ:
            case OssLexer.WRITE:
                if (last.getType() == OssLexer.DOT) {
                    return CompletionService.items(List.of("read", "write"), CompletionItemKind.Field, "pipe end");
                }
                if (after == 0) {
                    Set<String> kinds = head == OssLexer.CLOSE ? DESCRIPTORS
                            : union(DESCRIPTORS, Set.of("mapping", "allocation"));
                    return CompletionService.names(doc, pos, kinds, cancel);
                }
                return null;
            case OssLexer.MSGSND:
            case OssLexer.MSGRCV:
                if (after == 0) {
                    return CompletionService.names(doc, pos, QUEUES, cancel);
                }
                return after == 1 ? CompletionService.items(List.of("type"), CompletionItemKind.Keyword, "message type")
                        : null;
            case OssLexer.MSGCTL:
            case OssLexer.SHMCTL:
                if (after == 0) {
                    return CompletionService.names(doc, pos, head == OssLexer.MSGCTL ? QUEUES : SEGMENTS, cancel);
                }
                return CompletionService.items(List.of("IPC_RMID"), CompletionItemKind.EnumMember, "command");
            case OssLexer.MQ_SEND:
            case OssLexer.MQ_RECEIVE:
                return after == 0 ? CompletionService.names(doc, pos, QUEUES, cancel) : null;
            case OssLexer.SHMAT:
                return after == 0 ? CompletionService.names(doc, pos, SEGMENTS, cancel)
                        : CompletionService.items(List.of("readonly"), CompletionItemKind.EnumMember, "attach flag");
            case OssLexer.SHMDT:
                return after == 0 ? CompletionService.names(doc, pos, Set.of("mapping", "ipc", "region"), cancel) : null;
            default:
                return null;
        }
    }

    /** Where the call starts on the line: after `v =` when there is one. */
    private static int callStart(List<Token> line) {
        int i = line.size() >= 2 && line.get(1).getType() == OssLexer.ASSIGN ? 2 : 0;
        return i < line.size() && CALL_TOKENS.contains(line.get(i).getType()) ? i : -1;
    }

    private static final Set<Integer> CALL_TOKENS = Set.of(OssLexer.KILL, OssLexer.RAISE, OssLexer.SIGNAL,
            OssLexer.SIGACTION, OssLexer.SIGPROCMASK, OssLexer.SIGSUSPEND, OssLexer.OPEN, OssLexer.CLOSE,
            OssLexer.READ, OssLexer.WRITE, OssLexer.MSGSND, OssLexer.MSGRCV, OssLexer.MSGCTL, OssLexer.SHMCTL,
            OssLexer.MQ_SEND, OssLexer.MQ_RECEIVE, OssLexer.SHMAT, OssLexer.SHMDT);

    private static boolean isSignal(Token t) {
        return Signal.named(t.getText()).isPresent();
    }

    private static List<CompletionItem> signals() {
        List<CompletionItem> out = new ArrayList<>();
        for (Signal s : Signal.values()) {
            CompletionItem item = new CompletionItem(s.name());
            item.setKind(CompletionItemKind.Constant);
            item.setDetail("signal " + s.number() + ", default: " + switch (s.defaultAction()) {
                case TERM -> "terminate";
                case IGN -> "ignore";
                case CORE -> "terminate and dump core";
                case STOP -> "stop";
                case CONT -> "continue";
            } + (s.catchable() ? "" : "; cannot be caught, blocked or ignored"));
            out.add(item);
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
