package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.delivery.QueuedMail;
import org.mailgate.api.delivery.QueuedMailFilter;

/** What an operator sees and does in the outgoing queues: list, count, remove by filter, flush. */
class H2OutgoingQueueControlTest extends StoreTest {

    H2OutgoingQueueControl control;

    @BeforeEach
    void setUp() throws Exception {
        control = new H2OutgoingQueueControl(store.database, store.outgoing, store.queues, clock);
    }

    void queue(String queueName, String from, String to) throws Exception {
        store.accept(from, List.of(to), StoreFixture.message("s", "b\r\n"));
        store.moveNextToOutgoing(queueName);
    }

    /** Claims the next due entry and defers it by an hour, as a 451 would. */
    OutgoingMail deferOne() {
        long entry = store.queues.outgoing().claim(1).get(0);
        OutgoingMail mail = store.outgoing.load(entry).orElseThrow();
        store.outgoing.record(mail, new AttemptOutcome(mail.recipients(), Optional.of(clock.instant().plus(Duration.ofHours(1))),
                "451 4.3.0 try later", AttemptOutcome.Failure.NONE, AttemptOutcome.Success.NONE, Optional.empty(), true));
        store.queues.outgoing().release(entry);
        return mail;
    }

    @Test
    void listsQueuesAndTheirEntriesSoonestDueFirst() throws Exception {
        queue("outgoing", "a@b.example", "c@d.example");
        queue("outgoing", "e@b.example", "f@g.example");
        queue("other", "a@b.example", "h@d.example");

        assertThat(control.queueNames()).containsExactly("other", "outgoing");
        assertThat(control.size("outgoing")).isEqualTo(2);
        assertThat(control.size("missing")).isZero();
        List<QueuedMail> listed = control.list("outgoing", 10);
        assertThat(listed).extracting(m -> m.sender().asString()).containsExactly("a@b.example", "e@b.example");
        assertThat(listed.get(1).recipients()).containsExactly(new MailAddress("f@g.example"));
        assertThat(control.list("outgoing", 1)).hasSize(1);
    }

    @Test
    void removesOnlyWhatTheFilterMatchesAndReleasesTheBody() throws Exception {
        queue("outgoing", "a@b.example", "c@d.example");
        queue("outgoing", "e@b.example", "f@g.example");
        queue("outgoing", "e@b.example", "h@g.example");
        store.queues.outgoing().claim(3).forEach(store.queues.outgoing()::release);

        assertThat(control.remove("outgoing", QueuedMailFilter.recipient("f@g.example"))).isOne();
        assertThat(control.remove("outgoing", QueuedMailFilter.sender("nobody@b.example"))).isZero();
        assertThat(control.list("outgoing", 10)).extracting(m -> m.recipients().get(0).asString())
                .containsExactly("c@d.example", "h@g.example");
        assertThat(control.remove("outgoing", QueuedMailFilter.ALL)).isEqualTo(2);
        assertThat(control.size("outgoing")).isZero();
        assertThat(store.count("SELECT COUNT(*) FROM message_body")).as("bodies released").isZero();
    }

    @Test
    void anEntryBeingDeliveredIsLeftToItsAttempt() throws Exception {
        queue("outgoing", "a@b.example", "c@d.example");
        long claimed = store.queues.outgoing().claim(1).get(0);

        assertThat(control.remove("outgoing", QueuedMailFilter.ALL)).isZero();
        store.queues.outgoing().release(claimed);
        assertThat(control.remove("outgoing", QueuedMailFilter.ALL)).isOne();
    }

    @Test
    void flushMakesDeferredEntriesDueNow() throws Exception {
        queue("outgoing", "a@b.example", "c@d.example");
        OutgoingMail deferred = deferOne();
        assertThat(store.queues.outgoing().claim(1)).as("deferred for an hour").isEmpty();
        assertThat(control.list("outgoing", 1).get(0).lastError()).isEqualTo("451 4.3.0 try later");

        assertThat(control.flush("outgoing")).isOne();

        assertThat(store.queues.outgoing().claim(1)).containsExactly(deferred.entryId());
        assertThat(control.flush("outgoing")).as("nothing deferred any more").isZero();
    }
}
