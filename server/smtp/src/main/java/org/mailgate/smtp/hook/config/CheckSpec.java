package org.mailgate.smtp.hook.config;

import java.util.List;
import java.util.Optional;
import org.mailgate.api.net.NetworkList;

/** One configured sender check with its parameters, parsed from a {@code <handler>}. */
public sealed interface CheckSpec {

    /**
     * DNS block lists (RFC 5782), James's {@code DNSRBLHandler}.
     *
     * @param blocklists      the lists that refuse a client ({@code <blacklist>})
     * @param allowlists      the lists that exempt a client from the check ({@code <whitelist>})
     * @param allowedNetworks clients never looked up ({@code <allowedNetworks>})
     * @param getDetail       whether the list's TXT record becomes the reply text
     */
    record Dnsbl(List<BlockList> blocklists, List<String> allowlists, NetworkList allowedNetworks, boolean getDetail)
            implements CheckSpec {
        public Dnsbl {
            blocklists = List.copyOf(blocklists);
            allowlists = List.copyOf(allowlists);
        }
    }

    /**
     * One block list zone.
     *
     * @param zone  the DNS zone, e.g. {@code zen.spamhaus.org}
     * @param reply the reply text for a listed client ({@code {ip}} stands for its address); empty for the
     *              default text
     */
    record BlockList(String zone, Optional<String> reply) {
    }

    /** The HELO/EHLO name must be a syntactically valid domain or address literal. */
    record HeloSyntax() implements CheckSpec {
    }

    /** The HELO/EHLO name must have an address (James's {@code ResolvableEhloHeloHandler}). */
    record ResolvableHelo() implements CheckSpec {
    }

    /** The HELO/EHLO name must resolve to the client's address (James's {@code ReverseEqualsEhloHeloHandler}). */
    record ReverseEqualsHelo() implements CheckSpec {
    }

    /** Forward-confirmed reverse DNS: a PTR name of the client must resolve back to it. */
    record ForwardConfirmedReverseDns() implements CheckSpec {
    }

    /** The sender's domain must have an MX or an address (James's {@code ValidSenderDomainHandler}). */
    record ValidSenderDomain() implements CheckSpec {
    }

    /**
     * SPF (RFC 7208), James's {@code SPFHandler}.
     *
     * @param blockSoftFail  refuse on {@code softfail} too
     * @param blockPermError refuse when the sender's SPF record is broken
     */
    record Spf(boolean blockSoftFail, boolean blockPermError) implements CheckSpec {
    }

    /**
     * Recipients in local domains must be known (James's {@code ValidRcptHandler}).
     *
     * @param useRewriteTable whether an address the rewrite table maps counts as known
     */
    record ValidRcpt(boolean useRewriteTable) implements CheckSpec {
    }
}
