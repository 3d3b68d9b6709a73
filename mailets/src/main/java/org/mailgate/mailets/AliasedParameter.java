package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.Optional;
import org.mailgate.api.mailet.MailetParameters;

/**
 * A setting James accepts under two names ({@code forwardTo}/{@code forwardto}, {@code replyTo}/
 * {@code replyto}, {@code message}/{@code notice}, {@code sender}/{@code sendingAddress}). James quietly
 * prefers one when both are given; Mailgate refuses the pair.
 */
final class AliasedParameter {

    private AliasedParameter() {
    }

    static Optional<String> get(MailetParameters parameters, String name, String alias) throws MessagingException {
        Optional<String> first = parameters.get(name);
        Optional<String> second = parameters.get(alias);
        if (first.isPresent() && second.isPresent()) {
            throw new MessagingException("parameters " + name + " and " + alias + " are two names of one setting; "
                    + "give only one of them");
        }
        return first.or(() -> second);
    }
}
