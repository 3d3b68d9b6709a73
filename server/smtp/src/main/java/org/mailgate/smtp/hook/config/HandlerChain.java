package org.mailgate.smtp.hook.config;

import java.util.List;

/**
 * The {@code <handlerchain>} of one {@code <smtpserver>}: the sender checks to run, in the order given.
 * The core commands are always there; {@code CoreCmdHandlerLoader} is accepted and adds nothing.
 *
 * @param checks the configured checks, in order
 */
public record HandlerChain(List<CheckSpec> checks) {

    public HandlerChain {
        checks = List.copyOf(checks);
    }

    /** No sender checks: the default. */
    public static HandlerChain core() {
        return new HandlerChain(List.of());
    }
}
