package org.mailgate.container.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mailgate.api.config.XmlElement;

/**
 * One {@code <mailet>} element: which matcher selects recipients (none given: all of them), which
 * mailet runs, its init parameters (every child element but the two failure policies), and where it
 * was written.
 */
public record MailetEntry(java.util.Optional<MatcherSpec> matcher, String className, Map<String, String> parameters,
                          FailurePolicy onMatchException, FailurePolicy onMailetException, XmlElement source) {

    public MailetEntry {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Where it is, for messages: {@code conf/mailetcontainer.xml:42}. */
    public String location() {
        return source.location();
    }
}
