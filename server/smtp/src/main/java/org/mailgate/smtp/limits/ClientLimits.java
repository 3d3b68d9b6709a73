package org.mailgate.smtp.limits;

import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.mailgate.smtp.config.LimitsConfig;

/**
 * The limits one server keeps per client across sessions: sessions at once ({@code connectionLimitPerIP}),
 * connections, messages and recipients a minute. Clients are counted by {@link ClientKey}: the real
 * client's address, which behind a PROXY protocol load balancer is known only once its header is read.
 */
public final class ClientLimits {

    /** What {@link #admit} decided. */
    public enum Admission { ADMITTED, TOO_MANY_SESSIONS, TOO_MANY_CONNECTIONS_A_MINUTE }

    private final int sessionsPerClient;
    private final ConcurrentHashMap<ClientKey, Integer> open = new ConcurrentHashMap<>();
    private final RateLimiter connections;
    private final RateLimiter messages;
    private final RateLimiter recipients;

    public ClientLimits(int sessionsPerClient, LimitsConfig limits, Clock clock) {
        this.sessionsPerClient = sessionsPerClient;
        this.connections = new RateLimiter(limits.connectionRatePerIp(), clock);
        this.messages = new RateLimiter(limits.messageRatePerIp(), clock);
        this.recipients = new RateLimiter(limits.recipientRatePerIp(), clock);
    }

    /**
     * Admits a session from {@code client}, or says why not (and then admits nothing). A client
     * {@code exempt} from the volume limits is still held to the sessions-at-once limit.
     */
    public Admission admit(InetAddress client, boolean exempt) {
        ClientKey key = ClientKey.of(client);
        boolean[] refused = {false};
        open.compute(key, (k, count) -> {
            int next = count == null ? 1 : count + 1;
            if (sessionsPerClient > 0 && next > sessionsPerClient) {
                refused[0] = true;
                return count;
            }
            return next;
        });
        if (refused[0]) {
            return Admission.TOO_MANY_SESSIONS;
        }
        if (!exempt && !connections.tryAcquire(key)) {
            release(client);
            return Admission.TOO_MANY_CONNECTIONS_A_MINUTE;
        }
        return Admission.ADMITTED;
    }

    /** Ends a session admitted by {@link #admit}. */
    public void release(InetAddress client) {
        open.computeIfPresent(ClientKey.of(client), (k, count) -> count <= 1 ? null : count - 1);
    }

    /** Counts one message from {@code client}; false when it is over its messages a minute. */
    public boolean tryMessage(ClientKey client) {
        return messages.tryAcquire(client);
    }

    /** Counts one recipient from {@code client}; false when it is over its recipients a minute. */
    public boolean tryRecipient(ClientKey client) {
        return recipients.tryAcquire(client);
    }
}
