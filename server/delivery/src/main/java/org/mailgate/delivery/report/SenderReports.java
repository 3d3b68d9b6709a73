package org.mailgate.delivery.report;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * What remote delivery tells a sender, in RFC 3464 reports from the null sender: the standard bounce
 * (one per failed message, each recipient given up on with the remote server's answer and enhanced
 * status, the original returned, or its headers when it is large), and the delay warning (recipients
 * still being retried, headers returned). A message from the null sender gets no report, so reports can
 * never loop.
 */
public final class SenderReports {

    /** The status of a recipient whose retries ran out: delivery time expired (RFC 3463 X.4.7). */
    static final String EXPIRED = "5.4.7";

    private final String hostName;
    private final MailAddress postmaster;
    private final Clock clock;

    public SenderReports(String hostName, MailAddress postmaster, Clock clock) {
        this.hostName = hostName;
        this.postmaster = postmaster;
        this.clock = clock;
    }

    /**
     * One recipient given up on, or still waiting: where the last answer came from (or "none") and what it
     * was; {@code expired} when it is given up on because its time or retries ran out.
     */
    public record RecipientProblem(MailAddress recipient, String relay, String detail, boolean expired) {
    }

    /** The bounce for {@code failed} recipients of {@code mail}, or nothing for a mail from the null sender. */
    public Optional<Mail> failed(OutgoingMail mail, List<RecipientProblem> failed) throws MessagingException {
        if (mail.sender().isNullSender() || failed.isEmpty()) {
            return Optional.empty();
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(failedText(mail, failed), "UTF-8");
        return report(mail, "Undelivered Mail Returned to Sender", text, failed.stream().map(this::status).toList(),
                DsnMessage.Returned.MESSAGE, "-dsn");
    }

    /**
     * The delay warning for recipients of {@code mail} still being retried, which will be given up on at
     * {@code giveUpAt}; nothing for a mail from the null sender.
     */
    public Optional<Mail> delayed(OutgoingMail mail, List<RecipientProblem> waiting, Instant giveUpAt)
            throws MessagingException {
        if (mail.sender().isNullSender() || waiting.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder()
                .append("This is the mail system at host ").append(hostName).append(".\n\n")
                .append("####################################################################\n")
                .append("# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n")
                .append("####################################################################\n\n")
                .append("Your message could not be delivered for ")
                .append(Duration.between(mail.queuedAt(), clock.instant()).toHours()).append(" hour(s).\n")
                .append("It will be retried until ").append(ZonedDateTime.ofInstant(giveUpAt, clock.getZone()))
                .append(".\n\n");
        waiting.forEach(w -> text.append("<").append(w.recipient().asString()).append(">: ")
                .append(w.relay().equals("none") ? "" : "host " + w.relay() + " said: ").append(w.detail()).append("\n"));
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text.toString(), "UTF-8");
        List<RecipientStatus> statuses = waiting.stream().map(w -> {
            ReplyStatus reply = ReplyStatus.of(w.detail());
            return new RecipientStatus(w.recipient(), "delayed", reply.enhanced().filter(e -> e.startsWith("4"))
                    .orElse("4.0.0"), remoteMta(w), reply.isReply() ? Optional.of(w.detail()) : Optional.empty());
        }).toList();
        return report(mail, "Delayed Mail (still being retried)", part, statuses, DsnMessage.Returned.HEADERS,
                "-delayed");
    }

    private Optional<Mail> report(OutgoingMail mail, String subject, MimeBodyPart text, List<RecipientStatus> statuses,
                                  DsnMessage.Returned returned, String suffix) throws MessagingException {
        Mail original = MailgateMail.builder(mail.name()).sender(mail.sender()).recipients(mail.recipients())
                .parts(mail.message()).build();
        var report = DsnMessage.build(original, postmaster, hostName, subject, text, statuses, returned,
                ZonedDateTime.now(clock));
        return Optional.of(MailgateMail.builder(mail.name() + suffix)
                .sender(MaybeSender.nullSender())
                .recipients(List.of(mail.sender().get()))
                .message(report)
                .state(Mail.DEFAULT)
                .build());
    }

    private static Optional<String> remoteMta(RecipientProblem f) {
        return f.relay().equals("none") ? Optional.empty() : Optional.of(f.relay().replaceAll("\\[.*$", ""));
    }

    private RecipientStatus status(RecipientProblem f) {
        ReplyStatus reply = ReplyStatus.of(f.detail());
        String status = f.expired() ? reply.enhanced().map(s -> "5" + s.substring(1)).orElse(EXPIRED)
                : reply.statusOr("5.0.0");
        // Diagnostic-Code is written as an SMTP reply; a local reason only goes into the text part
        return new RecipientStatus(f.recipient(), "failed", status, remoteMta(f),
                reply.isReply() ? Optional.of(f.detail()) : Optional.empty());
    }

    private String failedText(OutgoingMail mail, List<RecipientProblem> failed) {
        StringBuilder text = new StringBuilder()
                .append("This is the mail system at host ").append(hostName).append(".\n\n")
                .append("I'm sorry to have to inform you that your message could not be delivered to one or more\n")
                .append("recipients. It's attached below.\n\n")
                .append("For further assistance, please send mail to ").append(postmaster.asString()).append(".\n\n");
        for (RecipientProblem f : failed) {
            text.append("<").append(f.recipient().asString()).append(">: ");
            if (f.expired()) {
                text.append("gave up after ").append(mail.failedAttempts() + 1).append(" attempts; last error: ");
            }
            text.append(f.relay().equals("none") ? "" : "host " + f.relay() + " said: ").append(f.detail()).append("\n");
        }
        return text.toString();
    }
}
