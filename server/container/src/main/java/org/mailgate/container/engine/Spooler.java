package org.mailgate.container.engine;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.Optional;
import org.apache.mailet.Mail;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.api.spool.SpoolProcessing;
import org.mailgate.api.spool.SpoolUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one spooled mail through the pipeline in one spool unit: the mail leaves the spool only when
 * the whole chain has returned, in the same transaction as everything the mailets handed on. A failure
 * leaves it in the spool, as it was, for a later retry; after {@value #MAX_ATTEMPTS} failed attempts
 * it goes to the error repository.
 */
public final class Spooler {

    private static final Logger LOG = LoggerFactory.getLogger(Spooler.class);
    static final int MAX_ATTEMPTS = 5;

    private final SpoolProcessing spool;
    private final PipelineHolder pipeline;
    private final MailRepositoryStore repositories;
    private final MailRepositoryUrl errorRepository;

    public Spooler(SpoolProcessing spool, PipelineHolder pipeline, MailRepositoryStore repositories,
                   MailRepositoryUrl errorRepository) {
        this.spool = spool;
        this.pipeline = pipeline;
        this.repositories = repositories;
        this.errorRepository = errorRepository;
    }

    /** Processes spool entry {@code entryId}; does nothing if it is gone. */
    public void process(long entryId) {
        Optional<SpoolUnit> opened = spool.open(entryId);
        if (opened.isEmpty()) {
            return;
        }
        try (SpoolUnit unit = opened.get()) {
            Mail mail = unit.mail();
            if (unit.failedAttempts() >= MAX_ATTEMPTS) {
                giveUp(unit, mail);
                return;
            }
            try {
                try (PipelineHolder.Lease lease = pipeline.lease()) {
                    lease.pipeline().service(mail, unit.queueId());
                }
                unit.complete();
                MailAudit.log(unit.queueId(), "removed from the spool: processing committed");
            } catch (RuntimeException | LinkageError e) {
                Duration delay = retryDelay(unit.failedAttempts() + 1);
                LOG.warn("{}: processing failed (attempt {} of {}), retrying in {} s: {}", mail.getName(),
                        unit.failedAttempts() + 1, MAX_ATTEMPTS, delay.toSeconds(), e.getMessage(), e);
                unit.retryLater(delay, String.valueOf(e.getMessage()));
                MailAudit.log(unit.queueId(), "processing failed (attempt {} of {}); its hand-offs are undone, "
                        + "retry in {} s", unit.failedAttempts() + 1, MAX_ATTEMPTS, delay.toSeconds());
            }
        }
    }

    private void giveUp(SpoolUnit unit, Mail mail) {
        try {
            mail.setErrorMessage("processing failed " + MAX_ATTEMPTS + " times");
            repositories.select(errorRepository).store(mail);
            unit.complete();
            LOG.error("{}: processing failed {} times; stored in {}", mail.getName(), MAX_ATTEMPTS, errorRepository);
        } catch (MessagingException | RuntimeException e) {
            LOG.error("{}: cannot store in {} after repeated failures; it stays in the spool: {}", mail.getName(),
                    errorRepository, e.getMessage(), e);
            unit.retryLater(retryDelay(MAX_ATTEMPTS), "cannot store in error repository: " + e.getMessage());
        }
    }

    /** 10 s, 1 min, 5 min, 20 min, then hourly. */
    static Duration retryDelay(int attempt) {
        return switch (attempt) {
            case 1 -> Duration.ofSeconds(10);
            case 2 -> Duration.ofMinutes(1);
            case 3 -> Duration.ofMinutes(5);
            case 4 -> Duration.ofMinutes(20);
            default -> Duration.ofHours(1);
        };
    }
}
