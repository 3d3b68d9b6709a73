package org.mailgate.smtp.hook;

import java.util.Optional;
import org.mailgate.smtp.session.Reply;

/**
 * What a hook says about a command: no opinion (the next hook decides), accept (the remaining hooks are
 * skipped and the command goes on), or reject with a reply (the command is refused with it).
 *
 * @param verdict the decision
 * @param reply   the reply of a rejection; empty otherwise
 */
public record HookResult(Verdict verdict, Optional<Reply> reply) {

    public static final HookResult DECLINED = new HookResult(Verdict.DECLINED, Optional.empty());
    public static final HookResult ACCEPT = new HookResult(Verdict.ACCEPT, Optional.empty());

    /** The decisions a hook can make. */
    public enum Verdict { DECLINED, ACCEPT, REJECT }

    public HookResult {
        if ((verdict == Verdict.REJECT) != reply.isPresent()) {
            throw new IllegalArgumentException("a rejection, and only a rejection, has a reply");
        }
        if (reply.isPresent() && reply.get().isPositive()) {
            throw new IllegalArgumentException("a rejection needs a 4xx or 5xx reply, not " + reply.get());
        }
    }

    public static HookResult reject(Reply reply) {
        return new HookResult(Verdict.REJECT, Optional.of(reply));
    }
}
