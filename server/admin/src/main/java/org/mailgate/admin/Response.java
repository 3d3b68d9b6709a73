package org.mailgate.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: a status, a content type, the bytes of the body and any other headers. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    Response {
        headers = Map.copyOf(headers);
    }

    Response(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    /** This answer with one more header. */
    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more);
    }

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    static Response json(int status, Object value) {
        try {
            return new Response(status, "application/json", JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static Response ok(Object value) {
        return json(200, value);
    }

    static Response noContent() {
        return new Response(204, null, new byte[0]);
    }

    static Response error(int status, String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", status);
        body.put("type", type);
        body.put("message", message);
        return json(status, body);
    }
}
