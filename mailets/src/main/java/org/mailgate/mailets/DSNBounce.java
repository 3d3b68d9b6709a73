package org.mailgate.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.james.core.MailAddress;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.dsn.DsnMessage;
import org.mailgate.api.mailet.MailetParameters;
import org.mailgate.api.metrics.MailMetrics;

/**
 * Sends the envelope sender an RFC 3464 delivery status notification about the mail, as James's
 * DSNBounce does: {@code multipart/report; report-type=delivery-status} with a text, a
 * {@code message/delivery-status} part with one block per recipient (Final-Recipient, Action, Status,
 * Diagnostic-Code when the error is an SMTP reply), and the original message or its headers. The
 * status comes from the error recorded on the mail (see {@link FailureReason}), else
 * {@code defaultStatus}. The report is sent from the null reverse-path; a mail from the null
 * reverse-path is never reported on, and that is logged.
 *
 * <p>Parameters, with James's names and meanings:
 * <ul>
 * <li>{@code messageString}: the text that opens the report. {@code [machine]} in it is replaced by this
 * machine's name, as in James; Mailgate also replaces {@code [date]} (now, RFC 5322 form) and
 * {@code [error]} (the error recorded on the mail). The default says, according to the action, that the
 * message could not be delivered, is delayed, or was delivered.</li>
 * <li>{@code attachment}: {@code message} (default; only the headers above 1 MiB), {@code heads} or
 * {@code none}. When the mail carries the client's DSN {@code RET} parameter, {@code RET=HDRS} returns
 * headers only and {@code RET=FULL} the message, unless {@code attachment} is {@code none}.</li>
 * <li>{@code sender}: the From of the report: an address, {@code postmaster} (default), or
 * {@code sender} / {@code unaltered} (the original's From).</li>
 * <li>{@code prefix}: put before the original subject (default {@code Re:}).</li>
 * <li>{@code action}: {@code failed} (default), {@code delayed}, {@code delivered}, {@code expanded} or
 * {@code relayed}.</li>
 * <li>{@code defaultStatus}: the status when the error carries none; default {@code 5.0.0} for
 * {@code failed}, {@code 4.0.0} for {@code delayed}, {@code 2.0.0} otherwise. James's default,
 * {@code unknown}, is not an RFC 3464 status: Mailgate takes only {@code x.y.z} codes of the action's
 * class.</li>
 * <li>{@code passThrough} (default true: the original goes on) and {@code debug} (log each report).</li>
 * </ul>
 */
public final class DSNBounce extends GenericMailet {

    /** RFC 3464 actions, with whether a report of that kind explains an error. */
    enum Action {
        FAILED(true, "45"), DELAYED(true, "4"), DELIVERED(false, "2"), EXPANDED(false, "2"), RELAYED(false, "2");

        private final boolean explainsError;
        private final String statusClasses;

        Action(boolean explainsError, String statusClasses) {
            this.explainsError = explainsError;
            this.statusClasses = statusClasses;
        }

        String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        String title() {
            return name().charAt(0) + keyword().substring(1);
        }

        String defaultStatus() {
            return statusClasses.charAt(statusClasses.length() - 1) + ".0.0";
        }
    }

    private static final Set<String> PARAMETERS = Set.of("debug", "passThrough", "messageString", "attachment",
            "sender", "prefix", "action", "defaultStatus");
    private static final String CRLF = OriginalText.CRLF;

    private final MailMetrics metrics;
    private String machine;
    private Action action;
    private MailMetrics.ReportAction reportAction;
    private String defaultStatus;
    /** {@code messageString} or the action's default, {@code [machine]} already replaced. */
    private String opening;
    private Inclusion attachment;
    private AddressList.Entry sender;
    private String prefix;
    private boolean passThrough;
    private boolean debug;

    /** Without counting the reports. */
    public DSNBounce() {
        this(MailMetrics.NONE);
    }

