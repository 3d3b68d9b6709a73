package org.mailgate.delivery.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.mailgate.api.delivery.GatewayCredentials;

/**
 * SMTP AUTH (RFC 4954) to a gateway, PLAIN or else LOGIN, and only over TLS: a password never crosses
 * the network in plain text. A refusal names the server and the reason; the caller defers the mail, as
 * Postfix does with a failed SASL login, so a password being changed never bounces mail.
 */
public final class SmtpLogin {

    private SmtpLogin() {
    }

    /** Logs in on {@code connection}; empty when done, else why the connection cannot be used. */
    public static Optional<String> login(SmtpConnection connection, GatewayCredentials credentials) throws IOException {
        String peer = connection.peer();
        if (connection.tls().isEmpty()) {
            return Optional.of("gateway login for " + credentials.username() + " needs TLS, but the session with "
                    + peer + " is not encrypted (" + connection.describeSecurity() + ")");
        }
        List<String> mechanisms = connection.parameters("AUTH");
        if (!connection.supports("AUTH")) {
            return Optional.of(peer + " does not offer AUTH; cannot log in as " + credentials.username());
        }
        SmtpReply reply;
        if (mechanisms.contains("PLAIN")) {
            reply = connection.command("AUTH PLAIN " + base64("\0" + credentials.username() + "\0" + credentials.password()));
        } else if (mechanisms.contains("LOGIN")) {
            reply = connection.command("AUTH LOGIN");
            if (reply.code() == 334) {
                reply = connection.command(base64(credentials.username()));
            }
            if (reply.code() == 334) {
                reply = connection.command(base64(credentials.password()));
            }
        } else {
            return Optional.of(peer + " offers AUTH " + String.join(" ", mechanisms)
                    + ", none of which Mailgate speaks (PLAIN, LOGIN)");
        }
        if (reply.code() != 235) {
            return Optional.of(peer + " refused the login as " + credentials.username() + ": " + reply.text());
        }
        return Optional.empty();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
