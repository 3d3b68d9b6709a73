package org.mailgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** Talks to the admin API of a test gateway over loopback HTTP, with or without the token. */
final class AdminClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final Optional<String> token;

    AdminClient(InetSocketAddress address, Optional<String> token) {
        this.base = URI.create("http://127.0.0.1:" + address.getPort());
        this.token = token;
    }

    /** The token {@link #start} configures. */
    static final String TOKEN = "test-token-0123456789";

    /**
     * Starts the gateway of {@code peers} on {@code conf} (written into {@code tmp/conf}, state in
     * {@code tmp/var}) with its admin API on a free port and {@link #TOKEN}; a client holding the token.
     */
    static AdminClient start(Peers peers, TestConf conf, java.nio.file.Path tmp) throws Exception {
        return start(peers, conf, "", tmp, java.time.Clock.systemUTC());
    }

    /** As {@link #start(Peers, TestConf, java.nio.file.Path)}, with more lines of webadmin.properties and a clock. */
    static AdminClient start(Peers peers, TestConf conf, String webAdmin, java.nio.file.Path tmp,
                             java.time.Clock clock) throws Exception {
        peers.start(conf.webAdmin("port=0\ntoken=" + TOKEN + "\n" + webAdmin).writeTo(tmp.resolve("conf")),
                tmp.resolve("var"), clock);
        return new AdminClient(peers.gateway().gateway.adminAddress().orElseThrow(), Optional.of(TOKEN));
    }

    /** An answer: its status, content type, body and {@code Location} header. */
    record Answer(int status, String contentType, String body, Optional<String> location) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Answer get(String path) {
        return send("GET", path, "", Optional.empty());
    }

    Answer get(String path, String accept) {
        return send("GET", path, "", Optional.of(accept));
    }

    Answer delete(String path) {
        return send("DELETE", path, "", Optional.empty());
    }

    Answer put(String path, String body) {
        return send("PUT", path, body, Optional.empty());
    }

    Answer head(String path) {
        return send("HEAD", path, "", Optional.empty());
    }

    Answer patch(String path, String body) {
        return send("PATCH", path, body, Optional.empty());
    }

    /**
     * Follows the task a {@code 201} answer started to its end ({@code GET /tasks/{id}/await}); the task as
     * the API shows it.
     */
    JsonNode awaitTask(Answer submitted) {
        if (submitted.status() != 201) {
            throw new AssertionError("no task started: " + submitted.status() + " " + submitted.body());
        }
        Answer done = get(submitted.location().orElseThrow() + "/await?timeout=30s");
        if (done.status() != 200) {
            throw new AssertionError("task not done: " + done.status() + " " + done.body());
        }
        return done.json();
    }

    Answer send(String method, String path, String body, Optional<String> accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        accept.ifPresent(a -> request.header("Accept", a));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().firstValue("Location"));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
