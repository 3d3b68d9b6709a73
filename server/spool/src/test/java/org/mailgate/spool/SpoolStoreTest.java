package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.spool.Arrival;
import org.mailgate.api.spool.SpoolUnit;

class SpoolStoreTest extends StoreTest {

    @Test
    void acceptedMessageIsSpooledWithEnvelopeAttributesAndExactBytes() throws Exception {
        String message = StoreFixture.message("hello", "line one\r\n.line with dot\r\n");
        QueueId id = store.accept("alice@example.org", List.of("bob@example.com", "carol@example.com"), message);

        List<Long> due = store.queues.spool().claim(10);
        assertThat(due).hasSize(1);
        try (SpoolUnit unit = store.spool.open(due.get(0)).orElseThrow()) {
            Mail mail = unit.mail();
            assertThat(mail.getName()).isEqualTo(id.toString());
            assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
            assertThat(mail.getMaybeSender().asString()).isEqualTo("alice@example.org");
            assertThat(mail.getRecipients()).extracting(Object::toString)
                    .containsExactly("bob@example.com", "carol@example.com");
            assertThat(mail.getRemoteAddr()).isEqualTo("192.0.2.7");
            assertThat(mail.getRemoteHost()).isEqualTo("client.example.org");
            assertThat(mail.getAttribute(AttributeName.of("org.apache.james.smtp.helo")))
                    .hasValueSatisfying(a -> assertThat(a.getValue().value()).isEqualTo("client"));
            assertThat(written(mail)).isEqualTo(message);
            assertThat(mail.getMessage().getSubject()).isEqualTo("hello");
            assertThat(mail.getMessageSize()).isEqualTo(message.length());
        }
    }

    @Test
    void nullSenderIsKeptAsNullSender() throws Exception {
        store.accept("", List.of("bob@example.com"), StoreFixture.message("bounce", "x\r\n"));
        try (SpoolUnit unit = store.spool.open(store.queues.spool().claim(1).get(0)).orElseThrow()) {
            assertThat(unit.mail().getMaybeSender().isNullSender()).isTrue();
        }
    }

    @Test
    void messageWithoutBodyIsWrittenBackUnchanged() throws Exception {
        String headersOnly = "Subject: no body\r\nFrom: a@b.example\r\n";
        store.accept("a@b.example", List.of("c@d.example"), headersOnly);
        try (SpoolUnit unit = store.spool.open(store.queues.spool().claim(1).get(0)).orElseThrow()) {
            assertThat(written(unit.mail())).isEqualTo(headersOnly);
        }
    }

    @Test
    void completingAUnitRemovesTheEntryAndItsBody() throws Exception {
        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
        try (SpoolUnit unit = store.spool.open(store.queues.spool().claim(1).get(0)).orElseThrow()) {
            unit.complete();
        }
        assertThat(store.count("SELECT COUNT(*) FROM spool")).isZero();
        assertThat(store.count("SELECT COUNT(*) FROM message_body")).isZero();
    }

    @Test
    void handOffsJoinTheUnitAndShareTheBody() throws Exception {
        QueueId id = store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
        var queue = store.outgoing.declare(DeliverySettingsFixture.settings("outgoing"));
        long entry = store.queues.spool().claim(1).get(0);
        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            unit.mail().getMessage().removeHeader("Subject");
            queue.enqueue(unit.mail());
            assertThat(store.count("SELECT COUNT(*) FROM outgoing")).as("invisible before commit").isZero();
            unit.complete();
        }
        store.queues.spool().release(entry);
        assertThat(store.count("SELECT COUNT(*) FROM spool")).isZero();
        assertThat(store.count("SELECT COUNT(*) FROM outgoing")).isOne();
        assertThat(store.count("SELECT COUNT(*) FROM message_body")).as("body shared, not copied").isOne();
        assertThat(store.count("SELECT refs FROM message_body")).isOne();

