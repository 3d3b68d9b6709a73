package org.mailgate.dns.spf;

import jakarta.inject.Inject;
import java.time.Clock;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.spf.SpfChecker;
import org.mailgate.api.spf.SpfQuery;
import org.mailgate.api.spf.SpfResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailgate's SPF evaluator (RFC 7208), asking DNS through {@link DnsResolver} (so answers are cached
 * within their TTL). Each check is one {@link SpfEvaluation} with its own lookup counters.
 */
public final class SpfEvaluator implements SpfChecker {

    private static final Logger LOG = LoggerFactory.getLogger(SpfEvaluator.class);

    private final DnsResolver dns;
    private final Clock clock;

    @Inject
    public SpfEvaluator(DnsResolver dns, Clock clock) {
        this.dns = dns;
        this.clock = clock;
    }

    @Override
    public SpfResult check(SpfQuery query) {
        SpfResult result = new SpfEvaluation(dns, query, clock).evaluate();
        LOG.debug("SPF {} for {} from [{}]: {}", result.result().keyword(), query.identity(),
                query.client().getHostAddress(), result.explanation());
        return result;
    }
}
