package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.DsnParameters.Notify;
import org.apache.mailet.DsnParameters.Ret;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.dsn.DsnRequest;
import org.mailgate.api.dsn.OriginalRecipient;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.spool.Arrival;
import org.mailgate.api.spool.SpoolUnit;

/**
 * DSN parameters (RFC 3461) survive every stage that stores mail: the spool, copies made in the
 * container, the outgoing queue, and a restart.
 */
class DsnStorageTest extends StoreTest {

    static final MailAddress BOB = StoreFixture.address("bob@d.example");
    static final MailAddress CAROL = StoreFixture.address("carol@d.example");

    static DsnRequest request() {
        Map<MailAddress, DsnRequest.RecipientRequest> recipients = new LinkedHashMap<>();
        recipients.put(BOB, new DsnRequest.RecipientRequest(Optional.of(EnumSet.of(Notify.SUCCESS, Notify.DELAY)),
                Optional.of(OriginalRecipient.parse("rfc822;Bob+2Bx@D.example"))));
        recipients.put(CAROL, new DsnRequest.RecipientRequest(Optional.of(EnumSet.of(Notify.NEVER)),
                Optional.of(OriginalRecipient.parse("x-local;carol"))));
        return new DsnRequest(Optional.of("ENV+2B1"), Optional.of(Ret.HDRS), recipients);
    }

    /** Accepts a mail for Bob and Carol as SMTP does, with the session's attributes and the DSN ones. */
    QueueId accept() throws Exception {
        List<Attribute> attributes = new ArrayList<>();
        attributes.add(new Attribute(AttributeName.of("org.apache.james.HELO"), AttributeValue.of("client")));
        attributes.addAll(request().toAttributes());
        QueueId id = store.spool.reserveId();
        store.spool.accept(id, StoreFixture.envelope("alice@a.example", List.of("bob@d.example", "carol@d.example")),
                new Arrival("192.0.2.7", "client.example", attributes), new ByteArrayInputStream(
                        StoreFixture.message("dsn", "body\r\n").getBytes(StandardCharsets.US_ASCII)));
        return id;
    }

    /** Moves the next spooled mail to the outgoing queue, as RemoteDelivery does, and claims the entry. */
    long toOutgoing() throws Exception {
        var queue = store.outgoing.declare(DeliverySettingsFixture.settings("outgoing"));
        long entry = store.queues.spool().claim(1).get(0);
        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            queue.enqueue(unit.mail());
            unit.complete();
        }
        store.queues.spool().release(entry);
        return store.queues.outgoing().claim(1).get(0);
    }

    @Test
    void theSpooledMailCarriesTheRequestForMailgateAndForJamesMailets() throws Exception {
        accept();
        try (SpoolUnit unit = store.spool.open(store.queues.spool().claim(1).get(0)).orElseThrow()) {
            Mail mail = unit.mail();
            assertThat(DsnRequest.of(mail)).isEqualTo(request());
            DsnParameters james = mail.dsnParameters().orElseThrow();
            assertThat(james.getRetParameter()).contains(Ret.HDRS);
            assertThat(james.getRcptParameters().get(BOB).getOrcptParameter())
                    .contains(StoreFixture.address("Bob+x@D.example"));
            assertThat(DsnRequest.of(mail.duplicate())).as("a container copy").isEqualTo(request());
        }
    }

    @Test
    void theOutgoingEntryCarriesTheRequestAsCommittedAndAfterARestart() throws Exception {
        accept();
        long entry = toOutgoing();
        assertThat(store.outgoing.load(entry).orElseThrow().dsn()).as("as just committed").isEqualTo(request());

        reopenStore();
        long reloaded = store.queues.outgoing().claim(1).get(0);
        OutgoingMail mail = store.outgoing.load(reloaded).orElseThrow();
        assertThat(mail.dsn()).as("read back from the database").isEqualTo(request());
        assertThat(mail.dsn().decodedEnvelopeId()).contains("ENV+1");
    }

    @Test
    void mailWithoutDsnParametersLoadsWithNone() throws Exception {
        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
        assertThat(store.outgoing.load(toOutgoing()).orElseThrow().dsn()).isSameAs(DsnRequest.NONE);
    }

    @Test
    void recipientsHandedToAProcessorKeepTheirRequestAndTheRelayedReportIsSpooled() throws Exception {
        accept();
        OutgoingMail mail = store.outgoing.load(toOutgoing()).orElseThrow();
        Mail relayed = MailgateMail.builder("relayed").recipients(List.of(StoreFixture.address("alice@a.example")))
                .parts(new MessageParts("Subject: relayed\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        new ByteArrayBodySource("ok\r\n".getBytes(StandardCharsets.US_ASCII))))
                .build();
        store.outgoing.record(mail, new AttemptOutcome(List.of(), Optional.empty(), "",
                AttemptOutcome.Failure.NONE,
                new AttemptOutcome.Success(List.of(BOB, CAROL), Optional.of("sent"), Optional.of(relayed)),
                Optional.empty()));

        List<String> spooled = new ArrayList<>();
        for (long id : store.queues.spool().claim(10)) {
            try (SpoolUnit unit = store.spool.open(id).orElseThrow()) {
                Mail m = unit.mail();
                spooled.add(m.getState() + " " + m.getRecipients());
                if (m.getState().equals("sent")) {
                    assertThat(DsnRequest.of(m)).isEqualTo(request());
                } else {
                    assertThat(m.getMessage().getSubject()).isEqualTo("relayed");
                }
            }
        }
        assertThat(spooled).containsExactlyInAnyOrder("sent [bob@d.example, carol@d.example]", "root [alice@a.example]");
    }
}
