package org.mailgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a route sees it: the path parameters its route captured (decoded), the query
 * parameters, the headers it needs and the body.
 */
record Request(String method, Map<String, String> pathParams, Map<String, String> query, Optional<String> accept,
               byte[] body) {

    /** The entries a listing answers unless its {@code limit} says otherwise. */
    static final int DEFAULT_LIMIT = 100;
    /** A listing is read whole into memory: larger lists are read page by page (or acted on by filter). */
    static final int MAX_LIMIT = 10_000;

    /** A path parameter the route captured. */
    String path(String name) {
        return pathParams.get(name);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** A query parameter that, if given, is a whole number from {@code min}; else {@code defaultValue}. */
    int intParam(String name, int min, int defaultValue) throws ApiException {
        return intParam(name, min, Integer.MAX_VALUE, defaultValue);
    }

    /** As {@link #intParam(String, int, int)}, also at most {@code max}. */
    int intParam(String name, int min, int max, int defaultValue) throws ApiException {
        Optional<String> value = param(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("'" + name + "' must be a whole number of at least " + min
                + (max == Integer.MAX_VALUE ? "" : " and at most " + max) + ", got '" + value.get() + "'");
    }

    /** The {@code limit} of a listing: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when not given. */
    int limit() throws ApiException {
        return intParam("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    }

    /** Whether the {@code Accept} header asks for {@code mediaType}. */
    boolean accepts(String mediaType) {
        return accept.filter(a -> a.contains(mediaType)).isPresent();
    }

    /** The body read as JSON. */
    JsonNode json() throws ApiException {
        try {
            JsonNode node = Response.JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("a JSON body is required");
            }
            return node;
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not JSON: " + e.getMessage());
        }
    }

    /** Query parameters of a raw query string, decoded; a repeated name keeps its first value. */
    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /** The decoded segments of a raw path, e.g. {@code /a/b%2Fc} gives {@code [a, b/c]}. */
    static List<String> segments(String rawPath) {
        return java.util.Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty()).map(Request::decode).toList();
    }

    static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
