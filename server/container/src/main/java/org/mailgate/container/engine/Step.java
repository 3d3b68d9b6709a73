package org.mailgate.container.engine;

import org.apache.mailet.Mailet;
import org.apache.mailet.Matcher;
import org.mailgate.api.metrics.StepTimer;
import org.mailgate.container.config.FailurePolicy;

/**
 * One matcher/mailet pair of a processor, ready to run.
 *
 * @param description  for logs: {@code RemoveMimeHeader (conf/mailetcontainer.xml:40)}
 * @param matcherTimer times each call of the matcher
 * @param mailetTimer  times each run of the mailet
 */
public record Step(Matcher matcher, Mailet mailet, FailurePolicy onMatchException, FailurePolicy onMailetException,
                   String description, StepTimer matcherTimer, StepTimer mailetTimer) {

    /** A step that is not timed. */
    public Step(Matcher matcher, Mailet mailet, FailurePolicy onMatchException, FailurePolicy onMailetException,
                String description) {
        this(matcher, mailet, onMatchException, onMailetException, description, StepTimer.NONE, StepTimer.NONE);
    }
}
