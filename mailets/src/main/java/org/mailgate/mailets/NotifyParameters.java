package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetConfig;
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

    static NotifyParameters parse(MailetParameters parameters, MailAddress postmaster, Set<Inclusion> attachments)
            throws MessagingException {
        String notice = AliasedParameter.get(parameters, "notice", "message").orElse(DEFAULT_NOTICE);
        String sender = AliasedParameter.get(parameters, "sender", "sendingAddress").orElse("postmaster");
        return new NotifyParameters(notice,
                AddressList.parseOne("sender", sender, SpecialAddress.FOR_SENDER, postmaster),
                parameters.get("prefix").orElse("Re:"),
                // unaltered would send the original itself, not a notification about it: refused
                Inclusion.parse("inline", parameters.get("inline"), Inclusion.NONE, Inclusion.QUOTED),
                Inclusion.parse("attachment", parameters.get("attachment"), Inclusion.MESSAGE, attachments),
                parameters.bool("attachError", false),
                parameters.bool("passThrough", true),
                parameters.bool("fakeDomainCheck", false),
                parameters.bool("debug", false));
    }

    /**
     * The settings of NotifySender and NotifyPostmaster, sent through {@link Redirection}: the notify
     * parameters (every attachment allowed) and {@code to}, one of {@code toValues}; the notification
     * goes to {@code addressee}, also the default of {@code to}, with the text of
     * {@link NotificationText}, Reply-To removed and In-Reply-To set.
     */
    static RedirectSettings notification(String mailetName, MailetConfig config, SpecialAddress addressee,
                                         Set<SpecialAddress> toValues) throws MessagingException {
        Set<String> names = new HashSet<>(NAMES);
        names.add("to");
        MailetParameters parameters = MailetParameters.of(config, names);
        MailAddress postmaster = config.getMailetContext().getPostmaster();
        NotifyParameters notify = parse(parameters, postmaster, Inclusion.ATTACHED);
        AddressList to = AddressList.parseSpecial("to", parameters.get("to").orElse(addressee.keyword()), toValues,
                postmaster);
        AddressList recipients = AddressList.parse("recipients", addressee.keyword(), EnumSet.of(addressee), postmaster);
        return RedirectSettings.builder(mailetName)
                .recipients(Optional.of(recipients))
                .to(Optional.of(to))
                .sender(Optional.of(notify.sender()))
                .replyTo(Optional.of(new AddressList.Special(SpecialAddress.NULL)))
                .prefix(Optional.of(notify.prefix()))
                .newMessage(Optional.of(new RedirectSettings.NewMessage(
                        original -> NotificationText.of(notify.notice(), original, notify.inline()),
                        notify.attachment(), notify.attachError())))
                .isReply(true)
                .passThrough(notify.passThrough())
                .fakeDomainCheck(notify.fakeDomainCheck())
                .debug(notify.debug())
                .build();
    }
}
