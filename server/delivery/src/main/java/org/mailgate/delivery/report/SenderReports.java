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
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.dsn.DsnMessage;
import org.mailgate.api.dsn.RecipientStatus;
import org.mailgate.api.mail.MailgateMail;

/**
 * What remote delivery tells a sender, in RFC 3464 reports from the null sender: the standard bounce
 * (one per failed message, each recipient given up on with the remote server's answer and enhanced
 * status, the original returned, or its headers when it is large), the delay warning (recipients
 * still being retried, headers returned), and the "relayed" report (recipients handed to a server
 * without DSN whose NOTIFY asked for news of success, headers returned). A message from the null sender
 * gets no report, so reports can never loop.
 *
 * <p>The sender's DSN request (RFC 3461) is honoured per recipient: NOTIFY=NEVER gets no report, a NOTIFY
 * without FAILURE no failure report, one without DELAY no delay warning, and only SUCCESS a "relayed"
 * report; without NOTIFY, failures are reported and delays as configured. RET=HDRS returns only the
 * headers in a failure report; ENVID and ORCPT appear in the report's fields (see {@link DsnMessage}).
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

    /** A recipient handed to a server without DSN: where, and the server's reply. */
    public record Relayed(MailAddress recipient, String relay, String reply) {
    }

    /**
     * The bounce for {@code failed} recipients of {@code mail} whose NOTIFY asks for one; nothing for a mail
     * from the null sender or if no recipient asks.
     */
    public Optional<Mail> failed(OutgoingMail mail, List<RecipientProblem> allFailed) throws MessagingException {
        List<RecipientProblem> failed = allFailed.stream().filter(f -> mail.dsn().reportsFailure(f.recipient()))
                .toList();
        if (mail.sender().isNullSender() || failed.isEmpty()) {
            return Optional.empty();
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(failedText(mail, failed), "UTF-8");
        DsnMessage.Returned returned = mail.dsn().ret().filter(r -> r == DsnParameters.Ret.HDRS).isPresent()
                ? DsnMessage.Returned.HEADERS : DsnMessage.Returned.MESSAGE;
        return report(mail, "Undelivered Mail Returned to Sender", text, failed.stream().map(this::status).toList(),
                returned, "-dsn");
    }

    /**
     * The "relayed" report (RFC 3461 5.2.2 b) for recipients of {@code mail} handed to a server without DSN
     * whose NOTIFY asked for news of success; nothing for a mail from the null sender or if none asked.
     */
    public Optional<Mail> relayed(OutgoingMail mail, List<Relayed> allRelayed) throws MessagingException {
        List<Relayed> relayed = allRelayed.stream().filter(r -> mail.dsn().reportsSuccess(r.recipient())).toList();
        if (mail.sender().isNullSender() || relayed.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder()
                .append("This is the mail system at host ").append(hostName).append(".\n\n")
                .append("Your message was handed on to the destinations below. They do not confirm delivery\n")
                .append("themselves, so this is the last news you will have of its success; you may still hear\n")
                .append("of failures from systems further on.\n\n");
        relayed.forEach(r -> text.append("<").append(r.recipient().asString()).append(">: relayed via ")
                .append(r.relay()).append(": ").append(r.reply()).append("\n"));
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text.toString(), "UTF-8");
        List<RecipientStatus> statuses = relayed.stream()
                .map(r -> notFailed(r.recipient(), "relayed", '2', r.relay(), r.reply())).toList();
        return report(mail, "Successful Mail Relay Report", part, statuses, DsnMessage.Returned.HEADERS, "-relayed");
    }

    /**
     * The delay warning for recipients of {@code mail} still being retried whose NOTIFY allows one, which
     * will be given up on at {@code giveUpAt}; nothing for a mail from the null sender or if none allows it.
     */
    public Optional<Mail> delayed(OutgoingMail mail, List<RecipientProblem> allWaiting, Instant giveUpAt)
            throws MessagingException {
        List<RecipientProblem> waiting = allWaiting.stream().filter(w -> mail.dsn().reportsDelay(w.recipient()))
                .toList();
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
                .append(saidBy(w.relay())).append(w.detail()).append("\n"));
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text.toString(), "UTF-8");
        List<RecipientStatus> statuses = waiting.stream()
                .map(w -> notFailed(w.recipient(), "delayed", '4', w.relay(), w.detail())).toList();
        return report(mail, "Delayed Mail (still being retried)", part, statuses, DsnMessage.Returned.HEADERS,
                "-delayed");
    }

    private Optional<Mail> report(OutgoingMail mail, String subject, MimeBodyPart text, List<RecipientStatus> statuses,
                                  DsnMessage.Returned returned, String suffix) throws MessagingException {
        Mail original = MailgateMail.builder(mail.name()).sender(mail.sender()).recipients(mail.recipients())
                .parts(mail.message()).attributes(mail.dsn().toAttributes()).build();
        var report = DsnMessage.build(original, postmaster, hostName, subject, text, statuses, returned,
                ZonedDateTime.now(clock));
        return Optional.of(MailgateMail.builder(mail.name() + suffix)
                .sender(MaybeSender.nullSender())
                .recipients(List.of(mail.sender().get()))
                .message(report)
                .state(Mail.DEFAULT)
                .build());
    }

    private static Optional<String> remoteMta(String relay) {
        return relay.equals("none") ? Optional.empty() : Optional.of(relay.replaceAll("\\[.*$", ""));
    }

    private RecipientStatus status(RecipientProblem f) {
        ReplyStatus reply = ReplyStatus.of(f.detail());
        String status = f.expired() ? reply.enhanced().map(s -> "5" + s.substring(1)).orElse(EXPIRED)
                : reply.statusOr("5.0.0");
        return recipientStatus(f.recipient(), "failed", status, f.relay(), f.detail(), reply);
    }

    /**
     * A relayed or delayed recipient: the server's enhanced status if it is of {@code statusClass}, else
     * {@code statusClass}.0.0.
     */
    private static RecipientStatus notFailed(MailAddress recipient, String action, char statusClass, String relay,
                                             String detail) {
        ReplyStatus reply = ReplyStatus.of(detail);
        String status = reply.enhanced().filter(e -> e.charAt(0) == statusClass).orElse(statusClass + ".0.0");
        return recipientStatus(recipient, action, status, relay, detail, reply);
    }

    private static RecipientStatus recipientStatus(MailAddress recipient, String action, String status, String relay,
                                                   String detail, ReplyStatus reply) {
        // Diagnostic-Code is written as an SMTP reply; a local reason only goes into the text part
        return new RecipientStatus(recipient, action, status, remoteMta(relay),
                reply.isReply() ? Optional.of(detail) : Optional.empty());
    }

    /** Who said {@code detail}, as the text part gives it: nothing for a local reason. */
    private static String saidBy(String relay) {
        return relay.equals("none") ? "" : "host " + relay + " said: ";
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
            text.append(saidBy(f.relay())).append(f.detail()).append("\n");
        }
        return text.toString();
    }
}
