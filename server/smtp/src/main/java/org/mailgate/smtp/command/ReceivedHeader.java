package org.mailgate.smtp.command;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.mailgate.api.mail.Envelope;
import org.mailgate.api.mail.QueueId;
import org.mailgate.smtp.session.SmtpSession;
import org.mailgate.smtp.session.TlsInfo;

/**
 * The trace header added on top of every received message (RFC 5321 4.4), in the layout admins know
 * from Postfix. The recipient is named only when there is exactly one, so Bcc recipients stay hidden.
 */
final class ReceivedHeader {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.US);
    /** The date changes once a second: it is formatted once a second. */
    private final java.util.concurrent.atomic.AtomicReference<Dated> last = new java.util.concurrent.atomic
            .AtomicReference<>(new Dated(Long.MIN_VALUE, null, ""));

    private record Dated(long epochSecond, java.time.ZoneId zone, String text) {
    }

    String date(ZonedDateTime when) {
        Dated known = last.get();
        long second = when.toEpochSecond();
        if (known.epochSecond() == second && when.getZone().equals(known.zone())) {
            return known.text();
        }
        String text = DATE.format(when);
        last.set(new Dated(second, when.getZone(), text));
        return text;
    }


    byte[] forSession(SmtpSession session, QueueId id, Envelope envelope, ZonedDateTime when) {
        return build(session.helo().orElse("unknown"), session.remoteLiteral(), session.config().helloName(),
                protocol(session.esmtp(), session.tls().isPresent(), session.authenticatedUser().isPresent()),
                session.tls(), id, envelope, when);
    }

    /** The "with" keyword (RFC 3848): ESMTP, plus S over TLS and A after AUTH; SMTP after HELO. */
    static String protocol(boolean esmtp, boolean tls, boolean authenticated) {
        if (!esmtp) {
            return "SMTP";
        }
        return "ESMTP" + (tls ? "S" : "") + (authenticated ? "A" : "");
    }

    /** @param remoteLiteral the client's address literal, without brackets ({@code IPv6:::1}) */
    byte[] build(String helo, String remoteLiteral, String serverName, String protocol, Optional<TlsInfo> tls,
                 QueueId id, Envelope envelope, ZonedDateTime when) {
        StringBuilder h = new StringBuilder(256);
        h.append("Received: from ").append(safe(helo)).append(" (unknown [").append(remoteLiteral).append("])\r\n");
        tls.ifPresent(t -> h.append("\t(using ").append(t.protocol()).append(" with cipher ").append(t.cipherSuite())
                .append(")\r\n"));
        h.append("\tby ").append(serverName).append(" (Mailgate) with ").append(protocol)
                .append(" id ").append(id).append("\r\n");
        if (envelope.recipients().size() == 1) {
            h.append("\tfor <").append(envelope.recipients().get(0).asString()).append(">;");
        } else {
            h.append("\t;");
        }
        h.append(' ').append(date(when)).append("\r\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The HELO name is the client's word: keep it printable and on one line. */
    private static String safe(String helo) {
        int length = Math.min(helo.length(), 255);
        StringBuilder cleaned = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = helo.charAt(i);
            cleaned.append(c >= 0x21 && c <= 0x7e ? c : '?');
        }
        return cleaned.toString();
    }
}
