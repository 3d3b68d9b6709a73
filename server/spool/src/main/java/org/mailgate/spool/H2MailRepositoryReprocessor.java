package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.LoopPrevention;
import org.mailgate.api.BatchProgress;
import org.mailgate.api.repository.MailRepositoryReprocessor;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reprocessing in H2: a repository row becomes a spool entry in one transaction. The entry takes over
 * the row's reference on the message body, so the body is moved, never copied. The mail keeps its
 * queue id, name, envelope, error message and attributes, and gains {@link #REPROCESSING}; like James,
 * it loses the recipients recorded by loop prevention, so that forwarding may happen again. Each new
 * entry is announced to the spool's work queue once committed.
 */
@Singleton
public final class H2MailRepositoryReprocessor implements MailRepositoryReprocessor {

    private static final Logger LOG = LoggerFactory.getLogger(H2MailRepositoryReprocessor.class);

    private final Transactions transactions;
    private final SpoolStore spool;
    private final Clock clock;

    @Inject
    H2MailRepositoryReprocessor(Transactions transactions, SpoolStore spool, Clock clock) {
        this.transactions = transactions;
        this.spool = spool;
        this.clock = clock;
    }

    /** One mail moved: its new spool entry and where it came from and went to. */
    private record Moved(long entryId, RepositoryRows.Row row, String state) {
    }

    @Override
    public boolean reprocess(MailRepositoryUrl url, String key, Optional<String> processor) throws MessagingException {
        check(processor);
        try {
            Optional<Moved> moved = transactions.run(c -> {
                Optional<RepositoryRows.Row> row = RepositoryRows.lock(c, url, key);
                if (row.isEmpty() || !RepositoryRows.delete(c, row.get())) {
                    return Optional.empty();
                }
                return Optional.of(toSpool(c, url, row.get(), processor));
            }, done -> done.ifPresent(m -> announce(url, m)));
            return moved.isPresent();
        } catch (SQLException e) {
            throw new MessagingException("cannot reprocess " + key + " from " + url + ": " + e.getMessage(), e);
        }
    }

    /** Moves the mails stored when the call began, {@value RepositoryRows#BATCH} per transaction. */
    @Override
    public BatchProgress.Counts reprocessAll(MailRepositoryUrl url, Optional<String> processor,
                                             BatchProgress progress) throws MessagingException {
        check(processor);
        BatchProgress.Counts[] counts = {BatchProgress.Counts.NONE};
        try {
            long total = RepositoryRows.inBatches(transactions, url, (c, rows) -> {
                List<Moved> moved = new ArrayList<>(rows.size());
                for (RepositoryRows.Row row : rows) {
                    if (RepositoryRows.delete(c, row)) {
                        moved.add(toSpool(c, url, row, processor));
                    }
                }
                return moved;
            }, moved -> {
                moved.forEach(m -> announce(url, m));
                counts[0] = counts[0].plus(moved.size(), 0);
                return progress.proceed(counts[0]);
            }).stream().mapToLong(List::size).sum();
            LOG.info("reprocessed {} mails from repository {}", total, url);
            return new BatchProgress.Counts(total, 0);
        } catch (SQLException e) {
            throw new MessagingException("cannot reprocess the mails of " + url + ": " + e.getMessage(), e);
        }
    }

    private static void check(Optional<String> processor) {
        if (processor.isPresent() && processor.get().isBlank()) {
            throw new IllegalArgumentException("the processor to reprocess in must not be blank");
        }
    }

    /** Inserts the spool entry of a deleted row; the entry takes over the row's body reference. */
    private Moved toSpool(Connection c, MailRepositoryUrl url, RepositoryRows.Row row, Optional<String> processor)
            throws SQLException {
        MailRecord stored = row.record();
        MailRecord entry = new MailRecord(stored.queueId(), stored.name(), stored.sender(), stored.recipients(),
                stored.headers(), stored.bodyId(), tagged(stored.attributesJson(), url, stored.name()),
                stored.errorMessage(), stored.remoteAddr(), stored.remoteHost(), clock.millis());
        String state = processor.orElse(row.state());
        return new Moved(spool.insert(c, entry, state, Duration.ZERO), row, state);
    }

    private static String tagged(String attributesJson, MailRepositoryUrl url, String mailName) {
        Stream<Attribute> kept = AttributesJson.read(attributesJson).stream()
                .filter(a -> !a.getName().equals(REPROCESSING)
                        && !a.getName().equals(LoopPrevention.RECORDED_RECIPIENTS_ATTRIBUTE_NAME));
        return AttributesJson.write(Stream.concat(kept, Stream.of(new Attribute(REPROCESSING, AttributeValue.of(url.value())))),
                mailName);
    }

    private void announce(MailRepositoryUrl url, Moved moved) {
        spool.announce(moved.entryId(), Duration.ZERO);
        LOG.info("{}: reprocessed from repository {} ({}) in processor {}", moved.row().record().queueId(), url,
                moved.row().key(), moved.state());
    }
}
