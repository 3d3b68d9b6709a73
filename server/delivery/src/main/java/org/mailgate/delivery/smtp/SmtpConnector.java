package org.mailgate.delivery.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.mailgate.delivery.tls.ConnectionPolicy;
import org.mailgate.delivery.tls.TlsClient;
import org.mailgate.delivery.tls.TlsException;
import org.mailgate.delivery.tls.TlsRequirement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a connection to one SMTP server and makes it ready for MAIL: TLS at once with implicit TLS,
 * greeting, EHLO, then STARTTLS as the {@link ConnectionPolicy} says, and EHLO again over TLS, the
 * extensions offered in plain text forgotten (RFC 3207 4.2).
 *
 * <p>When the policy requires TLS and the server does not offer STARTTLS, refuses it, or the handshake or
 * the certificate check fails, the connection is not used and the refusal names the host and the reason;
 * the caller treats it as a temporary failure, as Postfix does. With opportunistic TLS a refused STARTTLS
 * leaves the session in plain text, and a failed handshake (after which the session is lost) is followed
 * at once by one new connection to the same address without STARTTLS, as Postfix does at level
 * {@code may}; certificates are not checked at that level, so only a broken handshake leads there.
 */
public final class SmtpConnector {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnector.class);

    private final TlsClient tls;

    public SmtpConnector(TlsClient tls) {
        this.tls = tls;
    }

    /**
     * A connection ready for MAIL when {@code refusal} is null; otherwise the reason it cannot be used,
     * and the connection still needs closing.
     */
    public record Opened(SmtpConnection connection, String refusal) {
    }

    /**
     * How connections are made: the waits for the connection and for each reply, and the local address
     * they come from ({@code bind}), if one is set.
     */
    public record Dialing(Duration connectTimeout, Duration readTimeout, Optional<InetAddress> bind) {
    }

    /** The end of the greeting: opened or refused; or, with opportunistic TLS, a handshake that failed. */
    private record Greeting(Opened opened, String handshakeFailure) {
    }

    /**
     * @param host    the server's host name (an MX host or a gateway): sent as SNI, and the name a
     *                certificate must hold when names are checked
     * @param address its address
     * @param peer    how messages name it, e.g. {@code mx.example.com[192.0.2.1]:25}
     * @param inUse   connections a shutdown may abort: every connection opened here is added, every one
     *                closed here removed
     * @throws IOException if no connection can be made, or it breaks outside the TLS handshake
     */
    public Opened open(String host, InetSocketAddress address, String peer, ConnectionPolicy policy, Dialing dialing,
                       String heloName, Set<SmtpConnection> inUse) throws IOException {
        SmtpConnection connection = connect(address, peer, dialing, inUse);
        Greeting greeting = greet(connection, host, peer, policy, heloName, policy.origin(), inUse);
        if (greeting.opened() != null) {
            return greeting.opened();
        }
        LOG.info("TLS handshake with {} failed ({}); connecting again without TLS, as {} allows", peer,
                greeting.handshakeFailure(), policy.origin());
        SmtpConnection plain = connect(address, peer, dialing, inUse);
        return greet(plain, host, peer, new ConnectionPolicy(TlsRequirement.PLAIN, policy.origin()), heloName,
                "TLS handshake failed: " + greeting.handshakeFailure(), inUse).opened();
    }

    private static SmtpConnection connect(InetSocketAddress address, String peer, Dialing dialing,
                                          Set<SmtpConnection> inUse) throws IOException {
        SmtpConnection connection = SmtpConnection.open(address, peer, dialing.connectTimeout(), dialing.readTimeout(),
                dialing.bind());
        inUse.add(connection);
        return connection;
    }

    private Greeting greet(SmtpConnection connection, String host, String peer, ConnectionPolicy policy,
                           String heloName, String plainReason, Set<SmtpConnection> inUse) throws IOException {
        try {
            return greet(connection, host, peer, policy, heloName, plainReason);
        } catch (IOException | RuntimeException e) {
            close(connection, inUse);
            throw e;
        } finally {
            if (connection.isClosed()) {
                inUse.remove(connection);
            }
        }
    }

    private Greeting greet(SmtpConnection connection, String host, String peer, ConnectionPolicy policy,
                           String heloName, String plainReason) throws IOException {
        TlsRequirement requirement = policy.requirement();
        if (requirement.mode() == TlsRequirement.Mode.IMPLICIT) {
            try {
                connection.secure(tls, host, requirement);
            } catch (TlsException e) {
                connection.close();
                return refused(connection, failure(peer, e, policy));
            }
        }
        SmtpReply greeting = connection.read();
        if (greeting.code() != 220) {
            return refused(connection, peer + " greeted with " + greeting.text());
        }
        SmtpReply hello = connection.hello(heloName);
        if (!hello.isPositive()) {
            return refused(connection, peer + " refused EHLO/HELO: " + hello.text());
        }
        if (requirement.mode() == TlsRequirement.Mode.IMPLICIT) {
            return ready(connection);
        }
        if (requirement.mode() == TlsRequirement.Mode.PLAIN) {
            connection.plainBecause(plainReason);
            return ready(connection);
        }
        if (!connection.supports("STARTTLS")) {
            if (requirement.tlsRequired()) {
                return refused(connection, "TLS is required (" + policy.origin() + "), but " + peer
                        + " does not offer STARTTLS");
            }
            connection.plainBecause("STARTTLS not offered");
            return ready(connection);
        }
        SmtpReply reply = connection.command("STARTTLS");
        if (reply.code() != 220) {
            if (requirement.tlsRequired()) {
                return refused(connection, "TLS is required (" + policy.origin() + "), but " + peer
                        + " refused STARTTLS: " + reply.text());
            }
            connection.plainBecause("STARTTLS refused: " + reply.text());
            return ready(connection);
        }
        try {
            if (connection.hasPendingInput()) {
                // it would be taken for protected data: the STARTTLS command-injection attack
                throw new TlsException(TlsException.Kind.HANDSHAKE, "the server sent data after its reply to "
                        + "STARTTLS, before the handshake", null);
            }
            connection.secure(tls, host, requirement);
        } catch (TlsException e) {
            connection.close();
            if (requirement.tlsRequired() || e.kind() == TlsException.Kind.TRUST_STORE) {
                return refused(connection, failure(peer, e, policy));
            }
            return new Greeting(null, e.getMessage());
        }
        SmtpReply again = connection.hello(heloName);
        if (!again.isPositive()) {
            return refused(connection, peer + " refused EHLO after STARTTLS: " + again.text());
        }
        return ready(connection);
    }

    private static String failure(String peer, TlsException e, ConnectionPolicy policy) {
        String what = switch (e.kind()) {
            case HANDSHAKE -> "TLS handshake with " + peer + " failed: ";
            case UNTRUSTED -> "server certificate of " + peer + " not trusted: ";
            case NAME_MISMATCH -> "server certificate of " + peer + " not verified: ";
            case TRUST_STORE -> "cannot check the certificate of " + peer + ": ";
        };
        return what + e.getMessage() + " (" + policy.origin() + ")";
    }

    private static Greeting ready(SmtpConnection connection) {
        return new Greeting(new Opened(connection, null), null);
    }

    private static Greeting refused(SmtpConnection connection, String reason) {
        return new Greeting(new Opened(connection, reason), null);
    }

    private static void close(SmtpConnection connection, Set<SmtpConnection> inUse) {
        connection.close();
        inUse.remove(connection);
    }
}
