package org.mailgate.delivery.smtp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.core.MailAddress;

/**
 * MAIL, RCPT..., DATA on an open, greeted (or RSET) connection: pipelined when the server offers
 * PIPELINING. The message goes only to the recipients the server accepted. A transaction that ends
 * early (MAIL or every RCPT refused) leaves the connection to be reset with RSET before its next use.
 * The sender's DSN parameters go along when the server offers DSN ({@link DsnRelay}).
 */
public final class SmtpTransaction {

    private SmtpTransaction() {
    }

    /** Reads the reply to RSET (sending it first unless it went in a pipelined group). */
    private static void expectReset(SmtpConnection connection, boolean alreadySent) throws StaleConnectionException {
        SmtpReply reply;
        try {
            reply = alreadySent ? connection.read() : connection.command("RSET");
        } catch (IOException e) {
            throw new StaleConnectionException(connection.peer() + " closed the kept connection", e);
        }
        if (!reply.isPositive()) {
            throw new StaleConnectionException(connection.peer() + " refused RSET: " + reply.text(), null);
        }
    }

    /**
     * Runs the transaction. Replies are per recipient: the RCPT refusal, the MAIL or DATA refusal that
     * applied to everyone, or the final reply after the content.
     */
    public static TransactionResult run(SmtpConnection connection, Envelope envelope) throws IOException {
        return run(connection, envelope, false);
    }

    /**
     * As {@link #run(SmtpConnection, Envelope)}; with {@code reset}, the connection carried a message
     * before and RSET goes first (in the same pipelined group when possible), so nothing of the last
     * transaction can leak into this one.
     *
     * @throws StaleConnectionException if the kept connection is unusable before anything was sent
     */
    public static TransactionResult run(SmtpConnection connection, Envelope envelope, boolean reset)
            throws IOException {
        String mailFrom = "MAIL FROM:<" + envelope.sender().asString("") + ">"
                + (connection.supports("SIZE") ? " SIZE=" + envelope.size() : "")
                + envelope.mailParameters().stream().map(p -> " " + p).collect(java.util.stream.Collectors.joining())
                + DsnRelay.mailParameters(connection, envelope.dsn());
        Map<MailAddress, SmtpReply> replies = new LinkedHashMap<>();
        SmtpReply mailReply;
        List<SmtpReply> rcptReplies = new ArrayList<>();
        boolean pipelining = connection.supports("PIPELINING");
        if (reset) {
            if (pipelining) {
                connection.send("RSET");
            } else {
                expectReset(connection, false);
            }
        }
        if (pipelining) {
            connection.send(mailFrom);
            for (MailAddress recipient : envelope.recipients()) {
                connection.send("RCPT TO:<" + recipient.asString() + ">"
                        + DsnRelay.rcptParameters(connection, envelope.dsn(), recipient));
            }
            if (reset) {
                expectReset(connection, true);
            }
            mailReply = connection.read();
            for (int i = 0; i < envelope.recipients().size(); i++) {
                rcptReplies.add(connection.read());
            }
        } else {
            mailReply = connection.command(mailFrom);
            if (mailReply.isPositive()) {
                for (MailAddress recipient : envelope.recipients()) {
                    rcptReplies.add(connection.command("RCPT TO:<" + recipient.asString() + ">"
                            + DsnRelay.rcptParameters(connection, envelope.dsn(), recipient)));
                }
            }
        }
        if (!mailReply.isPositive()) {
            envelope.recipients().forEach(r -> replies.put(r, mailReply));
            return new TransactionResult(replies, false, mailReply.code() == 421);
        }
        List<MailAddress> accepted = new ArrayList<>();
        for (int i = 0; i < envelope.recipients().size(); i++) {
            MailAddress recipient = envelope.recipients().get(i);
            SmtpReply reply = rcptReplies.get(i);
            replies.put(recipient, reply);
            if (reply.isPositive()) {
                accepted.add(recipient);
            }
        }
        boolean closing = rcptReplies.stream().anyMatch(r -> r.code() == 421);
        if (accepted.isEmpty() || closing) {
            return new TransactionResult(replies, false, closing);
        }
        SmtpReply dataReply = connection.command("DATA");
        if (dataReply.code() != 354) {
            accepted.forEach(r -> replies.put(r, dataReply));
            return new TransactionResult(replies, false, dataReply.code() == 421);
        }
        SmtpReply finalReply = connection.data(envelope.content());
        accepted.forEach(r -> replies.put(r, finalReply));
        return new TransactionResult(replies, true, finalReply.code() == 421);
    }
}
