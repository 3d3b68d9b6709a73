package org.mailgate.dns;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.metrics.MailMetrics.DnsResult;
import org.mailgate.api.metrics.MailMetrics.DnsType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.ServerFailedException;

/**
 * Lookups through one dnsjava {@link LookupSession} (its resolver and cache), with dnsjava's outcomes
 * turned into records or a {@link DnsException}: NODATA is an empty list whether it came from a server or
 * from the cache, NXDOMAIN is {@link DnsException.Kind#NO_SUCH_DOMAIN}, everything else that is not an
 * answer is {@link DnsException.Kind#TEMPORARY}.
 *
 * @param session  the session to ask
 * @param patience how long to wait for a lookup at most; the resolver's own timeouts end it sooner
 * @param metrics  where each lookup is counted, by type and result
 */
record Lookups(LookupSession session, Duration patience, MailMetrics metrics) {

    private static final Logger LOG = LoggerFactory.getLogger(Lookups.class);

    /** The records of {@code type} at {@code name}, empty for NODATA; {@code display} names it in errors. */
    List<Record> find(Name name, int type, String display) throws DnsException {
        Outcome outcome = ask(name, type, display).outcome();
        if (outcome.failure().isPresent()) {
            throw outcome.failure().get();
        }
        return outcome.records();
    }

    /** Starts a lookup; several may run at once. */
    Pending ask(Name name, int type, String display) {
        CompletableFuture<LookupResult> future;
        try {
            future = session.lookupAsync(name, type).toCompletableFuture();
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        return new Pending(future, type, display, patience, metrics);
    }

    /** The record types the gateway asks for, as monitoring names them. */
    static DnsType dnsType(int type) {
        return switch (type) {
            case Type.MX -> DnsType.MX;
            case Type.A -> DnsType.A;
            case Type.AAAA -> DnsType.AAAA;
            case Type.TXT -> DnsType.TXT;
            case Type.PTR -> DnsType.PTR;
            default -> throw new IllegalArgumentException("not a record type Mailgate asks for: " + Type.string(type));
        };
    }

    /** A lookup under way. */
    record Pending(CompletableFuture<LookupResult> future, int type, String display, Duration patience,
                   MailMetrics metrics) {

        /** Waits for the lookup to end, and counts how it ended. */
        Outcome outcome() {
            try {
                List<Record> records = future.get(patience.toMillis(), TimeUnit.MILLISECONDS).getRecords();
                LOG.debug("{} {}: {}", display, Type.string(type), records);
                return counted(records.isEmpty() ? DnsResult.NODATA : DnsResult.OK,
                        new Outcome(records, Optional.empty()));
            } catch (ExecutionException | CompletionException e) {
                return failed(unwrap(e));
            } catch (TimeoutException e) {
                return counted(DnsResult.TIMEOUT, new Outcome(List.of(), Optional.of(temporary("no answer within "
                        + patience.toSeconds() + " s", e))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return counted(DnsResult.ERROR, new Outcome(List.of(), Optional.of(temporary("interrupted", e))));
            }
        }

        private Outcome counted(DnsResult result, Outcome outcome) {
            metrics.dnsLookup(dnsType(type), result);
            return outcome;
        }

        private Outcome failed(Throwable cause) {
            if (cause instanceof NoSuchRRSetException) {
                LOG.debug("{} {}: no such record (cached NODATA)", display, Type.string(type));
                return counted(DnsResult.NODATA, new Outcome(List.of(), Optional.empty()));
            }
            if (cause instanceof NoSuchDomainException) {
                LOG.debug("{} {}: no such domain", display, Type.string(type));
                return counted(DnsResult.NXDOMAIN, new Outcome(List.of(), Optional.of(new DnsException(
                        DnsException.Kind.NO_SUCH_DOMAIN, display + ": no such domain (NXDOMAIN)", cause))));
            }
            String why;
            DnsResult result;
            if (cause instanceof ServerFailedException) {
                why = "the DNS server failed (SERVFAIL)";
                result = DnsResult.SERVFAIL;
            } else if (cause instanceof IOException) {
                why = "no answer from the DNS servers" + (cause.getMessage() == null
                        ? (cause instanceof java.net.SocketTimeoutException ? " (timed out)" : "")
                        : " (" + cause.getMessage() + ")");
                result = DnsResult.TIMEOUT;
            } else {
                why = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                result = DnsResult.ERROR;
            }
            LOG.debug("{} {}: {}", display, Type.string(type), why);
            return counted(result, new Outcome(List.of(), Optional.of(temporary(why, cause))));
        }

        private DnsException temporary(String why, Throwable cause) {
            return new DnsException(DnsException.Kind.TEMPORARY, Type.string(type) + " lookup of " + display
                    + " failed: " + why, cause);
        }

        private static Throwable unwrap(Throwable e) {
            Throwable cause = e;
            while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        }
    }

    /**
     * How a lookup ended: records (empty for NODATA), or a failure.
     *
     * @param records the records found; empty on failure
     * @param failure why there are no records, unless the answer was NODATA
     */
    record Outcome(List<Record> records, Optional<DnsException> failure) {
        Outcome {
            records = List.copyOf(records);
        }
    }
}
