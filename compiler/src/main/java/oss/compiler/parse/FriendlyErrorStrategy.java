package oss.compiler.parse;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;

/** ANTLR's recovery with messages in a student's words instead of "mismatched input". */
final class FriendlyErrorStrategy extends DefaultErrorStrategy {

    @Override
    protected void reportNoViableAlternative(Parser p, NoViableAltException e) {
        Token start = e.getStartToken();
        p.notifyErrorListeners(e.getOffendingToken(),
                SyntaxMessages.noViable(p, start, e.getOffendingToken(), p.getContext()), e);
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
