package oss.compiler.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import oss.compiler.assign.AssignmentWords;
import oss.compiler.util.Suggest;
import oss.grammar.OssLexer;
import oss.grammar.OssParser;

/**
 * Turns the parser's state at an error into a sentence for a student:
 * what was expected, after what, and which brace is still open.
 */
final class SyntaxMessages {
    private SyntaxMessages() {}

    static final List<String> STATEMENT_WORDS = List.of("compute", "sleep", "io", "repeat", "for", "lock", "unlock",
            "trylock", "wait", "post", "P", "V", "claim", "request", "release", "fork", "exit", "mmap", "munmap",
            "msync", "malloc", "free", "brk", "read", "write", "access", "touch", "snapshot", "vfork", "exec",
            "thread", "join", "clone", "spin_lock", "spin_unlock", "read_lock", "read_unlock", "write_lock",
            "write_unlock", "seq_write", "seq_read", "cond_wait", "signal", "broadcast", "barrier", "semop", "choose",
            "int", "if", "while", "break", "assert", "await", "atomic", "atomic_inc", "atomic_dec", "atomic_add", "mb",
            "rmb", "wmb");
    private static final List<String> SECTION_WORDS = List.of("machine", "kernel", "mutex", "semaphore", "resource",
            "process", "banker", "expect", "file", "library", "spinlock", "rwlock", "seqlock", "condvar", "barrier",
            "semset", "int");

    /** The parser expected something else at {@code offending}. */
    static String mismatch(Parser p, Token offending, IntervalSet expected) {
        ParserRuleContext ctx = p.getContext();
        String open = unclosedBrace(ctx, offending, expected);
        if (open != null) {
            return open;
        }
        if (expected.contains(OssLexer.LBRACE) && !startsExpr(expected) && isMissingBraceSpot(ctx)) {
            return "missing `{` after `" + soFar(p, ctx) + "`";
        }
        String what = thing(ctx, expected);
        String after = previousText(p);
        String msg = "expected " + what + (after.isEmpty() ? "" : " after `" + after + "`");
        return msg + found(offending);
    }

    /**
     * Where the block of {@code c = fork} (or the rest of {@code x = malloc}) should have started, when
     * {@code start} begins such a broken statement: the next token after the keyword that is not a line end.
     */
    static Token missingAfterCreation(Parser p, Token start) {
        Token second = next(p, start);
        Token third = next(p, second);
        if (second == null || second.getType() != OssLexer.ASSIGN || third == null || !OssParser.creates(third.getType())) {
            return null;
        }
        Token t = next(p, third);
        while (t != null && t.getType() == OssLexer.NL) {
            t = next(p, t);
        }
        return t;
    }

    /** The token after {@code t} on the parser's channel, or null. */
    private static Token next(Parser p, Token t) {
        if (t == null || t.getTokenIndex() < 0) {
            return null;
        }
        for (int i = t.getTokenIndex() + 1; i < p.getTokenStream().size(); i++) {
            Token n = p.getTokenStream().get(i);
            if (n.getChannel() == Token.DEFAULT_CHANNEL) {
                return n;
            }
        }
        return null;
    }

