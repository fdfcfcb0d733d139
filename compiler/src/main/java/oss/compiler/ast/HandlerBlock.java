package oss.compiler.ast;

import java.util.Optional;

/** The handler's body of a signal call, if it has one ({@code signal SIG { }}, {@code sigaction SIG { }}). */
public final class HandlerBlock implements SigCall.Visitor<Optional<Block>> {
    public static final HandlerBlock INSTANCE = new HandlerBlock();

    private HandlerBlock() {}

    @Override
    public Optional<Block> visitKill(SigCall.Kill c) {
        return Optional.empty();
    }

    @Override
    public Optional<Block> visitRaise(SigCall.Raise c) {
        return Optional.empty();
    }

    @Override
    public Optional<Block> visitHandler(SigCall.Handler c) {
        return c.handler();
    }

    @Override
    public Optional<Block> visitSigaction(SigCall.Sigaction c) {
        return c.handler();
    }

    @Override
    public Optional<Block> visitSigprocmask(SigCall.Sigprocmask c) {
        return Optional.empty();
    }

    @Override
    public Optional<Block> visitPause(SigCall.Pause c) {
        return Optional.empty();
    }

    @Override
    public Optional<Block> visitSigsuspend(SigCall.Sigsuspend c) {
        return Optional.empty();
    }

    @Override
    public Optional<Block> visitAlarm(SigCall.Alarm c) {
        return Optional.empty();
    }
}
