package org.mailgate.app.admincli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Requests to the admin API with the token, over {@link HttpClient}. Turns what goes wrong into a
 * {@link CliFailure} an operator can act on: no gateway listening, a refused token, a 404 (named by the
 * caller, who knows what was asked for), the API's own message for the rest.
 */
final class AdminHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Finds the endpoint: only when the first request is sent, after the command line was checked. */
    interface Locator {
        AdminEndpoint locate() throws CliFailure;
    }

    private final Locator locator;
    private final HttpClient http;
    private AdminEndpoint endpoint;

    AdminHttp(Locator locator) {
        this.locator = locator;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A successful answer: its body as text or bytes. */
    record Answer(int status, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws CliFailure {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw CliFailure.error("the admin API answered something that is not JSON: " + text());
            }
        }
    }

    /** One path segment or query value, percent-encoded (a space as {@code %20}: the API reads {@code +} as itself). */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends the request without a body; answers 2xx. {@code notFound} as below. */
    Answer send(String method, String path, Function<String, String> notFound) throws CliFailure {
        return send(method, path, Optional.empty(), Optional.empty(), notFound);
    }

    /**
     * Sends the request; answers 2xx. {@code notFound} makes the message for a 404 from the API's own
     * (which tells a missing repository from a missing mail).
     */
    Answer send(String method, String path, Optional<String> body, Optional<String> accept,
                Function<String, String> notFound) throws CliFailure {
        return send(method, path, body, accept, notFound, Set.of());
    }

    /** As {@link #send(String, String, Optional, Optional, Function)}, also answering the statuses in {@code alsoAnswered}. */
    Answer send(String method, String path, Optional<String> body, Optional<String> accept,
                Function<String, String> notFound, Set<Integer> alsoAnswered) throws CliFailure {
        Answer answer = exchange(method, path, body, accept);
        if (answer.status() / 100 != 2 && !alsoAnswered.contains(answer.status())) {
            throw failure(answer, notFound);
        }
        return answer;
    }

    /** Whether {@code GET} or {@code HEAD} of {@code path} finds something: 2xx yes, 404 no. */
    boolean exists(String method, String path) throws CliFailure {
        Answer answer = exchange(method, path, Optional.empty(), Optional.empty());
        if (answer.status() == 404) {
            return false;
        }
        if (answer.status() / 100 != 2) {
            throw failure(answer, message -> message);
        }
        return true;
    }

    /** Sends the request; any answer. */
    private Answer exchange(String method, String path, Optional<String> body, Optional<String> accept)
            throws CliFailure {
        if (endpoint == null) {
            endpoint = locator.locate();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + endpoint.authority() + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + endpoint.token())
                .method(method, body.map(HttpRequest.BodyPublishers::ofString)
                        .orElseGet(HttpRequest.BodyPublishers::noBody));
        body.ifPresent(b -> request.header("Content-Type", "application/json"));
        accept.ifPresent(a -> request.header("Accept", a));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw CliFailure.error("cannot reach the admin API at " + endpoint.authority() + ": is the gateway running?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.error("interrupted");
        }
    }

    private CliFailure failure(Answer answer, Function<String, String> notFound) {
        String message = message(answer);
        return switch (answer.status()) {
            case 401 -> CliFailure.error("the admin API at " + endpoint.authority() + " refused the token from "
                    + endpoint.tokenSource() + ": it is not the gateway's token");
            case 404 -> CliFailure.error(notFound.apply(message));
            default -> CliFailure.error("the admin API answered " + answer.status() + ": " + message);
        };
    }

    /** The {@code message} of James's JSON error, or the body. */
    private static String message(Answer answer) {
        try {
            JsonNode message = JSON.readTree(answer.body()).get("message");
            if (message != null && message.isTextual()) {
                return message.asText();
            }
        } catch (IOException e) {
            // not JSON: the body as it is
        }
        return answer.text().strip();
    }
}