    /** Nothing that can come here starts with {@code offending}. */
    static String noViable(Parser p, Token start, Token offending, ParserRuleContext ctx) {
        Token second = next(p, start);
        Token third = next(p, second);
        if (ctx instanceof OssParser.StatementContext && second != null && second.getType() == OssLexer.ASSIGN
                && third != null && OssParser.creates(third.getType())) {
            // `c = fork` with no block: not an assignment of a variable named fork (the grammar says so)
            String so = start.getText() + " = " + third.getText();
            return third.getType() == OssLexer.MALLOC ? "expected a size such as `4 KiB` after `" + so + "`"
                    : third.getType() == OssLexer.MMAP ? "expected a size and `anon`, or a file, after `" + so + "`"
                    : "missing `{` after `" + so + "`";
        }
        if (ctx instanceof OssParser.StatementContext && start != null && start.getType() == OssLexer.IDENT
                && start == offending) {
            return "`" + start.getText() + "` is not a statement" + Suggest.hint(start.getText(), STATEMENT_WORDS);
        }
        if (ctx instanceof OssParser.StatementContext && start != null) {
            // a section's keyword where a statement should start: the block before it was never closed
            // (since keywords may be names, the parser only learns this at the token after it)
            String open = unclosedBrace(ctx, start, null);
            if (open != null) {
                return open;
            }
            String after = " after `" + start.getText() + "`";
            switch (start.getType()) {
                case OssLexer.IO:
                case OssLexer.COMPUTE:
                case OssLexer.SLEEP:
                    return "expected a time such as `5 ms`" + after;
                case OssLexer.REPEAT:
                    return "expected a count such as `3`" + after;
                case OssLexer.FOR:
                    return "expected a loop variable such as `j`" + after;
                case OssLexer.LOCK:
                case OssLexer.UNLOCK:
                case OssLexer.TRYLOCK:
                    return "expected the name of a mutex" + after;
                case OssLexer.POST:
                    return "expected the name of a semaphore" + after;
                case OssLexer.CLAIM:
                case OssLexer.REQUEST:
                case OssLexer.RELEASE:
                    return "expected a resource such as `printer 1`" + after;
                case OssLexer.WAIT:
                    return "expected `any`, a child or a semaphore" + after;
                case OssLexer.FORK:
                case OssLexer.VFORK:
                case OssLexer.THREAD:
                case OssLexer.CLONE:
                    return "missing `{`" + after;
                case OssLexer.READ:
                case OssLexer.WRITE:
                    return "expected a region and an offset, as in `" + start.getText() + " x[0]`, or `at` and an address"
                            + after;
                case OssLexer.BRK:
                    return "expected `+` or `-` and a size, as in `brk +16 KiB`" + after;
                case OssLexer.MUNMAP:
                case OssLexer.MSYNC:
                case OssLexer.TOUCH:
                case OssLexer.ACCESS:
                    return "expected the name of a mapping" + after;
                case OssLexer.FREE:
                    return "expected the name of a block from malloc" + after;
                case OssLexer.JOIN:
                    return "expected the name of a thread" + after;
                case OssLexer.SPIN_LOCK:
                case OssLexer.SPIN_UNLOCK:
                    return "expected the name of a spinlock" + after;
                case OssLexer.READ_LOCK:
                case OssLexer.READ_UNLOCK:
                case OssLexer.WRITE_LOCK:
                case OssLexer.WRITE_UNLOCK:
                    return "expected the name of an rwlock" + after;
                case OssLexer.SEQ_WRITE:
                case OssLexer.SEQ_READ:
                    return "expected the name of a seqlock and a block, as in `" + start.getText() + " q { ... }`"
                            + after;
                case OssLexer.COND_WAIT:
                    return "expected a condvar and a mutex, as in `cond_wait c m`" + after;
                case OssLexer.SIGNAL:
                case OssLexer.BROADCAST:
                    return "expected the name of a condvar" + after;
                case OssLexer.BARRIER:
                    return "expected the name of a barrier" + after;
                case OssLexer.SEMOP:
                    return "expected an element of a semaphore set and a change, as in `semop s[0] -1`" + after;
                case OssLexer.CHOOSE:
                case OssLexer.ATOMIC:
                    return "missing `{`" + after;
                case OssLexer.IF:
                case OssLexer.WHILE:
                    if (offending != null && offending.getType() == OssLexer.ASSIGN) {
                        return "`=` sets a variable; to compare, write `==`";
                    }
                    return "expected a condition in parentheses, as in `" + start.getText() + " (count < 3) { ... }`"
                            + after;
                case OssLexer.ASSERT:
                case OssLexer.AWAIT:
                    if (offending != null && offending.getType() == OssLexer.ASSIGN) {
                        return "`=` sets a variable; to compare, write `==`";
                    }
                    return "expected a condition such as `count > 0`" + after;
                case OssLexer.INT:
                    return "expected the variable's name, as in `int count = 0`" + after;
                case OssLexer.MB:
                case OssLexer.RMB:
                case OssLexer.WMB:
                case OssLexer.SMP_MB:
                case OssLexer.SMP_RMB:
                case OssLexer.SMP_WMB:
                    return "expected `()`, as in `" + start.getText() + "()`" + after;
                case OssLexer.ATOMIC_INC:
                case OssLexer.ATOMIC_DEC:
                case OssLexer.ATOMIC_ADD:
                case OssLexer.FETCH_ADD:
                case OssLexer.XCHG:
                case OssLexer.CMPXCHG:
                case OssLexer.TEST_AND_SET:
                    return "expected the variable in parentheses, as in `" + start.getText() + "(count"
                            + (start.getType() == OssLexer.ATOMIC_INC || start.getType() == OssLexer.ATOMIC_DEC
                                    || start.getType() == OssLexer.TEST_AND_SET ? ")`" : ", 1)`") + after;
                default:
                    break;
            }
        }
        if (ctx instanceof OssParser.ExpectationContext && start != null && start.getType() == OssLexer.EXPECT) {
            // `expect A. == 5 ms`: a metric or a variable would have to follow the dot
            Token t = next(p, start);
            for (int i = 0; i < 4 && t != null && t.getType() != OssLexer.DOT && t.getType() != OssLexer.NL; i++) {
                t = next(p, t);
            }
            Token field = next(p, t);
            if (t != null && t.getType() == OssLexer.DOT && field != null && field.getType() != OssLexer.IDENT
                    && (field.getType() < OssLexer.IN || field.getType() > OssLexer.NO)) {
                return "expected a metric such as `finish` or `exit` after `.`" + found(field);
            }
        }
        if (ctx instanceof OssParser.ExpectationContext && start != null && start.getType() == OssLexer.EXPECT) {
            return "expected what to expect after `expect`, such as `deadlock`, `no zombies` or `A.finish == 5 ms`";
        }
        if (ctx instanceof OssParser.StatementContext && start != null && start.getType() == OssLexer.IDENT
                && second != null) {
            // an assignment that went wrong: `count =` with nothing after it, `count == 1` on its own
            int op = second.getType();
            if ((op == OssLexer.ASSIGN || op == OssLexer.PLUS_ASSIGN || op == OssLexer.MINUS_ASSIGN)
                    && offending != null && offending != start) {
                return "expected a value after `" + second.getText() + "`" + found(offending);
            }
            if (op == OssLexer.EQ) {
                return "`==` compares, and a comparison alone does nothing: to set `" + start.getText() + "`, write `"
                        + start.getText() + " = ...`";
            }
        }
        if (ctx instanceof OssParser.StatementContext && start != null && start.getType() == OssLexer.IDENT) {
            Token t = start;
            return "`" + t.getText() + "` is not a statement" + Suggest.hint(t.getText(), STATEMENT_WORDS);
        }
        return mismatch(p, offending, p.getExpectedTokens());
    }

