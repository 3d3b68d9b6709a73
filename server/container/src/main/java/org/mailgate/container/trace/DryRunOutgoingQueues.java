package org.mailgate.container.trace;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.james.core.MailAddress;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.OutgoingQueue;
import org.mailgate.api.delivery.OutgoingQueues;
import org.mailgate.api.net.HostAndPort;

/**
 * The outgoing queues of a trace: a queued mail is recorded with the route its queue's settings imply
 * (the gateway, or the MX hosts of each recipient's domain, not looked up), and goes nowhere.
 */
public final class DryRunOutgoingQueues implements OutgoingQueues {

    private final TraceRecorder recorder;
    private final Map<String, DeliverySettings> declared = new ConcurrentHashMap<>();

    public DryRunOutgoingQueues(TraceRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public OutgoingQueue declare(DeliverySettings settings) {
        declared.put(settings.queueName(), settings);
        return new OutgoingQueue() {
            @Override
            public String name() {
                return settings.queueName();
            }

            @Override
            public void enqueue(org.apache.mailet.Mail mail) {
                recorder.handedOff(mail, recipient -> route(settings, recipient));
            }
        };
    }

    @Override
    public Optional<DeliverySettings> settings(String queueName) {
        return Optional.ofNullable(declared.get(queueName));
    }

    static String route(DeliverySettings settings, MailAddress recipient) {
        String queue = "outgoing queue \"" + settings.queueName() + "\", ";
        if (!settings.gateways().isEmpty()) {
            return queue + "via gateway " + String.join(", ", settings.gateways().stream().map(HostAndPort::toString)
                    .toList());
        }
        return queue + "via the MX hosts of " + recipient.getDomain().asString()
                + (settings.mxPort() == 25 ? "" : " on port " + settings.mxPort());
    }
}
