package org.mailgate.delivery.report;

import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Mail;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.dsn.DsnMessage;
import org.mailgate.api.dsn.RecipientStatus;
import org.mailgate.api.mail.MailgateMail;

/**
 * The standard bounce of remote delivery: one RFC 3464 report per failed message, from the null sender
 * to the envelope sender, listing each recipient given up on with the remote server's answer and its
 * enhanced status, and returning the original (or its headers when it is large). A message from the null
 * sender gets no report, so reports can never loop.
 */
public final class FailureReport {

    /** The status of a recipient whose retries ran out: delivery time expired (RFC 3463 X.4.7). */
    static final String EXPIRED = "5.4.7";

    private final String hostName;
    private final MailAddress postmaster;
    private final Clock clock;

    public FailureReport(String hostName, MailAddress postmaster, Clock clock) {
        this.hostName = hostName;
        this.postmaster = postmaster;
        this.clock = clock;
    }

    /** One recipient given up on: where the answer came from (or "none") and what it was. */
    public record FailedRecipient(MailAddress recipient, String relay, String detail, boolean expired) {
    }

    /** The report for {@code failed} recipients of {@code mail}, or nothing for a mail from the null sender. */
    public Optional<Mail> build(OutgoingMail mail, List<FailedRecipient> failed) throws MessagingException {
        if (mail.sender().isNullSender() || failed.isEmpty()) {
            return Optional.empty();
        }
        Mail original = MailgateMail.builder(mail.name()).sender(mail.sender()).recipients(mail.recipients())
                .parts(mail.message()).build();
        List<RecipientStatus> statuses = failed.stream().map(this::status).toList();
        var report = DsnMessage.build(original, postmaster, hostName, "Undelivered Mail Returned to Sender",
                text(mail, failed), statuses, ZonedDateTime.now(clock));
        return Optional.of(MailgateMail.builder(mail.name() + "-dsn")
                .sender(MaybeSender.nullSender())
                .recipients(List.of(mail.sender().get()))
                .message(report)
                .state(Mail.DEFAULT)
                .build());
    }

    private RecipientStatus status(FailedRecipient f) {
        ReplyStatus reply = ReplyStatus.of(f.detail());
        String status = f.expired() ? reply.enhanced().map(s -> "5" + s.substring(1)).orElse(EXPIRED)
                : reply.statusOr("5.0.0");
        Optional<String> remoteMta = f.relay().equals("none") ? Optional.empty()
                : Optional.of(f.relay().replaceAll("\\[.*$", ""));
        // Diagnostic-Code is written as an SMTP reply; a local reason only goes into the text part
        return new RecipientStatus(f.recipient(), "failed", status, remoteMta,
                reply.isReply() ? Optional.of(f.detail()) : Optional.empty());
    }

    private String text(OutgoingMail mail, List<FailedRecipient> failed) {
        StringBuilder text = new StringBuilder()
                .append("This is the mail system at host ").append(hostName).append(".\n\n")
                .append("I'm sorry to have to inform you that your message could not be delivered to one or more\n")
                .append("recipients. It's attached below.\n\n")
                .append("For further assistance, please send mail to ").append(postmaster.asString()).append(".\n\n");
        for (FailedRecipient f : failed) {
            text.append("<").append(f.recipient().asString()).append(">: ");
            if (f.expired()) {
                text.append("gave up after ").append(mail.failedAttempts() + 1).append(" attempts; last error: ");
            }
            text.append(f.relay().equals("none") ? "" : "host " + f.relay() + " said: ").append(f.detail()).append("\n");
        }
        return text.toString();
    }
}
