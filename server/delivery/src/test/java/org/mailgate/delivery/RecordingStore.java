package org.mailgate.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.delivery.OutgoingQueue;
import org.mailgate.api.delivery.OutgoingQueues;
import org.mailgate.api.delivery.OutgoingStore;

/** One outgoing entry held in memory and the outcomes recorded for it (the H2 store has its own tests). */
final class RecordingStore implements OutgoingStore, OutgoingQueues {

    private final Map<Long, OutgoingMail> entries = new HashMap<>();
    private final Map<String, DeliverySettings> settings = new HashMap<>();
    final List<AttemptOutcome> outcomes = new ArrayList<>();

    void put(OutgoingMail mail) {
        entries.put(mail.entryId(), mail);
    }

    @Override
    public Optional<OutgoingMail> load(long entryId) {
        return Optional.ofNullable(entries.get(entryId));
    }

    @Override
    public void record(OutgoingMail mail, AttemptOutcome outcome) {
        outcomes.add(outcome);
    }

    @Override
    public OutgoingQueue declare(DeliverySettings declared) {
        settings.put(declared.queueName(), declared);
        return null;
    }

    @Override
    public Optional<DeliverySettings> settings(String queueName) {
        return Optional.ofNullable(settings.get(queueName));
    }
}
