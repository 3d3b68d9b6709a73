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
import org.mailgate.api.spool.SpoolUnit;

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

        assertThat(control.queueNames()).containsExactly("other", "outgoing", "spool");
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
    void aRowInsertedButNotYetAnnouncedIsNotTakenByAnOperatorsAction() throws Exception {
        TableWorkQueue work = store.queues.outgoing();
        work.reserve(42);

        assertThat(work.withdraw(42)).as("between commit and announcement: left to its first attempt").isFalse();
        work.announceReserved(42);
        assertThat(work.claim(1)).containsExactly(42L);
        work.release(42);
        assertThat(work.withdraw(42)).as("announced and released: an operator may act").isTrue();
        work.release(42);
    }

    @Test
    void aReservationEndsWithTheTransactionThatRolledBack() throws Exception {
        var queue = store.outgoing.declare(DeliverySettingsFixture.settings("outgoing"));
        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
        long spooled = store.queues.spool().claim(1).get(0);
        try (SpoolUnit unit = store.spool.open(spooled).orElseThrow()) {
            queue.enqueue(unit.mail());
            assertThat(store.queues.outgoing().claim(1)).as("reserved, not announced").isEmpty();
            // closed without complete(): rolled back
        }
        store.queues.spool().release(spooled);
        queue("outgoing", "a@b.example", "c@d.example");

        long next = store.queues.outgoing().claim(1).get(0);
        assertThat(store.queues.outgoing().withdraw(next - 1)).as("the rolled-back row's id is free again").isTrue();
        store.queues.outgoing().release(next - 1);
        store.queues.outgoing().release(next);
    }

    @Test
    void anEntryBeingDeliveredIsLeftToItsAttempt() throws Exception {
        queue("outgoing", "a@b.example", "c@d.example");
        assertThat(control.list("outgoing", 1).get(0).underWay()).as("waiting in memory for a consumer").isFalse();
        long claimed = store.queues.outgoing().claim(1).get(0);
        assertThat(control.list("outgoing", 1).get(0).underWay()).isTrue();

        assertThat(control.remove("outgoing", QueuedMailFilter.ALL)).isZero();
        store.queues.outgoing().release(claimed);
        assertThat(control.list("outgoing", 1).get(0).underWay()).isFalse();
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

    long entryOf(String recipient) {
        return control.list("outgoing", QueuedMailFilter.recipient(recipient), 1).get(0).entryId();
    }

    @Test
    void filtersAreAndedAndMatchInSql() throws Exception {
        queue("outgoing", "a@b.example", "c@d.example");
        queue("outgoing", "e@b.example", "f@G.example");
        OutgoingMail deferred = deferOne();
        clock.advance(Duration.ofHours(3));
        queue("outgoing", "e@b.example", "h@g.example");

        assertThat(control.count("outgoing", QueuedMailFilter.ALL.withDomain("g.example"))).isEqualTo(2);
        assertThat(control.count("outgoing", QueuedMailFilter.ALL.withDomain("example"))).as("whole domain").isZero();
        assertThat(control.count("outgoing", QueuedMailFilter.ALL.withOlderThan(Duration.ofHours(2)))).isEqualTo(2);
        assertThat(control.list("outgoing", QueuedMailFilter.ALL.withLastError("TRY LATER"), 10))
                .extracting(QueuedMail::entryId).containsExactly(deferred.entryId());
        assertThat(control.count("outgoing", QueuedMailFilter.ALL.withDelayed(true))).as("deferred 1h, 3h ago").isZero();
        assertThat(control.list("outgoing", QueuedMailFilter.sender("E@b.example").withDomain("g.example")
                .withOlderThan(Duration.ofHours(2)), 10)).extracting(m -> m.recipients().get(0).asString())
                .containsExactly("f@g.example");
        assertThat(control.count("outgoing", QueuedMailFilter.sender("E@b.example").withDomain("g.example")))
                .isEqualTo(2);
        assertThat(control.count("outgoing", QueuedMailFilter.ALL.withHeld(true))).isZero();
        QueuedMail shown = control.entry("outgoing", deferred.entryId()).orElseThrow();
        assertThat(shown.failedAttempts()).isOne();
        assertThat(shown.size()).isPositive();
        assertThat(control.entry("other", deferred.entryId())).as("in another queue").isEmpty();
    }

    @Test
    void aHeldEntryIsNeverDueNotEvenAfterARestartUntilReleased() throws Exception {
        queue("outgoing", "a@b.example", "c@d.example");
        long entry = entryOf("c@d.example");

        assertThat(control.apply("outgoing", entry, org.mailgate.api.delivery.QueueAction.HOLD))
                .isEqualTo(org.mailgate.api.delivery.ActionResult.APPLIED);

        assertThat(store.queues.outgoing().claim(10)).as("announced at enqueue, taken back when held").isEmpty();
        assertThat(store.outgoing.load(entry)).isEmpty();
        assertThat(control.entry("outgoing", entry).orElseThrow().nextDelivery()).isEmpty();
        assertThat(control.apply("outgoing", entry, org.mailgate.api.delivery.QueueAction.FLUSH))
                .isEqualTo(org.mailgate.api.delivery.ActionResult.UNCHANGED);
        reopenStore();
        control = new H2OutgoingQueueControl(store.database, store.outgoing, store.queues, clock);
        clock.advance(Duration.ofDays(400));
        assertThat(store.queues.outgoing().claim(10)).as("held across a restart").isEmpty();
        assertThat(control.list("outgoing", QueuedMailFilter.ALL.withHeld(true), 10)).hasSize(1);

        assertThat(control.apply("outgoing", entry, org.mailgate.api.delivery.QueueAction.RELEASE))
                .isEqualTo(org.mailgate.api.delivery.ActionResult.APPLIED);

        assertThat(store.queues.outgoing().claim(10)).containsExactly(entry);
        assertThat(store.outgoing.load(entry)).isPresent();
        assertThat(control.apply("outgoing", entry, org.mailgate.api.delivery.QueueAction.RELEASE))
                .isEqualTo(org.mailgate.api.delivery.ActionResult.UNCHANGED);
    }

    @Test
    void aBounceMarksTheEntryForDeliveryToReturnAndMakesItDue() throws Exception {
        queue("outgoing", "a@b.example", "c@d.example");
        deferOne();
        long entry = entryOf("c@d.example");

        assertThat(control.apply("outgoing", entry, org.mailgate.api.delivery.QueueAction.BOUNCE))
                .isEqualTo(org.mailgate.api.delivery.ActionResult.APPLIED);

        assertThat(store.queues.outgoing().claim(1)).containsExactly(entry);
        assertThat(store.outgoing.load(entry).orElseThrow().returnRequested()).isTrue();
        assertThat(control.apply("outgoing", entry, org.mailgate.api.delivery.QueueAction.DELETE))
                .as("claimed by delivery").isEqualTo(org.mailgate.api.delivery.ActionResult.UNDER_DELIVERY);
    }

    @Test
    void aMoveTakesTheEntryIntoARepositoryInOneTransaction() throws Exception {
        queue("outgoing", "a@b.example", "c@d.example");
        deferOne();
        long entry = entryOf("c@d.example");
        String name = control.entry("outgoing", entry).orElseThrow().name();
        var quarantine = org.mailgate.api.repository.MailRepositoryUrl.of("file://var/mail/quarantine/");

        assertThat(control.apply("outgoing", entry, org.mailgate.api.delivery.QueueAction.moveTo(quarantine)))
                .isEqualTo(org.mailgate.api.delivery.ActionResult.APPLIED);

        assertThat(control.size("outgoing")).isZero();
        var moved = store.repositories.select(quarantine).retrieve(name).orElseThrow();
        assertThat(moved.getRecipients()).extracting(MailAddress::asString).containsExactly("c@d.example");
        assertThat(moved.getErrorMessage()).contains("try later");
        assertThat(store.count("SELECT refs FROM message_body")).as("the body moved, not copied").isOne();
        assertThat(control.apply("outgoing", entry, org.mailgate.api.delivery.QueueAction.DELETE))
                .isEqualTo(org.mailgate.api.delivery.ActionResult.NO_SUCH_ENTRY);
    }

    @Test
    void aMoveNeverReplacesAMailOfTheSameNameInTheRepository() throws Exception {
        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
        long spooled = store.queues.spool().claim(1).get(0);
        try (SpoolUnit unit = store.spool.open(spooled).orElseThrow()) {
            // two entries of one mail, as when an earlier attempt split off some of its recipients
            store.outgoing.declare(DeliverySettingsFixture.settings("outgoing")).enqueue(unit.mail());
            store.outgoing.declare(DeliverySettingsFixture.settings("other")).enqueue(unit.mail());
            unit.complete();
        }
        store.queues.spool().release(spooled);
        var quarantine = org.mailgate.api.repository.MailRepositoryUrl.of("file://var/mail/quarantine/");

        control.apply("outgoing", QueuedMailFilter.ALL, org.mailgate.api.delivery.QueueAction.moveTo(quarantine),
                counts -> true);
        control.apply("other", QueuedMailFilter.ALL, org.mailgate.api.delivery.QueueAction.moveTo(quarantine),
                counts -> true);

        assertThat(store.repositories.select(quarantine).size()).as("both entries kept").isEqualTo(2);
        assertThat(store.count("SELECT refs FROM message_body")).isEqualTo(2);
    }

    @Test
    void anEntryWaitingInMemoryForDeliveryIsWithdrawnAndDeleted() throws Exception {
        queue("outgoing", "a@b.example", "c@d.example");
        long entry = entryOf("c@d.example");

        assertThat(control.apply("outgoing", entry, org.mailgate.api.delivery.QueueAction.DELETE))
                .isEqualTo(org.mailgate.api.delivery.ActionResult.APPLIED);

        assertThat(store.queues.outgoing().claim(1)).isEmpty();
        assertThat(store.queues.outgoing().claimedCount()).isZero();
    }

    @Test
    void anActionByFilterWorksInBatchesAndStopsWhenTold() throws Exception {
        control = new H2OutgoingQueueControl(store.database, store.outgoing, store.queues, clock, 2);
        for (int i = 0; i < 5; i++) {
            queue("outgoing", "a@b.example", "c" + i + "@d.example");
        }
        queue("outgoing", "a@b.example", "c@other.example");
        List<org.mailgate.api.BatchProgress.Counts> reports = new java.util.ArrayList<>();

        var done = control.apply("outgoing", QueuedMailFilter.ALL.withDomain("d.example"),
                org.mailgate.api.delivery.QueueAction.HOLD, counts -> reports.add(counts));

        assertThat(done.processed()).isEqualTo(5);
        assertThat(reports).extracting(org.mailgate.api.BatchProgress.Counts::processed).containsExactly(2L, 4L, 5L);
        var stopped = control.apply("outgoing", QueuedMailFilter.ALL, org.mailgate.api.delivery.QueueAction.DELETE,
                counts -> false);
        assertThat(stopped.processed()).isEqualTo(2);
        assertThat(control.size("outgoing")).isEqualTo(4);
        assertThat(control.remove("outgoing", QueuedMailFilter.ALL.withHeld(true))).isEqualTo(3);
        assertThat(control.list("outgoing", 10)).extracting(m -> m.recipients().get(0).asString())
                .containsExactly("c@other.example");
    }

    @Test
    void theSpoolIsShownButNotChanged() throws Exception {
        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));

        assertThat(control.queueNames()).contains("spool");
        assertThat(control.size("spool")).isOne();
        QueuedMail spooled = control.list("spool", 10).get(0);
        assertThat(spooled.processor()).contains("root");
        assertThat(control.message("spool", spooled.entryId()).orElseThrow().size()).isPositive();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> control.apply("spool", spooled.entryId(),
                org.mailgate.api.delivery.QueueAction.DELETE)).isInstanceOf(IllegalArgumentException.class);
    }
}