    static String unwanted(Parser p, Token t) {
        ParserRuleContext ctx = p.getContext();
        if (t.getType() == OssLexer.NL || t.getType() == Token.EOF) {
            return mismatch(p, t, p.getExpectedTokens());
        }
        IntervalSet expected = p.getExpectedTokens();
        if (expected.contains(OssLexer.LBRACE) && !startsExpr(expected) && isMissingBraceSpot(ctx)
                && !(ctx instanceof OssParser.BlockContext) && !(ctx instanceof OssParser.ScenarioContext)) {
            return "missing `{` after `" + soFar(p, ctx) + "`";
        }
        if (t.getType() == OssLexer.IDENT && (inBlock(ctx) || ctx instanceof OssParser.StatementContext)) {
            return "`" + t.getText() + "` is not a statement" + Suggest.hint(t.getText(), STATEMENT_WORDS);
        }
        if (t.getType() == OssLexer.IDENT && ctx instanceof OssParser.ScenarioContext) {
            return "`" + t.getText() + "` cannot start a line here" + Suggest.hint(t.getText(), SECTION_WORDS);
        }
        if (t.getType() == OssLexer.IDENT && ctx instanceof OssParser.AssignmentContext) {
            return "`" + t.getText() + "` cannot start a line of an assignment" + Suggest.hint(t.getText(),
                    AssignmentWords.ITEMS) + " (`submission`, `starter`, `budget` or `test`)";
        }
        if (t.getType() == OssLexer.IDENT && ctx instanceof OssParser.TestItemContext test
                && test.LBRACE() != null) {
            return "`" + t.getText() + "` is not a check" + Suggest.hint(t.getText(), AssignmentWords.CHECKS)
                    + " (`expect`, `require`, `forbid`, `unchanged`, `predict` or `feedback`)";
        }
        String open = unclosedBrace(ctx, t, p.getExpectedTokens());
        if (open != null) {
            return open;
        }
        return "unexpected " + TokenNames.describe(t);
    }