        long outgoingEntry = store.queues.outgoing().claim(1).get(0);
        var outgoingMail = store.outgoing.load(outgoingEntry).orElseThrow();
        assertThat(outgoingMail.queueId()).isEqualTo(id);
        assertThat(new String(outgoingMail.message().headerSection(), StandardCharsets.UTF_8)).doesNotContain("Subject");
    }

    /** Moves one accepted mail to the outgoing queue and loads it as delivery would. */
    org.mailgate.api.delivery.OutgoingMail outgoing(String... recipients) throws Exception {
        store.accept("a@b.example", List.of(recipients), StoreFixture.message("s", "b\r\n"));
        var queue = store.outgoing.declare(DeliverySettingsFixture.settings("outgoing"));
        long entry = store.queues.spool().claim(1).get(0);
        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            queue.enqueue(unit.mail());
            unit.complete();
        }
        store.queues.spool().release(entry);
        return store.outgoing.load(store.queues.outgoing().claim(1).get(0)).orElseThrow();
    }

    @Test
    void anAttemptIsRecordedAtomicallyWithItsReportsAndHandOffs() throws Exception {
        var mail = outgoing("c@d.example", "e@f.example", "g@h.example");
        assertThat(mail.delayWarned()).isFalse();
        Mail delayReport = org.mailgate.api.mail.MailgateMail.builder("warning")
                .recipients(List.of(StoreFixture.address("a@b.example")))
                .parts(new org.mailgate.api.mail.MessageParts("Subject: delayed\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        new org.mailgate.api.mail.ByteArrayBodySource("later\r\n".getBytes(StandardCharsets.US_ASCII))))
                .build();
        var failure = new org.mailgate.api.delivery.AttemptOutcome.Failure(List.of(StoreFixture.address("e@f.example")),
                "550 no", java.util.Optional.of("bounces"), List.of(new org.apache.mailet.Attribute(
                        org.mailgate.api.delivery.DeliveryErrorAttributes.DELIVERY_ERROR_CODE,
                        org.apache.mailet.AttributeValue.of(550))), java.util.Optional.empty());
        store.outgoing.record(mail, new org.mailgate.api.delivery.AttemptOutcome(List.of(StoreFixture.address("c@d.example")),
                java.util.Optional.of(clock.instant().plus(Duration.ofMinutes(5))), "451 later", failure,
                new org.mailgate.api.delivery.AttemptOutcome.Success(List.of(StoreFixture.address("g@h.example")),
                        java.util.Optional.of("sent")), java.util.Optional.of(delayReport)));

        assertThat(store.count("SELECT COUNT(*) FROM outgoing WHERE delay_warned")).isOne();
        List<Long> spooled = store.queues.spool().claim(10);
        assertThat(spooled).hasSize(3);
        List<String> states = new java.util.ArrayList<>();
        for (long id : spooled) {
            try (SpoolUnit unit = store.spool.open(id).orElseThrow()) {
                Mail m = unit.mail();
                states.add(m.getState() + " " + m.getRecipients());
                if (m.getState().equals("bounces")) {
                    assertThat(m.getErrorMessage()).isEqualTo("550 no");
                    assertThat(m.getAttribute(org.mailgate.api.delivery.DeliveryErrorAttributes.DELIVERY_ERROR_CODE))
                            .map(a -> (Object) a.getValue().value()).contains(550);
                }
            }
        }
        assertThat(states).containsExactlyInAnyOrder("bounces [e@f.example]", "sent [g@h.example]", "root [a@b.example]");
        store.queues.outgoing().release(mail.entryId());
        clock.advance(Duration.ofMinutes(5));
        assertThat(store.outgoing.load(store.queues.outgoing().claim(1).get(0)).orElseThrow().delayWarned()).isTrue();
    }

    @Test
    void aUnitClosedWithoutCompletingKeepsTheEntryAndDropsItsHandOffs() throws Exception {
        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
        var queue = store.outgoing.declare(DeliverySettingsFixture.settings("outgoing"));
        long entry = store.queues.spool().claim(1).get(0);
        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            queue.enqueue(unit.mail());
        }
        assertThat(store.count("SELECT COUNT(*) FROM spool")).isOne();
        assertThat(store.count("SELECT COUNT(*) FROM outgoing")).isZero();
        assertThat(store.count("SELECT refs FROM message_body")).isOne();
    }

    @Test
    void retryLaterDefersTheEntry() throws Exception {
        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
        long entry = store.queues.spool().claim(1).get(0);
        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            unit.retryLater(Duration.ofMinutes(1), "mailet failed");
        }
        store.queues.spool().release(entry);
        assertThat(store.queues.spool().claim(1)).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.queues.spool().claim(1)).containsExactly(entry);
        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            assertThat(unit.failedAttempts()).isOne();
        }
    }

    @Test
    void aDueEntrySeenByAScanWhileClaimedIsOfferedAgainOnceReleased() throws Exception {
        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
        long entry = store.queues.spool().claim(1).get(0);
        // another worker scans while the entry is claimed: it is due but cannot be taken
        store.queues.spool().announceLater();
        assertThat(store.queues.spool().claim(1)).isEmpty();
        // the unit ends without finishing the entry (e.g. the worker was stopped): it is still due
        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            assertThat(unit.mail()).isNotNull();
        }
        store.queues.spool().release(entry);

        assertThat(store.queues.spool().claim(1)).containsExactly(entry);
    }

    @Test
    void aFailingContentStreamStoresNothingAndReportsItsOwnError() throws Exception {
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ < 5000) {
                    return n < 20 ? 'X' : (n == 20 ? '\n' : 'b');
                }
                throw new IOException("client went away");
            }
        };
        QueueId id = store.spool.reserveId();
        assertThatThrownBy(() -> store.spool.accept(id, StoreFixture.envelope("a@b.example", List.of("c@d.example")),
                new Arrival("127.0.0.1", "localhost", List.of()), failing))
                .isInstanceOf(IOException.class).hasMessageContaining("client went away");
        assertThat(store.count("SELECT COUNT(*) FROM spool")).isZero();
        assertThat(store.count("SELECT COUNT(*) FROM message_body")).isZero();
    }

    @Test
    void concurrentAcceptsShareFsyncs() throws Exception {
        long syncsBefore = store.database.syncCount();
        int clients = 16;
        int perClient = 20;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(executor.submit(() -> {
                    for (int j = 0; j < perClient; j++) {
                        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        long syncs = store.database.syncCount() - syncsBefore;
        assertThat(store.count("SELECT COUNT(*) FROM spool")).isEqualTo(clients * perClient);
        assertThat(syncs).as("every accept waited for a sync, but syncs were shared")
                .isPositive().isLessThan(clients * perClient);
    }

    @Test
    void queueIdsAreUniqueAndIncreasing() {
        QueueId a = store.spool.reserveId();
        QueueId b = store.spool.reserveId();
        assertThat(b).isGreaterThan(a);
        assertThat(QueueId.parse(a.toString())).isEqualTo(a);
    }

    static String written(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