    /** @param metrics where each report sent is counted, by its action */
    @Inject
    public DSNBounce(MailMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters p = MailetParameters.of(getMailetConfig(), PARAMETERS);
        MailAddress postmaster = getMailetContext().getPostmaster();
        action = action(p.get("action"));
        reportAction = MailMetrics.ReportAction.valueOf(action.name());
        defaultStatus = p.get("defaultStatus").orElse(action.defaultStatus());
        if (!FailureReason.isStatus(defaultStatus)
                || action.statusClasses.indexOf(defaultStatus.charAt(0)) < 0) {
            throw new MessagingException("parameter defaultStatus must be a status code x.y.z (RFC 3463) of class "
                    + String.join(" or ", action.statusClasses.split("")) + " for action " + action.keyword()
                    + ", not '" + defaultStatus + "'");
        }
        attachment = Inclusion.parse("attachment", p.get("attachment"), Inclusion.MESSAGE, Inclusion.RETURNED);
        sender = AddressList.parseOne("sender", p.get("sender").orElse("postmaster"),
                SpecialAddress.FOR_SENDER, postmaster);
        prefix = p.get("prefix").orElse("Re:");
        passThrough = p.bool("passThrough", true);
        debug = p.bool("debug", false);
        machine = ServerName.of(getMailetContext());
        opening = p.get("messageString").filter(s -> !s.isEmpty()).orElse(defaultMessage(action))
                .replace("[machine]", machine);
    }

    private static Action action(Optional<String> value) throws MessagingException {
        if (value.isEmpty()) {
            return Action.FAILED;
        }
        for (Action a : Action.values()) {
            if (a.keyword().equalsIgnoreCase(value.get())) {
                return a;
            }
        }
        throw new MessagingException("parameter action must be one of failed, delayed, delivered, expanded, relayed, "
                + "not '" + value.get() + "'");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!mail.hasSender()) {
            Outgoing.logNullSender(getMailetContext(), "DSNBounce", mail);
        } else {
            ZonedDateTime now = ZonedDateTime.now();
            FailureReason reason = action.explainsError ? FailureReason.of(mail, defaultStatus)
                    : new FailureReason(Optional.empty(), defaultStatus, Optional.empty());
            var report = DsnMessage.build(mail,
                    DeliveryReport.from(sender, mail, getMailetContext().getPostmaster()), machine,
                    DeliveryReport.subject(prefix, mail), humanPart(mail, reason, now),
                    DeliveryReport.statuses(mail, action.keyword(), reason, action.explainsError),
                    returned(mail), now);
            DeliveryReport.send(getMailetContext(), "DSNBounce", "dsn", mail, report, debug);
            metrics.report(reportAction, MailMetrics.ReportSource.MAILET);
        }
        if (!passThrough) {
            mail.setState(Mail.GHOST);
        }
    }

    private MimeBodyPart humanPart(Mail mail, FailureReason reason, ZonedDateTime now) throws MessagingException {
        String error = reason.text().orElse("(no error was recorded)");
        StringBuilder s = new StringBuilder(opening
                .replace("[date]", DateTimeFormatter.RFC_1123_DATE_TIME.format(now))
                .replace("[error]", error));
        s.append(CRLF);
        String subject = mail.getMessage().getSubject();
        if (subject != null) {
            s.append("Original email subject: ").append(subject).append(CRLF).append(CRLF);
        }
        s.append(action.title()).append(" recipient(s):").append(CRLF)
                .append(mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.joining(", ")))
                .append(CRLF).append(CRLF);
        if (action.explainsError && reason.text().isPresent()) {
            s.append("Error message:").append(CRLF).append(error).append(CRLF).append(CRLF);
        }
        MimeBodyPart part = new MimeBodyPart();
        part.setText(s.toString().replace("\r\n", "\n").replace("\n", CRLF), "UTF-8");
        return part;
    }

    private static String defaultMessage(Action action) {
        return "This is the mail server at [machine]." + CRLF + CRLF + switch (action) {
            case FAILED -> "Your message could not be delivered to the recipients below. This is a permanent error;"
                    + CRLF + "the message will not be retried. The reason is given below." + CRLF;
            case DELAYED -> "Your message has not yet been delivered to the recipients below. Delivery will be"
                    + CRLF + "retried; you do not need to send it again." + CRLF;
            case DELIVERED, EXPANDED, RELAYED -> "Your message was " + action.keyword() + " to the recipients below."
                    + CRLF;
        };
    }

    /** {@code attachment}, or the client's {@code RET} when the mail carries one and something is returned. */
    private DsnMessage.Returned returned(Mail mail) {
        if (attachment == Inclusion.NONE) {
            return DsnMessage.Returned.NONE;
        }
        Optional<DsnParameters.Ret> ret = mail.dsnParameters().flatMap(DsnParameters::getRetParameter);
        if (ret.isPresent()) {
            return ret.get() == DsnParameters.Ret.HDRS ? DsnMessage.Returned.HEADERS : DsnMessage.Returned.MESSAGE;
        }
        return attachment == Inclusion.HEADS ? DsnMessage.Returned.HEADERS : DsnMessage.Returned.MESSAGE;
    }

    @Override
    public String getMailetInfo() {
        return "DSNBounce Mailet";
    }
}
