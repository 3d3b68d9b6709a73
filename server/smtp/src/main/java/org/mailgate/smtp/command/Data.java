package org.mailgate.smtp.command;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.apache.mailet.Attribute;
import org.mailgate.api.dsn.DsnRequest;
import org.mailgate.api.mail.Envelope;
import org.mailgate.api.mail.QueueId;
import org.mailgate.smtp.session.ClientArrival;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.DataReader;
import org.mailgate.smtp.session.MailTransaction;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DATA: streams the message, with a Received header on top, straight into the spool, and answers
 * {@code 250} only once the spool has it on stable storage. A message that breaks a rule is read to
 * its end and then refused, so the client and server stay in step.
 */
final class Data implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(Data.class);
    private final ReceivedHeader receivedHeader = new ReceivedHeader();

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        Optional<MailTransaction> transaction = session.transaction();
        if (!argument.isBlank()) {
            session.reply(Replies.NO_ARGUMENTS_ALLOWED);
            return;
        }
        if (transaction.isEmpty()) {
            session.reply(Replies.NEED_MAIL_BEFORE_DATA);
            return;
        }
        if (!transaction.get().hasRecipients()) {
            session.reply(Replies.NO_VALID_RECIPIENTS);
            return;
        }
        Envelope envelope = transaction.get().envelope();
        DsnRequest dsn = transaction.get().dsn();
        List<Attribute> hookAttributes = transaction.get().attributes();
        session.endTransaction();
        var services = session.services();
        QueueId id = services.spool().reserveId();
        session.reply(Replies.START_DATA);
        DataReader data = session.openData(session.config().maxMessageSize());
        byte[] received = receivedHeader.forSession(session, id, envelope, ZonedDateTime.now(services.clock()));
        try {
            services.spool().accept(id, envelope, ClientArrival.of(session).arrival(dsn, hookAttributes), new SequenceInputStream(
                    new ByteArrayInputStream(received), data));
        } catch (IOException | RuntimeException e) {
            if (data.clientGone()) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
            if (!data.atEnd()) {
                data.drain();
            }
            Reply reply = data.violation().orElse(Replies.STORAGE_FAILED);
            if (data.violation().isEmpty()) {
                LOG.error("{}: storing a message from [{}] failed: {}", session.id(), session.remoteIp(),
                        e.getMessage(), e);
            } else {
                LOG.info("{}: message from [{}] refused: {}", session.id(), session.remoteIp(), reply);
            }
            session.reply(reply);
            return;
        }
        session.reply(Reply.of(250, "2.0.0", "OK: queued as " + id));
        services.metrics().accepted();
    }
}
