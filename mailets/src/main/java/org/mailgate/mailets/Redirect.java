package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Sends the mail on, changed as configured: other recipients, other headers, other envelope sender, or
 * a new message that quotes or attaches the original. It is James's Redirect, with James's parameters
 * and defaults (those of James's code where its documentation differs):
 *
 * <ul>
 * <li>{@code recipients}: the envelope recipients, a comma-separated list of addresses (display names
 * allowed) and special values: {@code postmaster}; {@code sender}, {@code from} and {@code reversePath}
 * (the envelope sender); {@code replyTo} (the Reply-To header, else From, else Sender, else the envelope
 * sender); {@code recipients} and {@code to} (the original recipients); {@code unaltered} and
 * {@code null} (nothing). Default: the {@code to} list, else unchanged.</li>
 * <li>{@code to}: the To header, with the same values, except that {@code from} is the From header (else
 * the Sender header, else the envelope sender), {@code to} and {@code recipients} are the original To
 * header, and {@code null} alone removes the header. Default: the {@code recipients} list, else
 * unchanged.</li>
 * <li>{@code sender}: the From header, and the envelope sender when {@code reversePath} is not given: an
 * address, {@code postmaster}, or {@code sender} / {@code unaltered} (unchanged, the default).</li>
 * <li>{@code replyTo} (or {@code replyto}): the Reply-To header: an address, {@code postmaster},
 * {@code sender} (the envelope sender), {@code null} (removed) or {@code unaltered} (default).</li>
 * <li>{@code reversePath}: the envelope sender: an address, {@code postmaster}, {@code sender}
 * (unchanged) or {@code null} (the null reverse-path {@code <>}).</li>
 * <li>{@code subject}: a new subject; {@code prefix}: put, with a space, before the (new or original)
 * subject.</li>
 * <li>{@code inline}: {@code unaltered} (default: the original message itself is sent, Message-ID
 * included), or a new message whose text is {@code message} followed by the original's {@code heads},
 * {@code body}, {@code all} (both) or {@code none}.</li>
 * <li>{@code attachment} (new message only): {@code none} (default), {@code heads}, {@code body},
 * {@code all} (as text) or {@code message} (as {@code message/rfc822}).</li>
 * <li>{@code message}: the text of a new message; {@code attachError}: attach the mail's error message
 * to a new message (default false); {@code isReply}: set In-Reply-To to the original Message-ID (default
 * false).</li>
 * <li>{@code passThrough} (default false: the original is done), {@code fakeDomainCheck} (default false:
 * when true, a new mail whose sender's domain has no mail server is refused with an error),
 * {@code static} (accepted; Mailgate always reads parameters once, at init) and {@code debug} (log each
 * new mail).</li>
 * </ul>
 *
 * <p>A new mail left without recipients (e.g. {@code recipients=sender} on a mail from the null
 * reverse-path) is not sent, and that is logged; James would send it to the original recipients. James
 * silently ignores {@code message}, {@code attachment} and {@code attachError} when {@code inline} is
 * {@code unaltered}; Mailgate refuses them then.
 */
public final class Redirect extends GenericMailet {

    private static final Set<String> PARAMETERS = Set.of("static", "debug", "passThrough", "fakeDomainCheck", "inline",
            "attachment", "message", "recipients", "to", "replyTo", "replyto", "reversePath", "sender", "subject",
            "prefix", "attachError", "isReply");
    private static final Set<SpecialAddress> REPLY_TO_SPECIALS = EnumSet.of(SpecialAddress.POSTMASTER,
            SpecialAddress.SENDER, SpecialAddress.NULL, SpecialAddress.UNALTERED);
    private static final Set<SpecialAddress> REVERSE_PATH_SPECIALS =
            EnumSet.of(SpecialAddress.POSTMASTER, SpecialAddress.SENDER, SpecialAddress.NULL);
    private static final Set<Inclusion> INLINE = EnumSet.of(Inclusion.UNALTERED, Inclusion.HEADS, Inclusion.BODY,
            Inclusion.ALL, Inclusion.NONE);

    private RedirectSettings settings;

    @Override
    public void init() throws MessagingException {
        MailetParameters p = MailetParameters.of(getMailetConfig(), PARAMETERS);
        MailAddress postmaster = getMailetContext().getPostmaster();
        p.bool("static", false); // checked, and otherwise moot: parameters are always read once, here

        Optional<String> recipients = p.get("recipients").or(() -> p.get("to"));
        Optional<String> to = p.get("to").or(() -> p.get("recipients"));
        Inclusion inline = Inclusion.parse("inline", p.get("inline"), Inclusion.UNALTERED, INLINE);
        Inclusion attachment = Inclusion.parse("attachment", p.get("attachment"), Inclusion.NONE, Inclusion.ATTACHED);
        String message = p.get("message").orElse("");
        boolean attachError = p.bool("attachError", false);
        if (inline == Inclusion.UNALTERED) {
            refuseWithUnaltered("attachment", attachment != Inclusion.NONE);
            refuseWithUnaltered("message", !message.isEmpty());
            refuseWithUnaltered("attachError", attachError);
        }
        settings = RedirectSettings.builder("Redirect")
                .recipients(list("recipients", recipients, postmaster))
                .to(list("to", to, postmaster))
                .sender(one("sender", p.get("sender"), SpecialAddress.FOR_SENDER, postmaster))
                .replyTo(one("replyTo", AliasedParameter.get(p, "replyTo", "replyto"), REPLY_TO_SPECIALS, postmaster))
                .reversePath(one("reversePath", p.get("reversePath"), REVERSE_PATH_SPECIALS, postmaster))
                .subject(p.get("subject"))
                .prefix(p.get("prefix"))
                .newMessage(inline == Inclusion.UNALTERED ? Optional.empty()
                        : Optional.of(new RedirectSettings.NewMessage(
                                original -> (message.isEmpty() ? "" : message + OriginalText.CRLF)
                                        + OriginalText.quoted(original.getMessage(), inline),
                                attachment, attachError)))
                .isReply(p.bool("isReply", false))
                .passThrough(p.bool("passThrough", false))
                .fakeDomainCheck(p.bool("fakeDomainCheck", false))
                .debug(p.bool("debug", false))
                .build();
    }

    private static void refuseWithUnaltered(String parameter, boolean given) throws MessagingException {
        if (given) {
            throw new MessagingException("parameter " + parameter + " has no effect when inline is unaltered (the "
                    + "original message is sent as it is); set inline to none, heads, body or all to build a new "
                    + "message");
        }
    }

    private static Optional<AddressList> list(String parameter, Optional<String> value, MailAddress postmaster)
            throws MessagingException {
        return value.isEmpty() ? Optional.empty()
                : Optional.of(AddressList.parse(parameter, value.get(), Forward.SPECIALS, postmaster));
    }

    private static Optional<AddressList.Entry> one(String parameter, Optional<String> value,
                                                   Set<SpecialAddress> allowed, MailAddress postmaster)
            throws MessagingException {
        return value.isEmpty() ? Optional.empty()
                : Optional.of(AddressList.parseOne(parameter, value.get(), allowed, postmaster));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Redirection.process(getMailetContext(), settings, "redirect", mail);
    }

    @Override
    public String getMailetInfo() {
        return "Redirect Mailet";
    }
}
