package org.mailgate.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refuses requests without the token, finds the route of the rest and writes its answer. */
final class Dispatcher implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int MAX_BODY = 1024 * 1024;

    private final AccessToken token;
    private final List<Route> routes;

    Dispatcher(AccessToken token, List<Route> routes) {
        this.token = token;
        this.routes = List.copyOf(routes);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                response = answer(exchange);
            } catch (ApiException e) {
                response = e.response();
            } catch (IllegalArgumentException e) {
                response = ApiException.badRequest(e.getMessage()).response();
            } catch (Exception e) {
                LOG.error("admin request {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                        e.getMessage(), e);
                response = Response.error(500, "ServerError", "internal error: " + e.getMessage());
            }
            write(exchange, response);
        }
    }

    private Response answer(HttpExchange exchange) throws Exception {
        if (!token.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            throw ApiException.unauthorized("an 'Authorization: Bearer <token>' header with the admin token is required");
        }
        List<String> segments = Request.segments(exchange.getRequestURI().getRawPath());
        String method = exchange.getRequestMethod();
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(segments);
            if (params.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                Request request = new Request(method, params.get(),
                        Request.parseQuery(exchange.getRequestURI().getRawQuery()),
                        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept")), body(exchange));
                return route.handler().handle(request);
            }
        }
        if (pathKnown) {
            throw ApiException.methodNotAllowed(method + " is not supported on " + exchange.getRequestURI().getPath());
        }
        throw ApiException.notFound("no such endpoint: " + exchange.getRequestURI().getPath());
    }

    private static byte[] body(HttpExchange exchange) throws IOException, ApiException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw ApiException.badRequest("request body over " + MAX_BODY + " bytes");
        }
        return body;
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        response.headers().forEach(exchange.getResponseHeaders()::set);
        if (response.body().length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }
}
