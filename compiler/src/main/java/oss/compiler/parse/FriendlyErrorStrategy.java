package oss.compiler.parse;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import oss.grammar.OssLexer;

/** ANTLR's recovery with messages in a student's words instead of "mismatched input". */
final class FriendlyErrorStrategy extends DefaultErrorStrategy {

    /**
     * Never invent a `{` in front of an existing `}`: that `}` closes an outer
     * block, and pairing it with the invented brace would leave the outer
     * block unclosed and produce a second, misleading error.
     */
    @Override
    protected boolean singleTokenInsertion(Parser p) {
        if (p.getCurrentToken().getType() == OssLexer.RBRACE && getExpectedTokens(p).contains(OssLexer.LBRACE)) {
            return false;
        }
        return super.singleTokenInsertion(p);
    }

    /** Never drop a line end to glue two lines into one statement. */
    @Override
    protected Token singleTokenDeletion(Parser p) {
        if (p.getCurrentToken().getType() == OssLexer.NL) {
            return null;
        }
        return super.singleTokenDeletion(p);
    }

    @Override
    protected void reportNoViableAlternative(Parser p, NoViableAltException e) {
        Token start = e.getStartToken();
        String msg = SyntaxMessages.noViable(p, start, e.getOffendingToken(), p.getContext());
        // the parser notices only at a later token that what started here is no statement (`lok fork[i]`
        // fails at `fork`); when the message is about the first word, the caret goes under it
        boolean aboutStart = start != null && start.getType() != Token.EOF
                && (msg.startsWith("`" + start.getText() + "` is not a statement")
                        || msg.startsWith("expected `}` to close") && msg.endsWith(TokenNames.describe(start)));
        Token creation = p.getContext() instanceof oss.grammar.OssParser.StatementContext
                ? SyntaxMessages.missingAfterCreation(p, start) : null;
        p.notifyErrorListeners(creation != null ? creation : aboutStart ? start : e.getOffendingToken(), msg, e);
    }

    @Override
    protected void reportInputMismatch(Parser p, InputMismatchException e) {
        p.notifyErrorListeners(e.getOffendingToken(),
                SyntaxMessages.mismatch(p, e.getOffendingToken(), e.getExpectedTokens()), e);
    }

    @Override
    protected void reportFailedPredicate(Parser p, FailedPredicateException e) {
        p.notifyErrorListeners(e.getOffendingToken(), "unexpected " + TokenNames.describe(e.getOffendingToken()), e);
    }

    @Override
    protected void reportUnwantedToken(Parser p) {
        if (inErrorRecoveryMode(p)) {
            return;
        }
        beginErrorCondition(p);
        Token t = p.getCurrentToken();
        p.notifyErrorListeners(t, SyntaxMessages.unwanted(p, t), null);
    }

    @Override
    protected void reportMissingToken(Parser p) {
        if (inErrorRecoveryMode(p)) {
            return;
        }
        beginErrorCondition(p);
        Token t = p.getCurrentToken();
        p.notifyErrorListeners(t, SyntaxMessages.missing(p, t, getExpectedTokens(p)), null);
    }
}
