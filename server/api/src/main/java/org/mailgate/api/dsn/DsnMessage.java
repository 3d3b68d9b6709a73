package org.mailgate.api.dsn;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.mailgate.api.mail.SpooledMimeMessage;

/**
 * Builds a delivery status notification (RFC 3464): {@code multipart/report;
 * report-type=delivery-status} with a human-readable part, the machine-readable status of each
 * recipient, and the original message (or only its headers when it is large). When the original mail
 * carries the sender's DSN parameters ({@link DsnRequest}), the report names its ENVID in
 * {@code Original-Envelope-Id} and each recipient's ORCPT in {@code Original-Recipient} (RFC 3461 6.3).
 */
public final class DsnMessage {

    /** Originals larger than this are returned as headers only, as Postfix does. */
    public static final long FULL_MESSAGE_LIMIT = 1024 * 1024;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.US);

    private DsnMessage() {
    }

    /** What a report returns of the original message: RFC 3464's optional third part. */
    public enum Returned {
        /** The whole message ({@code message/rfc822}), or only its headers when it is larger than {@link #FULL_MESSAGE_LIMIT}. */
        MESSAGE,
        /** The header section only ({@code text/rfc822-headers}). */
        HEADERS,
        /** Nothing: the report has two parts. */
        NONE
    }

    /**
     * @param reportingMta the name of this server
     * @param humanText    the explanation for people, first part of the report
     */
    public static MimeMessage build(Mail original, MailAddress from, String reportingMta, String subject,
                                    String humanText, List<RecipientStatus> statuses, ZonedDateTime now)
            throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(humanText, "UTF-8");
        return build(original, from, reportingMta, subject, text, statuses, Returned.MESSAGE, now);
    }

    /**
     * A report whose first part the caller made (plain text, or e.g. a {@code multipart/mixed} of the
     * text and an attached error) and that returns as much of the original as {@code returned} says.
     *
     * @param reportingMta the name of this server
     * @param humanPart    the explanation for people, first part of the report
     */
    public static MimeMessage build(Mail original, MailAddress from, String reportingMta, String subject,
                                    MimeBodyPart humanPart, List<RecipientStatus> statuses, Returned returned,
                                    ZonedDateTime now) throws MessagingException {
        MimeMessage report = new MimeMessage(SpooledMimeMessage.session());
        try {
            report.setFrom(new InternetAddress(from.asString(), "Mail Delivery System", "UTF-8"));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        if (original.hasSender()) {
            report.setRecipient(jakarta.mail.Message.RecipientType.TO,
                    new InternetAddress(original.getMaybeSender().get().asString()));
        }
        report.setSubject(subject, "UTF-8");
        report.setSentDate(Date.from(now.toInstant()));
        report.setHeader("Auto-Submitted", "auto-replied");

        MimeMultipart multipart = new MimeMultipart("report; report-type=delivery-status");
        multipart.addBodyPart(humanPart);

        MimeBodyPart status = new MimeBodyPart();
        status.setDataHandler(new DataHandler(new ByteArrayDataSource(
                statusFields(original, reportingMta, statuses, now).getBytes(StandardCharsets.US_ASCII),
                "message/delivery-status")));
        multipart.addBodyPart(status);

        switch (returned) {
            case MESSAGE -> multipart.addBodyPart(original.getMessageSize() <= FULL_MESSAGE_LIMIT
                    ? wholeMessage(original) : headers(original));
            case HEADERS -> multipart.addBodyPart(headers(original));
            case NONE -> {
            }
        }
        report.setContent(multipart);
        report.saveChanges();
        return report;
    }

    static String statusFields(Mail original, String reportingMta, List<RecipientStatus> statuses,
                               ZonedDateTime now) {
        StringBuilder s = new StringBuilder();
        DsnRequest dsn = DsnRequest.of(original);
        dsn.decodedEnvelopeId().ifPresent(id -> s.append("Original-Envelope-Id: ").append(id).append("\r\n"));
        s.append("Reporting-MTA: dns; ").append(reportingMta).append("\r\n");
        s.append("X-Mailgate-Queue-ID: ").append(original.getName()).append("\r\n");
        if (original.getLastUpdated() != null) {
            s.append("Arrival-Date: ").append(DATE.format(original.getLastUpdated().toInstant()
                    .atZone(now.getZone()))).append("\r\n");
        }
        for (RecipientStatus r : statuses) {
            s.append("\r\n");
            dsn.originalRecipient(r.recipient()).ifPresent(o -> s.append("Original-Recipient: ").append(o.field())
                    .append("\r\n"));
            s.append("Final-Recipient: rfc822; ").append(r.recipient().asString()).append("\r\n");
            s.append("Action: ").append(r.action()).append("\r\n");
            s.append("Status: ").append(r.status()).append("\r\n");
            r.remoteMta().ifPresent(mta -> s.append("Remote-MTA: dns; ").append(mta).append("\r\n"));
            r.diagnostic().ifPresent(d -> s.append("Diagnostic-Code: smtp; ")
                    .append(d.replaceAll("[\\r\\n]+", " ")).append("\r\n"));
            s.append("Last-Attempt-Date: ").append(DATE.format(now)).append("\r\n");
        }
        return s.toString();
    }

    private static MimeBodyPart wholeMessage(Mail original) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(original.getMessage(), "message/rfc822");
        return part;
    }

    private static MimeBodyPart headers(Mail original) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        Enumeration<String> lines = original.getMessage().getAllHeaderLines();
        try {
            while (lines.hasMoreElements()) {
                headers.write((lines.nextElement() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new MessagingException("cannot copy headers", e);
        }
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(headers.toByteArray(), "text/rfc822-headers")));
        return part;
    }
}
