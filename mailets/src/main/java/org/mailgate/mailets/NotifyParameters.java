package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.mailgate.api.mailet.MailetParameters;

/**
 * The parameters James's notify mailets (NotifySender, NotifyPostmaster, Bounce) share, with James's
 * defaults: {@code notice} or {@code message} (the text put first; default "We were unable to deliver
 * the attached message because of an error in the mail server."), {@code sender} or
 * {@code sendingAddress} (an address, {@code postmaster}, {@code sender} or {@code unaltered}; default
 * {@code postmaster}), {@code prefix} (put before the original subject; default {@code Re:}),
 * {@code inline} ({@code heads}, {@code body}, {@code all} or {@code none}; default {@code none}),
 * {@code attachment} (default {@code message}), {@code attachError} (default false),
 * {@code passThrough} (default true), {@code fakeDomainCheck} (default false) and {@code debug}.
 */
record NotifyParameters(String notice, AddressList.Entry sender, String prefix, Inclusion inline,
                        Inclusion attachment, boolean attachError, boolean passThrough, boolean fakeDomainCheck,
                        boolean debug) {

    static final Set<String> NAMES = Set.of("debug", "passThrough", "fakeDomainCheck", "inline", "attachment",
            "message", "notice", "sender", "sendingAddress", "prefix", "attachError");
    static final String DEFAULT_NOTICE =
            "We were unable to deliver the attached message because of an error in the mail server.";
    static final Set<SpecialAddress> SENDER_SPECIALS =
            EnumSet.of(SpecialAddress.POSTMASTER, SpecialAddress.SENDER, SpecialAddress.UNALTERED);
    /** {@code unaltered} would send the original itself, not a notification about it: refused. */
    static final Set<Inclusion> INLINE = EnumSet.of(Inclusion.HEADS, Inclusion.BODY, Inclusion.ALL, Inclusion.NONE);

    static NotifyParameters parse(MailetParameters parameters, MailAddress postmaster, Set<Inclusion> attachments)
            throws MessagingException {
        String notice = AliasedParameter.get(parameters, "notice", "message").orElse(DEFAULT_NOTICE);
        String sender = AliasedParameter.get(parameters, "sender", "sendingAddress").orElse("postmaster");
        return new NotifyParameters(notice,
                AddressList.parseOne("sender", sender, SENDER_SPECIALS, postmaster),
                parameters.get("prefix").orElse("Re:"),
                Inclusion.parse("inline", parameters.get("inline"), Inclusion.NONE, INLINE),
                Inclusion.parse("attachment", parameters.get("attachment"), Inclusion.MESSAGE, attachments),
                parameters.bool("attachError", false),
                parameters.bool("passThrough", true),
                parameters.bool("fakeDomainCheck", false),
                parameters.bool("debug", false));
    }

    /**
     * Settings for a notification sent through {@link Redirection}: Reply-To removed, In-Reply-To set,
     * the text of {@link NotificationText}; the mailet adds recipients and To.
     */
    RedirectSettings.Builder redirect(String mailetName) {
        return RedirectSettings.builder(mailetName)
                .sender(Optional.of(sender))
                .replyTo(Optional.of(new AddressList.Special(SpecialAddress.NULL)))
                .prefix(Optional.of(prefix))
                .inline(inline)
                .attachment(attachment)
                .text(original -> NotificationText.of(notice, original, inline))
                .attachError(attachError)
                .isReply(true)
                .passThrough(passThrough)
                .fakeDomainCheck(fakeDomainCheck)
                .debug(debug);
    }
}
