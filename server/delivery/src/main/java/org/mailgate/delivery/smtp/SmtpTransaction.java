package org.mailgate.delivery.smtp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.core.MailAddress;

/**
 * MAIL, RCPT..., DATA on an open, greeted connection: pipelined when the server offers PIPELINING.
 * The message goes only to the recipients the server accepted.
 */
public final class SmtpTransaction {

    private SmtpTransaction() {
    }

    /**
     * Runs the transaction. Replies are per recipient: the RCPT refusal, the MAIL or DATA refusal that
     * applied to everyone, or the final reply after the content.
     */
    public static TransactionResult run(SmtpConnection connection, Envelope envelope) throws IOException {
        String mailFrom = "MAIL FROM:<" + envelope.sender().asString("") + ">"
                + (connection.supports("SIZE") ? " SIZE=" + envelope.size() : "");
        Map<MailAddress, SmtpReply> replies = new LinkedHashMap<>();
        SmtpReply mailReply;
        List<SmtpReply> rcptReplies = new ArrayList<>();
        if (connection.supports("PIPELINING")) {
            connection.send(mailFrom);
            for (MailAddress recipient : envelope.recipients()) {
                connection.send("RCPT TO:<" + recipient.asString() + ">");
            }
            mailReply = connection.read();
            for (int i = 0; i < envelope.recipients().size(); i++) {
                rcptReplies.add(connection.read());
            }
        } else {
            mailReply = connection.command(mailFrom);
            if (mailReply.isPositive()) {
                for (MailAddress recipient : envelope.recipients()) {
                    rcptReplies.add(connection.command("RCPT TO:<" + recipient.asString() + ">"));
                }
            }
        }
        if (!mailReply.isPositive()) {
            envelope.recipients().forEach(r -> replies.put(r, mailReply));
            connection.command("RSET");
            return new TransactionResult(replies, false);
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
        if (accepted.isEmpty()) {
            connection.command("RSET");
            return new TransactionResult(replies, false);
        }
        SmtpReply dataReply = connection.command("DATA");
        if (dataReply.code() != 354) {
            accepted.forEach(r -> replies.put(r, dataReply));
            return new TransactionResult(replies, false);
        }
        SmtpReply finalReply = connection.data(envelope.content());
        accepted.forEach(r -> replies.put(r, finalReply));
        return new TransactionResult(replies, true);
    }
}
