package org.mailgate.delivery.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.james.core.MailAddress;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.delivery.RecipientResult;
import org.mailgate.delivery.smtp.Envelope;
import org.mailgate.delivery.smtp.SmtpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one transaction carries to one server, given the extensions it offers: the envelope to send, if
 * any recipient is left, and the recipients that cannot go to that server, with the reason.
 * <ul>
 * <li>An address that is not ASCII needs SMTPUTF8 (RFC 6531): MAIL then says {@code SMTPUTF8}; a server
 *     that does not offer it gets none of those recipients (all of them, if it is the sender's address),
 *     which fail at once with status 5.6.7, as in Postfix.</li>
 * <li>A message with 8-bit data goes unchanged with {@code BODY=8BITMIME} to a server that offers 8BITMIME
 *     (RFC 6152); to one that does not, it is {@linkplain SevenBitConversion converted to 7-bit}, or, if it
 *     cannot be, fails at once for every recipient with status 5.6.3 and the reason.</li>
 * <li>A 7-bit message goes unchanged, without a BODY parameter.</li>
 * </ul>
 * A message that cannot be read now fails for this attempt only (a temporary failure).
 *
 * @param envelope what to send, when a recipient is left
 * @param refused  the recipients that cannot go to this server, as permanent (or temporary) results
 */
public record OutboundContent(Optional<Envelope> envelope, List<RecipientResult> refused) {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundContent.class);

    /** The status of a recipient whose address needs SMTPUTF8 (RFC 6531 3.8). */
    static final String NEEDS_SMTPUTF8 = "5.6.7";
    /** The status of a message that would need a conversion that cannot be done (RFC 3463 X.6.3). */
    static final String NOT_CONVERTIBLE = "5.6.3";

    public OutboundContent {
        refused = List.copyOf(refused);
    }

    /**
     * Plans the transaction of {@code mail} to {@code recipients} through a server offering the extensions
     * {@code offers} accepts (see {@link SmtpConnection#supports}); {@code peer} names it in reasons,
     * e.g. {@code mx.example.com[192.0.2.1]:25}.
     */
    public static OutboundContent of(OutgoingMail mail, List<MailAddress> recipients, Predicate<String> offers,
                                     String peer) {
        List<RecipientResult> refused = new ArrayList<>();
        List<MailAddress> sendTo = new ArrayList<>();
        boolean senderNeedsUtf8 = mail.sender().asOptional().map(OutboundContent::needsSmtpUtf8).orElse(false);
        boolean smtpUtf8 = offers.test("SMTPUTF8");
        boolean utf8Envelope = senderNeedsUtf8;
        for (MailAddress recipient : recipients) {
            boolean needs = senderNeedsUtf8 || needsSmtpUtf8(recipient);
            utf8Envelope |= needs;
            if (needs && !smtpUtf8) {
                refused.add(RecipientResult.permanent(recipient, "none", NEEDS_SMTPUTF8
                        + " SMTPUTF8 is required, but was not offered by host " + peer));
            } else {
                sendTo.add(recipient);
            }
        }
        if (sendTo.isEmpty()) {
            return refuse(mail, peer, refused);
        }
        List<String> parameters = new ArrayList<>(2);
        MessageParts message = mail.message();
        SmtpConnection.MessageWriter content = out -> {
            out.write(message.headerSection());
            try (InputStream body = message.body().open(0)) {
                body.transferTo(out);
            }
        };
        try {
            if (EightBitData.in(message)) {
                if (offers.test("8BITMIME")) {
                    parameters.add("BODY=8BITMIME");
                } else {
                    content = SevenBitConversion.of(message)::writeTo;
                    LOG.info("{}: converted to 7-bit for {}, which does not offer 8BITMIME", mail.queueId(), peer);
                }
            }
        } catch (NotConvertibleException e) {
            String detail = NOT_CONVERTIBLE + " message has 8-bit data and host " + peer
                    + " does not offer 8BITMIME, but it cannot be converted to 7-bit: " + e.getMessage();
            sendTo.forEach(r -> refused.add(RecipientResult.permanent(r, "none", detail)));
            return refuse(mail, peer, refused);
        } catch (IOException e) {
            String detail = "cannot read the message: " + e.getMessage();
            sendTo.forEach(r -> refused.add(RecipientResult.temporary(r, "none", detail)));
            return refuse(mail, peer, refused);
        }
        if (utf8Envelope && smtpUtf8) {
            parameters.add("SMTPUTF8");
        }
        log(mail, peer, refused);
        return new OutboundContent(Optional.of(new Envelope(mail.sender(), sendTo, message.size(), content,
                parameters, mail.dsn())), refused);
    }

    private static OutboundContent refuse(OutgoingMail mail, String peer, List<RecipientResult> refused) {
        log(mail, peer, refused);
        return new OutboundContent(Optional.empty(), refused);
    }

    /** Logs the recipients that do not go to {@code peer} as the delivery log does its answers. */
    private static void log(OutgoingMail mail, String peer, List<RecipientResult> refused) {
        refused.forEach(r -> MailAudit.log(mail.auditLabel(), "to=<{}>, relay={}, status={} ({})",
                r.recipient().asString(), peer, r.kind() == RecipientResult.Kind.PERMANENT ? "bounced" : "deferred", r.detail()));
    }

    /** Whether an address has a character outside ASCII, so that only SMTPUTF8 can carry it. */
    static boolean needsSmtpUtf8(MailAddress address) {
        return address.asString().chars().anyMatch(c -> c > 127);
    }
}
