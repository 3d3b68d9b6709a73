package org.mailgate.container.engine;

import java.util.Map;
import org.apache.mailet.Mailet;
import org.apache.mailet.Matcher;
import org.mailgate.api.metrics.StepTimer;
import org.mailgate.container.config.FailurePolicy;

/**
 * One matcher/mailet pair of a processor, ready to run.
 *
 * @param description  for logs: {@code RemoveMimeHeader (conf/mailetcontainer.xml:40)}
 * @param origin       what the configuration wrote, for a trace
 * @param matcherTimer times each call of the matcher
 * @param mailetTimer  times each run of the mailet
 */
public record Step(Matcher matcher, Mailet mailet, FailurePolicy onMatchException, FailurePolicy onMailetException,
                   String description, Origin origin, StepTimer matcherTimer, StepTimer mailetTimer) {

    /**
     * The {@code <mailet>} element a step comes from.
     *
     * @param matcher    the {@code match} attribute as written ({@code All} when there is none)
     * @param mailet     the {@code class} attribute
     * @param parameters the mailet's init parameters
     * @param location   {@code conf/mailetcontainer.xml:42}, or empty when it was not read from a file
     */
    public record Origin(String matcher, String mailet, Map<String, String> parameters, String location) {

        public Origin {
            parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        }
    }

    /** A step built in code, named by {@code description} only, and not timed. */
    public Step(Matcher matcher, Mailet mailet, FailurePolicy onMatchException, FailurePolicy onMailetException,
                String description) {
        this(matcher, mailet, onMatchException, onMailetException, description,
                new Origin(matcher.getClass().getSimpleName(), description, Map.of(), ""), StepTimer.NONE,
                StepTimer.NONE);
    }
}
