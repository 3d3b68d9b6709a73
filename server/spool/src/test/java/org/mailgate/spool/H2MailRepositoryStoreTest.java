package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.api.repository.MailRepositoryReprocessor;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.spool.SpoolUnit;

/** The repository contract on a real H2 store, and how repository changes join a spool unit. */
class H2MailRepositoryStoreTest extends StoreTest implements MailRepositoryContract {

    @Override
    public MailRepositoryStore repositories() {
        return store.repositories;
    }

    @Override
    public MailRepositoryReprocessor reprocessor() {
        return store.reprocessor;
    }

    @Override
    public List<Mail> announcedToSpool() {
        List<Mail> mails = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        List<Long> claimed;
        // an entry released unfinished is offered again: read each one once
        while (!(claimed = store.queues.spool().claim(100)).isEmpty() && seen.addAll(claimed)) {
            for (long entry : claimed) {
                try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
                    mails.add(unit.mail());
                }
                store.queues.spool().release(entry);
            }
        }
        return mails;
    }

    @Override
    public void reopen() throws Exception {
        reopenStore();
    }

    @Override
    public BodyCensus bodies() {
        Set<Long> ids = store.database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM message_body ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                Set<Long> all = new LinkedHashSet<>();
                while (rs.next()) {
                    all.add(rs.getLong(1));
                }
                return all;
            }
        });
        String holders = "(SELECT body_id FROM spool UNION ALL SELECT body_id FROM outgoing "
                + "UNION ALL SELECT body_id FROM repository_mail)";
        long mismatched = store.count("SELECT COUNT(*) FROM message_body b WHERE b.refs <> "
                + "(SELECT COUNT(*) FROM " + holders + " h WHERE h.body_id = b.id)");
        long dangling = store.count("SELECT COUNT(*) FROM " + holders + " h "
                + "WHERE NOT EXISTS (SELECT 1 FROM message_body b WHERE b.id = h.body_id)");
        return new BodyCensus(Set.copyOf(ids), mismatched, dangling);
    }

    @Override
    public long syncs() {
        return store.database.syncCount();
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void advanceClock(Duration duration) {
        clock.advance(duration);
    }

    // ---------------------------------------------------------------------------------------------
    // inside a spool unit

    @Test
    void storingTheMailOfAUnitTakesOverItsBody() throws Exception {
        String message = StoreFixture.message("failed", "body\r\n");
        store.accept("a@b.example", List.of("c@d.example"), message);
        long entry = store.queues.spool().claim(1).get(0);
        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            unit.mail().setState("error");
            store.repositories.select(ERRORS).store(unit.mail());
            assertThat(store.repositories.select(ERRORS).size()).as("invisible before commit").isZero();
            unit.complete();
        }

        assertThat(store.spool.size()).isZero();
        assertThat(bodies().ids()).hasSize(1);
        assertThat(bodies().consistent()).isTrue();
        Mail read = store.repositories.select(ERRORS).retrieve(store.repositories.select(ERRORS).keys(0, 1).get(0))
                .orElseThrow();
        assertThat(read.getState()).isEqualTo("error");
        assertThat(MailRepositoryContract.bytes(read)).isEqualTo(message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aUnitClosedWithoutCompletingStoresNothing() throws Exception {
        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
        long entry = store.queues.spool().claim(1).get(0);
        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            store.repositories.select(ERRORS).store(unit.mail());
        }

        assertThat(store.repositories.select(ERRORS).size()).isZero();
        assertThat(store.spool.size()).isOne();
        assertThat(bodies().consistent()).isTrue();
    }

    @Test
    void reprocessingInsideAUnitIsPartOfItsTransaction() throws Exception {
        store.repositories.select(ERRORS).store(MailRepositoryContract.mail("stored", "error", "a@b.example",
                List.of("c@d.example"), MailRepositoryContract.message("s", "b\r\n")));
        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
        long entry = store.queues.spool().claim(1).get(0);

        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            assertThat(store.reprocessor.reprocess(ERRORS, "stored", Optional.empty())).isTrue();
        }
        assertThat(store.repositories.select(ERRORS).size()).as("rolled back with the unit").isOne();
        assertThat(announcedToSpool()).isEmpty();

        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            assertThat(store.reprocessor.reprocessAll(ERRORS, Optional.of("transport"))).isOne();
            assertThat(announcedToSpool()).as("announced only once committed").isEmpty();
            unit.complete();
        }
        store.queues.spool().release(entry);

        assertThat(store.repositories.select(ERRORS).size()).isZero();
        assertThat(announcedToSpool()).extracting(Mail::getName, Mail::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stored", "transport"));
        assertThat(bodies().consistent()).isTrue();
    }

    @Test
    void removingAllInsideAUnitIsPartOfItsTransaction() throws Exception {
        store.repositories.select(ERRORS).store(MailRepositoryContract.mail("stored", "error", "a@b.example",
                List.of("c@d.example"), MailRepositoryContract.message("s", "b\r\n")));
        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
        long entry = store.queues.spool().claim(1).get(0);

        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            assertThat(store.repositories.select(ERRORS).removeAll()).isOne();
        }
        assertThat(store.repositories.select(ERRORS).size()).as("rolled back with the unit").isOne();

        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            assertThat(store.repositories.select(ERRORS).remove("stored")).isTrue();
            unit.complete();
        }
        assertThat(store.repositories.select(ERRORS).size()).isZero();
        assertThat(bodies().ids()).isEmpty();
        assertThat(bodies().consistent()).isTrue();
    }
}
