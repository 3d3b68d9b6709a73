package org.mailgate.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collection;
import java.util.List;
import org.mailgate.api.delivery.OutgoingQueueControl;
import org.mailgate.api.metrics.StoreStatistics;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;

/**
 * Gauges read from the store at scrape time, so no hot path pays for them: spool size, size and oldest
 * ready age of each outgoing queue, size of each configured mail repository.
 */
public final class StoreMetrics implements MeterBinder {

    private final StoreStatistics statistics;
    private final OutgoingQueueControl queues;
    private final MailRepositoryStore repositories;
    private final List<MailRepositoryUrl> repositoryUrls;

    public StoreMetrics(StoreStatistics statistics, OutgoingQueueControl queues, MailRepositoryStore repositories,
                        Collection<MailRepositoryUrl> repositoryUrls) {
        this.statistics = statistics;
        this.queues = queues;
        this.repositories = repositories;
        this.repositoryUrls = List.copyOf(repositoryUrls);
    }

    /** Binds the gauges of the queues known now (the declared ones and any holding entries). */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("mailgate.spool.size", statistics, StoreStatistics::spoolSize)
                .description("messages in the spool, waiting for or in processing").register(registry);
        for (String queue : queues.outgoingQueueNames()) {
            Gauge.builder("mailgate.outgoing.queue.size", queues, q -> q.size(queue))
                    .tag("queue", queue).description("entries in the outgoing queue").register(registry);
            Gauge.builder("mailgate.outgoing.queue.oldest.ready.age", statistics,
                            s -> s.oldestReadyAge(queue).toMillis() / 1000.0)
                    .tag("queue", queue).baseUnit("seconds")
                    .description("how long the oldest due entry has waited for an attempt").register(registry);
        }
        for (MailRepositoryUrl url : repositoryUrls) {
            Gauge.builder("mailgate.repository.size", repositories, r -> r.select(url).size())
                    .tag("repository", url.value()).description("mails in the repository").register(registry);
        }
    }
}
