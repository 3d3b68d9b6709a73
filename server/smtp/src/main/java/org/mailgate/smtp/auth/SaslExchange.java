package org.mailgate.smtp.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/** The challenge/response exchanges of PLAIN (RFC 4616) and LOGIN, up to the credentials they carry. */
final class SaslExchange {

    /** RFC 4954 4: a response line may be up to 12288 octets. */
    static final int MAX_RESPONSE = 12_288;

    private static final Reply USERNAME = Reply.plain(334, "VXNlcm5hbWU6");
    private static final Reply PASSWORD = Reply.plain(334, "UGFzc3dvcmQ6");

    /** What the client's responses came to. */
    sealed interface Outcome {

        /**
         * A user name and password to check.
         *
         * @param authorizationId PLAIN's authzid (empty when not given)
         */
        record Credentials(String authorizationId, String user, String password) implements Outcome {

            /** Mailgate lets a user act only as itself: an authzid, if any, must name the same user. */
            boolean authorizesOnlyItself() {
                return authorizationId.isEmpty() || authorizationId.equalsIgnoreCase(user);
            }

            @Override
            public String toString() {
                return "Credentials[user=" + user + "]";
            }
        }

        /** The exchange ended without credentials: cancelled, or a response that cannot be read. */
        record Refused(Reply reply) implements Outcome {
        }
    }

    private SaslExchange() {
    }

    static Outcome plain(SmtpSession session, String initial) throws IOException {
        Step response = respond(session, Replies.AUTH_CHALLENGE_EMPTY, initial);
        if (response instanceof Step.Stop stop) {
            return stop.refused();
        }
        String[] parts = ((Step.Text) response).value().split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return new Outcome.Refused(Replies.AUTH_BAD_RESPONSE);
        }
        return new Outcome.Credentials(parts[0], parts[1], parts[2]);
    }

    static Outcome login(SmtpSession session, String initial) throws IOException {
        Step user = respond(session, USERNAME, initial);
        if (user instanceof Step.Stop stop) {
            return stop.refused();
        }
        Step password = respond(session, PASSWORD, null);
        if (password instanceof Step.Stop stop) {
            return stop.refused();
        }
        return new Outcome.Credentials("", ((Step.Text) user).value(), ((Step.Text) password).value());
    }

    /** One decoded response, or why there is none. */
    private sealed interface Step {
        record Text(String value) implements Step {
        }

        record Stop(Outcome.Refused refused) implements Step {
        }
    }

    /**
     * The client's response: {@code initial} when it came with the command, else the line it sends after
     * {@code challenge}. {@code *} cancels.
     */
    private static Step respond(SmtpSession session, Reply challenge, String initial) throws IOException {
        String response = initial;
        if (response == null) {
            session.reply(challenge);
            Optional<String> line = session.readResponseLine(MAX_RESPONSE);
            if (line.isEmpty()) {
                return new Step.Stop(new Outcome.Refused(Replies.AUTH_LINE_TOO_LONG));
            }
            response = line.get();
        }
        if (response.equals("*")) {
            return new Step.Stop(new Outcome.Refused(Replies.AUTH_CANCELLED));
        }
        return decode(response).<Step>map(Step.Text::new)
                .orElseGet(() -> new Step.Stop(new Outcome.Refused(Replies.AUTH_BAD_BASE64)));
    }

    /** Base64 to UTF-8 text; {@code =} is the empty response (RFC 4954 4). */
    private static Optional<String> decode(String response) {
        if (response.equals("=")) {
            return Optional.of("");
        }
        if (response.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(response), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