    static String missing(Parser p, Token current, IntervalSet expected) {
        return mismatch(p, current, expected);
    }

    private static String found(Token t) {
        if (t == null || t.getType() == Token.EOF || t.getType() == OssLexer.NL || t.getType() == OssLexer.SEMI) {
            return "";
        }
        return ", not " + TokenNames.describe(t);
    }

    private static boolean startsExpr(IntervalSet s) {
        return s.contains(OssLexer.NUMBER) || s.contains(OssLexer.LPAREN);
    }

    private static boolean inBlock(ParserRuleContext ctx) {
        return ctx instanceof OssParser.BlockContext;
    }

    private static boolean isMissingBraceSpot(ParserRuleContext ctx) {
        return ctx instanceof OssParser.RepeatStmtContext || ctx instanceof OssParser.ForStmtContext
                || ctx instanceof OssParser.ForkStmtContext || ctx instanceof OssParser.ProcessContext
                || ctx instanceof OssParser.ScenarioContext || ctx instanceof OssParser.MachineSectionContext
                || ctx instanceof OssParser.KernelSectionContext || ctx instanceof OssParser.BankerContext
                || ctx instanceof OssParser.TrylockStmtContext || ctx instanceof OssParser.BlockContext
                || ctx instanceof OssParser.VforkStmtContext || ctx instanceof OssParser.ThreadStmtContext
                || ctx instanceof OssParser.CloneStmtContext || ctx instanceof OssParser.ExecStmtContext
                || ctx instanceof OssParser.SeqWriteStmtContext || ctx instanceof OssParser.SeqReadStmtContext
                || ctx instanceof OssParser.ChooseStmtContext || ctx instanceof OssParser.AssignmentContext
                || ctx instanceof OssParser.TestItemContext || ctx instanceof OssParser.BudgetItemContext;
    }

