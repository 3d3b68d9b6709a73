package org.mailgate.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.time.ZonedDateTime;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.dsn.DsnMessage;
import org.mailgate.api.mailet.MailetParameters;
import org.mailgate.api.metrics.MailMetrics;

/**
 * Returns the mail to its envelope sender as an RFC 3464 delivery status notification
 * ({@code multipart/report; report-type=delivery-status}): a text with the notice, the error recorded on
 * the mail and its details; a {@code message/delivery-status} part with, for each recipient, action
 * {@code failed} and the status taken from the error (see {@link FailureReason}; {@code 5.0.0} when
 * there is none); and the original. The report is sent from the null reverse-path. A mail from the null
 * reverse-path is never bounced; that is logged.
 *
 * <p>Parameters, with James's names and meanings (see {@link NotifyParameters}): {@code notice} or
 * {@code message}, {@code sender} or {@code sendingAddress} (the From of the report: an address,
 * {@code postmaster} (default), or {@code sender} / {@code unaltered}: the original's From),
 * {@code prefix} (before the original subject; default {@code Re:}), {@code inline} ({@code heads},
 * {@code body}, {@code all} or {@code none} (default): what the text quotes of the original),
 * {@code attachment} ({@code message} (default; only the headers above 1 MiB), {@code heads} or
 * {@code none}: the report's third part), {@code attachError} (default false: when true, the error is
 * also attached to the text part), {@code passThrough} (default true: the original goes on),
 * {@code fakeDomainCheck} (accepted; a report from the null reverse-path has no sender domain to check)
 * and {@code debug} (log each report). James's {@code body} and {@code all} attachments are refused: an
 * RFC 3464 report returns the message or its headers.
 */
public final class Bounce extends GenericMailet {

    private final MailMetrics metrics;
    private NotifyParameters parameters;
    private String reportingMta;

    /** Without counting the reports. */
    public Bounce() {
        this(MailMetrics.NONE);
    }

    /** @param metrics where each report sent is counted */
    @Inject
    public Bounce(MailMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters p = MailetParameters.of(getMailetConfig(), NotifyParameters.NAMES);
        var attachment = p.get("attachment");
        if (attachment.filter(a -> a.equalsIgnoreCase("body") || a.equalsIgnoreCase("all")).isPresent()) {
            throw new MessagingException("parameter attachment: a delivery status notification returns the message "
                    + "or its headers, so Bounce takes message, heads or none, not '" + attachment.get() + "'");
        }
        parameters = NotifyParameters.parse(p, getMailetContext().getPostmaster(), Inclusion.RETURNED);
        reportingMta = ServerName.of(getMailetContext());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!mail.hasSender()) {
            Outgoing.logNullSender(getMailetContext(), "Bounce", mail);
        } else {
            FailureReason reason = FailureReason.of(mail, "5.0.0");
            var report = DsnMessage.build(mail,
                    DeliveryReport.from(parameters.sender(), mail, getMailetContext().getPostmaster()),
                    reportingMta, DeliveryReport.subject(parameters.prefix(), mail), humanPart(mail),
                    DeliveryReport.statuses(mail, "failed", reason, true), returned(), ZonedDateTime.now());
            DeliveryReport.send(getMailetContext(), "Bounce", "bounce", mail, report, parameters.debug());
            metrics.report(MailMetrics.ReportAction.FAILED, MailMetrics.ReportSource.MAILET);
        }
        if (!parameters.passThrough()) {
            mail.setState(Mail.GHOST);
        }
    }

    private MimeBodyPart humanPart(Mail mail) throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(NotificationText.of(parameters.notice(), mail, parameters.inline()), "UTF-8");
        if (!parameters.attachError() || mail.getErrorMessage() == null) {
            return text;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(text);
        mixed.addBodyPart(AlteredMessage.errorPart(mail.getErrorMessage()));
        MimeBodyPart human = new MimeBodyPart();
        human.setContent(mixed);
        return human;
    }

    private DsnMessage.Returned returned() {
        return switch (parameters.attachment()) {
            case HEADS -> DsnMessage.Returned.HEADERS;
            case NONE -> DsnMessage.Returned.NONE;
            default -> DsnMessage.Returned.MESSAGE;
        };
    }

    @Override
    public String getMailetInfo() {
        return "Bounce Mailet";
    }
}
