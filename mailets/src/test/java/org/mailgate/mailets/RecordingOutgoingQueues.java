package org.mailgate.mailets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mailet.Mail;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.OutgoingQueue;
import org.mailgate.api.delivery.OutgoingQueues;

/** Queues that remember their settings and what was queued, as the delivery stage's would. */
final class RecordingOutgoingQueues implements OutgoingQueues {

    final Map<String, DeliverySettings> declared = new HashMap<>();
    /** One line per queued mail: queue name, mail name, recipients. */
    final List<String> queued = new ArrayList<>();

    @Override
    public OutgoingQueue declare(DeliverySettings settings) {
        DeliverySettings earlier = declared.putIfAbsent(settings.queueName(), settings);
        if (earlier != null && !earlier.equals(settings)) {
            throw new IllegalStateException("queue " + settings.queueName() + " is declared twice");
        }
        return new OutgoingQueue() {
            @Override
            public String name() {
                return settings.queueName();
            }

            @Override
            public void enqueue(Mail mail) {
                queued.add(settings.queueName() + " " + mail.getName() + " " + mail.getRecipients());
            }
        };
    }

    @Override
    public Optional<DeliverySettings> settings(String queueName) {
        return Optional.ofNullable(declared.get(queueName));
    }
}
