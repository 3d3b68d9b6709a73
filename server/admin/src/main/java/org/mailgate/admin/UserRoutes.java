package org.mailgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.AddressException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.mailgate.api.user.Users;

/**
 * James's {@code /users} endpoints over the SMTP AUTH accounts. Account names are full addresses, as
 * James keeps them with virtual hosting. {@code PUT} creates an account or changes its password; a
 * password the policy refuses is a 400 saying why. Passwords are never logged nor answered.
 */
final class UserRoutes {

    private final Users users;

    UserRoutes(Users users) {
        this.users = users;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/users", request -> Response.ok(users.list().stream()
                        .map(u -> Map.of("username", u.asString())).toList())),
                Route.of("GET", "/users/{user}", request -> Response.ok(Map.of("username",
                        existing(request).asString()))),
                Route.of("HEAD", "/users/{user}", request -> {
                    existing(request);
                    return new Response(200, null, new byte[0]);
                }),
                Route.of("PUT", "/users/{user}", this::put),
                Route.of("DELETE", "/users/{user}", this::delete));
    }

    private static Username name(Request request) throws ApiException {
        String given = request.path("user");
        try {
            return Username.of(new MailAddress(given).asString().toLowerCase(Locale.ROOT));
        } catch (AddressException | IllegalArgumentException e) {
            throw ApiException.badRequest("user names are full addresses such as alice@example.com, not '"
                    + given + "'");
        }
    }

    private Username existing(Request request) throws ApiException {
        Username name = name(request);
        if (!users.contains(name)) {
            throw ApiException.notFound("no such user: " + name.asString());
        }
        return name;
    }

    private Response put(Request request) throws ApiException {
        Username name = name(request);
        JsonNode body = request.json();
        JsonNode password = body.get("password");
        if (!body.isObject() || password == null || !password.isTextual()) {
            throw ApiException.badRequest("the body must be {\"password\": \"...\"}");
        }
        try {
            if (users.contains(name)) {
                users.setPassword(name, password.textValue());
            } else {
                users.add(name, password.textValue());
            }
        } catch (IllegalStateException | NoSuchElementException e) {
            throw ApiException.badRequest("user " + name.asString() + " changed meanwhile: try again");
        }
        return Response.noContent();
    }

    private Response delete(Request request) throws ApiException {
        Username name = name(request);
        if (!users.remove(name)) {
            throw ApiException.notFound("no such user: " + name.asString());
        }
        return Response.noContent();
    }
}
