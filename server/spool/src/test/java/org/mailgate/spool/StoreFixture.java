package org.mailgate.spool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.mailgate.api.mail.Envelope;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.spool.Arrival;
import org.mailgate.api.spool.SpoolUnit;

/** A real store in a temporary directory, with the pieces wired as the application wires them. */
final class StoreFixture implements AutoCloseable {

    final Database database;
    final Transactions transactions;
    final StoreQueues queues;
    final SpoolStore spool;
    final H2OutgoingQueues outgoing;
    final H2MailRepositoryStore repositories;
    final H2MailRepositoryReprocessor reprocessor;

    StoreFixture(Path dir, Clock clock) throws Exception {
        database = new Database(SpoolSettings.defaults(dir));
        database.start();
        transactions = new Transactions(database);
        queues = new StoreQueues(database, clock);
        spool = new SpoolStore(database, transactions, queues, clock);
        outgoing = new H2OutgoingQueues(database, transactions, queues, clock);
        repositories = new H2MailRepositoryStore(database, transactions, clock);
        reprocessor = new H2MailRepositoryReprocessor(transactions, spool, clock);
    }

    static String message(String subject, String body) {
        return "From: alice@example.org\r\nTo: bob@example.com\r\nSubject: " + subject + "\r\n\r\n" + body;
    }

    QueueId accept(String from, List<String> to, String message) throws IOException {
        QueueId id = spool.reserveId();
        spool.accept(id, envelope(from, to), new Arrival("192.0.2.7", "client.example.org",
                        List.of(new Attribute(AttributeName.of("org.apache.james.smtp.helo"), AttributeValue.of("client")))),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
        return id;
    }

    static Envelope envelope(String from, List<String> to) {
        try {
            MaybeSender sender = from.isEmpty() ? MaybeSender.nullSender() : MaybeSender.of(new MailAddress(from));
            List<MailAddress> recipients = to.stream().map(StoreFixture::address).toList();
            return new Envelope(sender, recipients);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static MailAddress address(String text) {
        try {
            return new MailAddress(text);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    long count(String sql) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Moves the next due spooled mail into outgoing queue {@code queueName}, as RemoteDelivery does. */
    void moveNextToOutgoing(String queueName) throws Exception {
        var queue = outgoing.declare(DeliverySettingsFixture.settings(queueName));
        long spooled = queues.spool().claim(1).get(0);
        try (SpoolUnit unit = spool.open(spooled).orElseThrow()) {
            queue.enqueue(unit.mail());
            unit.complete();
        }
        queues.spool().release(spooled);
    }

    @Override
    public void close() {
        database.stop();
    }
}
