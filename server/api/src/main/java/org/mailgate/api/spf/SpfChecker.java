package org.mailgate.api.spf;

/**
 * SPF (RFC 7208): may this client send mail for this sender? Implementations ask DNS and never throw:
 * DNS trouble is {@link SpfResult.Result#TEMPERROR}, a broken record {@link SpfResult.Result#PERMERROR}.
 */
public interface SpfChecker {

    /** Evaluates {@code check_host()} for the MAIL FROM identity of {@code query} (RFC 7208 2.4). */
    SpfResult check(SpfQuery query);
}
