package org.mailgate.mailets;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.mailgate.api.dsn.RecipientStatus;

/**
 * What Bounce and DSNBounce share around {@link org.mailgate.api.dsn.DsnMessage}: the From address,
 * the subject, one status per original recipient, and the sending: a report goes from the null
 * reverse-path (so that it can never be answered by another report) to the envelope sender of the
 * original, and never to the null reverse-path.
 */
final class DeliveryReport {

    private DeliveryReport() {
    }

    /**
     * The From of the report: the {@code sender} parameter's address; for {@code sender} or
     * {@code unaltered}, the original's From header (as James's Bounce keeps it), else its envelope
     * sender.
     */
    static MailAddress from(AddressList.Entry sender, Mail original, MailAddress postmaster) {
        if (sender instanceof AddressList.Literal literal) {
            return literal.address();
        }
        try {
            Address[] from = original.getMessage().getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress address) {
                return new MailAddress(address);
            }
        } catch (MessagingException e) {
            // an unreadable or unusable From: the envelope sender instead
        }
        return original.getMaybeSender().asOptional().orElse(postmaster);
    }

    static String subject(String prefix, Mail original) throws MessagingException {
        String originalSubject = original.getMessage().getSubject();
        return SubjectLine.of(Optional.of(prefix), Optional.empty(), originalSubject)
                .filter(s -> !s.isEmpty())
                .orElse("Delivery Status Notification");
    }

    /** One status per recipient of the original; a diagnostic only when the error is an SMTP reply. */
    static List<RecipientStatus> statuses(Mail original, String action, FailureReason reason,
                                          boolean withDiagnostic) {
        Optional<String> diagnostic = withDiagnostic ? reason.smtpReply() : Optional.empty();
        return original.getRecipients().stream()
                .map(r -> new RecipientStatus(r, action, reason.status(), Optional.empty(), diagnostic))
                .toList();
    }

    static void send(MailetContext context, String mailetName, String suffix, Mail original, MimeMessage report,
                     boolean debug) throws MessagingException {
        String messageId = original.getMessage().getMessageID();
        if (messageId != null) {
            report.setHeader("In-Reply-To", messageId);
        }
        Mail sent = Outgoing.send(context, original, suffix, MaybeSender.nullSender(),
                original.getMaybeSender().asList(), report);
        if (debug) {
            Outgoing.logSent(context, mailetName, original, sent);
        }
    }
}
