package org.mailgate.container.engine;

import org.apache.mailet.Mailet;
import org.apache.mailet.Matcher;
import org.mailgate.container.config.FailurePolicy;

/**
 * One matcher/mailet pair of a processor, ready to run.
 *
 * @param description for logs: {@code RemoveMimeHeader (conf/mailetcontainer.xml:40)}
 */
public record Step(Matcher matcher, Mailet mailet, FailurePolicy onMatchException, FailurePolicy onMailetException,
                   String description) {
}