    /**
     * At end of file, or at a keyword that starts a new section, a `}` that
     * was never written: name the construct and where its `{` is.
     */
    private static String unclosedBrace(ParserRuleContext ctx, Token offending, IntervalSet expected) {
        if (offending == null) {
            return null;
        }
        int type = offending.getType();
        boolean sectionKeyword = type == OssLexer.PROCESS || type == OssLexer.MUTEX || type == OssLexer.SEMAPHORE
                || type == OssLexer.RESOURCE || type == OssLexer.BANKER || type == OssLexer.EXPECT
                || type == OssLexer.MACHINE || type == OssLexer.KERNEL || type == OssLexer.SCENARIO
                || type == OssLexer.SPINLOCK || type == OssLexer.RWLOCK || type == OssLexer.SEQLOCK
                || type == OssLexer.CONDVAR || type == OssLexer.SEMSET
                || (type == OssLexer.TEST || type == OssLexer.SUBMISSION || type == OssLexer.STARTER
                        || type == OssLexer.BUDGET) && inAssignment(ctx);
        if (type != Token.EOF && !sectionKeyword) {
            return null;
        }
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            Token lbrace = childToken(c, OssLexer.LBRACE);
            if (lbrace != null && childToken(c, OssLexer.RBRACE) == null) {
                if (sectionKeyword && (c instanceof OssParser.ScenarioContext || c instanceof OssParser.AssignmentContext)) {
                    return null;
                }
                String where = " opened at " + lbrace.getLine() + ":" + (lbrace.getCharPositionInLine() + 1);
                String before = type == Token.EOF ? "" : " before " + TokenNames.describe(offending);
                return "expected `}` to close " + owner(c) + where + before;
            }
        }
        return null;
    }

    private static boolean inAssignment(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof OssParser.AssignmentContext) {
                return true;
            }
        }
        return false;
    }

    private static Token childToken(ParserRuleContext c, int type) {
        if (c.children == null) {
            return null;
        }
        for (ParseTree child : c.children) {
            if (child instanceof TerminalNode t && t.getSymbol().getType() == type && t.getSymbol().getTokenIndex() >= 0) {
                return t.getSymbol();
            }
        }
        return null;
    }

    private static String owner(ParserRuleContext c) {
        if (c instanceof OssParser.BlockContext) {
            ParserRuleContext parent = c.getParent();
            if (parent instanceof OssParser.ProcessContext pc) {
                return !pc.identifier().isEmpty() ? "the process `" + pc.identifier(0).getText() + "`" : "the process";
            }
            if (parent instanceof OssParser.RepeatStmtContext) {
                return "`repeat`";
            }
            if (parent instanceof OssParser.ForStmtContext) {
                return "the `for` loop";
            }
            if (parent instanceof OssParser.ForkStmtContext) {
                return "the `fork` block";
            }
            if (parent instanceof OssParser.TrylockStmtContext) {
                return "the `trylock` block";
            }
            if (parent instanceof OssParser.VforkStmtContext) {
                return "the `vfork` block";
            }
            if (parent instanceof OssParser.ThreadStmtContext) {
                return "the `thread` block";
            }
            if (parent instanceof OssParser.CloneStmtContext) {
                return "the `clone` block";
            }
            if (parent instanceof OssParser.ExecStmtContext) {
                return "the `exec` block";
            }
            if (parent instanceof OssParser.SeqWriteStmtContext) {
                return "the `seq_write` block";
            }
            if (parent instanceof OssParser.SeqReadStmtContext) {
                return "the `seq_read` block";
            }
            if (parent instanceof OssParser.ChooseStmtContext) {
                return "the `choose` block";
            }
            return "the block";
        }
        if (c instanceof OssParser.MachineSectionContext) {
            return "the `machine` block";
        }
        if (c instanceof OssParser.KernelSectionContext) {
            return "the `kernel` block";
        }
        if (c instanceof OssParser.BankerContext) {
            return "the `banker` table";
        }
        if (c instanceof OssParser.ScenarioContext) {
            return "the scenario";
        }
        if (c instanceof OssParser.TestItemContext t) {
            return t.name == null || t.name.getTokenIndex() < 0 ? "the test" : "the test " + t.name.getText();
        }
        if (c instanceof OssParser.BudgetItemContext) {
            return "the `budget` block";
        }
        if (c instanceof OssParser.AssignmentContext) {
            return "the assignment";
        }
        return "the block";
    }

    /** What kind of thing was due, in the words of the construct being parsed. */
    private static String thing(ParserRuleContext ctx, IntervalSet expected) {
        boolean exprDue = startsExpr(expected);
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof OssParser.ComputeStmtContext || c instanceof OssParser.SleepStmtContext
                    || c instanceof OssParser.IoStmtContext) {
                return "a time such as `5 ms`";
            }
            if (c instanceof OssParser.ArrivesAttrContext) {
                return "a time such as `2 ms`";
            }
            if (c instanceof OssParser.RepeatStmtContext) {
                return exprDue ? "a count such as `3`" : list(expected);
            }
            if (c instanceof OssParser.RangeContext) {
                return expected.contains(OssLexer.DOTDOT) ? "`..` as in `0..4`" : "a number";
            }
            if (c instanceof OssParser.ForStmtContext) {
                return expected.contains(OssLexer.IN) ? "`in`" : "a loop variable such as `j`";
            }
            if (c instanceof OssParser.LockStmtContext || c instanceof OssParser.UnlockStmtContext
                    || c instanceof OssParser.TrylockStmtContext) {
                return exprDue ? "an index such as `0`" : "the name of a mutex";
            }
            String sync = syncThing(c, expected, exprDue);
            if (sync != null) {
                return sync;
            }
            if (c instanceof OssParser.WaitStmtContext || c instanceof OssParser.WaitAnyStmtContext) {
                return "`any`, a child or a semaphore";
            }
            if (c instanceof OssParser.PostStmtContext) {
                return "the name of a semaphore";
            }
            if (c instanceof OssParser.CallStmtContext) {
                return expected.contains(OssLexer.RPAREN) && !exprDue ? "`)`" : "the name of a semaphore";
            }
            if (c instanceof OssParser.AmountsContext || c instanceof OssParser.ClaimStmtContext
                    || c instanceof OssParser.RequestStmtContext || c instanceof OssParser.ReleaseStmtContext) {
                return exprDue ? "a number" : "a resource such as `printer 1`";
            }
            if (c instanceof OssParser.MmapStmtContext) {
                boolean name = expected.contains(OssLexer.IDENT);
                if (expected.contains(OssLexer.ANON) && (!name || expected.contains(OssLexer.STAR))) {
                    return "`anon`, as in `mmap 16 KiB anon private rw`";
                }
                if (expected.contains(OssLexer.PRIVATE) && !name) {
                    return "`private` or `shared`";
                }
                if (exprDue && !expected.contains(OssLexer.STRING)) {
                    return "an address such as `0x7f0000000000`";
                }
                if (exprDue) {
                    return "a size such as `16 KiB` or a file in quotes";
                }
                return "a protection such as `rw`, `r` or `rwx`";
            }
            if (c instanceof OssParser.MallocStmtContext) {
                return "a size such as `64 B`";
            }
            if (c instanceof OssParser.BrkStmtContext) {
                return exprDue ? "a size such as `16 KiB`" : "`+` or `-` and a size, as in `brk +16 KiB`";
            }
            if (c instanceof OssParser.MemAccessStmtContext) {
                if (exprDue) {
                    return "an offset such as `0` or `4 KiB`";
                }
                return expected.contains(OssLexer.RBRACK) ? "`]` or `..`" : list(expected);
            }
            if (c instanceof OssParser.AddressAccessStmtContext) {
                return "an address such as `0x1000`";
            }
            if (c instanceof OssParser.PageRefsStmtContext) {
                if (expected.contains(OssLexer.PAGES) && !exprDue) {
                    return "`pages`, as in `access x pages [7, 0, 1]`";
                }
                return exprDue ? "a page number such as `0`" : expected.contains(OssLexer.RBRACK) ? "`,` or `]`" : list(expected);
            }
            if (c instanceof OssParser.MunmapStmtContext || c instanceof OssParser.MsyncStmtContext
                    || c instanceof OssParser.TouchStmtContext) {
                return "the name of a mapping";
            }
            if (c instanceof OssParser.FreeStmtContext) {
                return "the name of a block from malloc";
            }
            if (c instanceof OssParser.JoinStmtContext) {
                return "the name of a thread";
            }
            if (c instanceof OssParser.SnapshotStmtContext) {
                return "a label in quotes, as in `snapshot \"after fork\"`";
            }
            if (c instanceof OssParser.ExecStmtContext) {
                return "a program name in quotes, as in `exec \"ls\" { ... }`";
            }
            if (c instanceof OssParser.FileDeclContext || c instanceof OssParser.LibraryDeclContext) {
                if (expected.contains(OssLexer.STRING)) {
                    return "a name in quotes, as in `file \"/data/log\" size 1 MiB`";
                }
                return expected.contains(OssLexer.SIZE) ? "`size`" : "a size such as `1 MiB`";
            }
            if (c instanceof OssParser.ExitStmtContext) {
                return "an exit status such as `0`";
            }
            if (c instanceof OssParser.SemaphoreDeclContext && exprDue) {
                return "an initial value such as `1`";
            }
            if (c instanceof OssParser.DeclNameContext) {
                return exprDue ? "a size such as `5`" : expected.contains(OssLexer.RBRACK) ? "`]`" : "a name";
            }
            if (c instanceof OssParser.ProcessContext) {
                if (expected.contains(OssLexer.IN)) {
                    return "`in`";
                }
                return expected.contains(OssLexer.IDENT) ? "a name" : list(expected);
            }
            if (c instanceof OssParser.ProcessAttrContext) {
                return exprDue ? "a number" : "a name";
            }
            if (c instanceof OssParser.BankerRowContext || c instanceof OssParser.BankerVectorContext) {
                return expected.contains(OssLexer.NUMBER) && !expected.contains(OssLexer.IDENT) ? "a number"
                        : expected.contains(OssLexer.ALLOC) ? "`alloc`, `max` or `need`" : list(expected);
            }
            if (c instanceof OssParser.MetricExpectContext m && m.metric == null && expected.contains(OssLexer.IDENT)) {
                return "a metric such as `finish` or `exit`";
            }
            if (c instanceof OssParser.ExpectationContext) {
                if (expected.contains(OssLexer.EQ)) {
                    return "a comparison such as `==`";
                }
                return exprDue ? "a value such as `5 ms`" : list(expected);
            }
            if (c instanceof OssParser.ScenarioContext) {
                if (expected.contains(OssLexer.STRING)) {
                    return "a title in quotes, as in `scenario \"Philosophers\" {`";
                }
                return list(expected);
            }
            String graded = assignmentThing(c, expected, exprDue);
            if (graded != null) {
                return graded;
            }
            if (c instanceof OssParser.FileContext) {
                return expected.contains(OssLexer.SCENARIO) ? "`scenario \"title\" {`" : list(expected);
            }
            if ((c instanceof OssParser.ParenExprContext || c instanceof OssParser.CallExprContext)
                    && expected.contains(OssLexer.RPAREN)) {
                return "`)`";
            }
            if (c instanceof OssParser.RefContext && expected.contains(OssLexer.RBRACK)) {
                return "`]`";
            }
            if (c instanceof OssParser.ExprContext || c instanceof OssParser.QuantityContext
                    || c instanceof OssParser.RefContext) {
                continue;
            }
            if (c instanceof OssParser.BlockContext || c instanceof OssParser.StatementContext) {
                break;
            }
        }
        if (exprDue) {
            return "a number";
        }
        return list(expected);
    }

    /** What was due inside an assignment's items and checks (docs/grading.md), else null. */
    private static String assignmentThing(ParserRuleContext c, IntervalSet expected, boolean exprDue) {
        boolean string = expected.contains(OssLexer.STRING);
        if (c instanceof OssParser.AssignmentContext) {
            return string ? "a title in quotes, as in `assignment \"Philosophers\" {`" : null;
        }
        if (c instanceof OssParser.SubmissionItemContext) {
            return "the file a student hands in, in quotes, as in `submission \"philosophers.oss\"`";
        }
        if (c instanceof OssParser.StarterItemContext) {
            return "the starter's file in quotes, as in `starter \"starter.oss\"`";
        }
        if (c instanceof OssParser.TestItemContext && string) {
            return "the test's name in quotes, as in `test \"no deadlock\" points 2 {`";
        }
        if (c instanceof OssParser.PointsAttrContext) {
            return "a number of points, as in `points 2`";
        }
        if (c instanceof OssParser.CountCheckContext k) {
            if (k.kind == null || k.kind.getStart() == null || k.kind.getStart().getTokenIndex() < 0) {
                return "what to count, such as `process` or `semaphore`";
            }
            return exprDue ? "a bound such as `3` or `starter + 1`" : "a comparison such as `==` or `<=`";
        }
        if (c instanceof OssParser.RequireCheckContext) {
            return "`finishes`, or `count` and what to count";
        }
        if (c instanceof OssParser.ForbidCheckContext) {
            return "a statement or declaration such as `choose` or `trylock`";
        }
        if (c instanceof OssParser.UnchangedCheckContext || c instanceof OssParser.PartContext) {
            return "a part such as `declarations`, `machine` or `process P1`";
        }
        if (c instanceof OssParser.PredictCheckContext p) {
            return p.DOT() != null ? "a metric such as `response` or `page_faults`"
                    : "what to predict, such as `P2.response` or `safe_sequence`";
        }
        if (c instanceof OssParser.FeedbackCheckContext) {
            return "the feedback in quotes, as in `feedback \"Lock the forks in one order.\"`";
        }
        return null;
    }

    /** What was due inside the statements and declarations of the synchronisation primitives, else null. */
    private static String syncThing(ParserRuleContext c, IntervalSet expected, boolean exprDue) {
        String index = "an index such as `0`";
        if (c instanceof OssParser.SpinLockStmtContext || c instanceof OssParser.SpinUnlockStmtContext) {
            return exprDue ? index : "the name of a spinlock";
        }
        if (c instanceof OssParser.ReadLockStmtContext || c instanceof OssParser.ReadUnlockStmtContext
                || c instanceof OssParser.WriteLockStmtContext || c instanceof OssParser.WriteUnlockStmtContext) {
            return exprDue ? index : "the name of an rwlock";
        }
        if (c instanceof OssParser.SeqWriteStmtContext || c instanceof OssParser.SeqReadStmtContext) {
            return exprDue ? index : "the name of a seqlock";
        }
        if (c instanceof OssParser.CondWaitStmtContext w) {
            if (exprDue) {
                return index;
            }
            return w.cond == null || w.cond.getStop() == null ? "the name of a condvar"
                    : "the mutex to release while waiting, as in `cond_wait c m`";
        }
        if (c instanceof OssParser.SignalStmtContext || c instanceof OssParser.BroadcastStmtContext) {
            return exprDue ? index : "the name of a condvar";
        }
        if (c instanceof OssParser.BarrierStmtContext) {
            return exprDue ? index : "the name of a barrier";
        }
        if (c instanceof OssParser.SemopItemContext || c instanceof OssParser.SemopStmtContext) {
            if (expected.contains(OssLexer.PLUS)) {
                return "a change such as `-1`, `+1` or `0`";
            }
            return exprDue ? index : "an element of a semaphore set, as in `semop s[0] -1`";
        }
        if (c instanceof OssParser.ChooseStmtContext) {
            return expected.contains(OssLexer.LBRACE) ? "`{`" : list(expected);
        }
        if (c instanceof OssParser.BarrierDeclContext && exprDue) {
            return "the number of parties, as in `barrier b 3`";
        }
        if (c instanceof OssParser.SemsetDeclContext) {
            if (expected.contains(OssLexer.ASSIGN)) {
                return "`=` and the initial values, as in `semset s = [1, 0]`";
            }
            if (expected.contains(OssLexer.LBRACK)) {
                return "the initial values in brackets, as in `semset s = [1, 0]`";
            }
            if (exprDue) {
                return "an initial value such as `1`";
            }
            return expected.contains(OssLexer.RBRACK) ? "`,` or `]`" : "a name";
        }
        return null;
    }

    private static String list(IntervalSet expected) {
        List<String> names = new ArrayList<>();
        boolean hasName = false;
        for (int type : expected.toList()) {
            if (type == OssLexer.NL || type == OssLexer.SEMI) {
                continue;
            }
            if (type == OssLexer.IDENT || isNonReserved(type)) {
                hasName = true;
                continue;
            }
            String n = TokenNames.of(type);
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        if (hasName) {
            names.add(0, "a name");
        }
        if (names.isEmpty()) {
            return "the end of the line";
        }
        if (names.size() > 4) {
            return "something else";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static boolean isNonReserved(int type) {
        return type >= OssLexer.FORK && type <= OssLexer.NO;
    }

    /** The text of the line so far, e.g. `repeat 3` or `process A nice 5`. */
    private static String soFar(Parser p, ParserRuleContext ctx) {
        TokenStream in = p.getInputStream();
        Token start = ctx.getStart();
        int index = in.index();
        if (start == null || start.getTokenIndex() < 0 || start.getTokenIndex() >= index) {
            return previousText(p);
        }
        StringBuilder sb = new StringBuilder();
        Token prev = null;
        // only what shorten() keeps: a statement that runs on over thousands of lines (`choose { } or`
        // on each) made every message walk all of them, quadratic in the file
        for (int i = start.getTokenIndex(); i < index && sb.length() <= 40; i++) {
            Token t = in.get(i);
            if (t.getChannel() != Token.DEFAULT_CHANNEL || t.getType() == OssLexer.NL || t.getType() == OssLexer.SEMI) {
                continue;
            }
            if (prev != null && prev.getStopIndex() + 1 != t.getStartIndex()) {
                sb.append(' ');
            }
            sb.append(t.getText());
            prev = t;
        }
        return shorten(sb.toString());
    }

    /** The last real token before the error, e.g. `compute`. */
    private static String previousText(Parser p) {
        TokenStream in = p.getInputStream();
        for (int i = in.index() - 1; i >= 0; i--) {
            Token t = in.get(i);
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (t.getType() == OssLexer.NL || t.getType() == OssLexer.SEMI || t.getType() == Token.EOF) {
                return "";
            }
            return shorten(t.getText());
        }
        return "";
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
