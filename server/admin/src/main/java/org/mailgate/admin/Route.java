package org.mailgate.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One method and path pattern, e.g. {@code GET /mailQueues/{name}/mails}, and what answers it. A
 * {@code {name}} segment captures one decoded path segment.
 */
record Route(String method, List<String> pattern, Handler handler) {

    @FunctionalInterface
    interface Handler {
        Response handle(Request request) throws Exception;
    }

    static Route of(String method, String path, Handler handler) {
        return new Route(method, List.of(path.substring(1).split("/")), handler);
    }

    /** The captured parameters if {@code segments} fit the pattern. */
    Optional<Map<String, String>> match(List<String> segments) {
        if (segments.size() != pattern.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), segments.get(i));
            } else if (!p.equals(segments.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
