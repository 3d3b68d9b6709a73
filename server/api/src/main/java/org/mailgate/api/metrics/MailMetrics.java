package org.mailgate.api.metrics;

import java.util.function.IntSupplier;

/**
 * Where the stages count what happens to mail, for monitoring. Implementations keep each call to an
 * increment of a meter made in advance: these are called on the hot paths. Meters with a name in them
 * (an SMTP server, a pipeline step) are made once, when what they count is built, and handed out.
 */
public interface MailMetrics {

    /** What became of one recipient in a delivery attempt. */
    enum DeliveryOutcome { DELIVERED, DEFERRED, FAILED }

    /** The command an SMTP reply answers, as far as refusals are counted: MAIL, RCPT, DATA, or another. */
    enum SmtpStage { OTHER, MAIL, RCPT, DATA }

    /** The action of an RFC 3464 delivery status notification. */
    enum ReportAction { FAILED, DELAYED, DELIVERED, RELAYED, EXPANDED }

    /** Who made a delivery status notification: remote delivery itself, or a mailet (Bounce, DSNBounce...). */
    enum ReportSource { DELIVERY, MAILET }

    /** The DNS record types the gateway asks for. */
    enum DnsType { MX, A, AAAA, TXT, PTR }

    /**
     * How a DNS lookup ended: records, no records of that type (NODATA), no such name, a server failure,
     * no answer in time (or a network error), or another error.
     */
    enum DnsResult { OK, NODATA, NXDOMAIN, SERVFAIL, TIMEOUT, ERROR }

    /** Counts nothing: for a stage used without monitoring. */
    MailMetrics NONE = new MailMetrics() {
        @Override
        public void accepted() {
        }

        @Override
        public void smtpReply(SmtpStage stage, int code) {
        }

        @Override
        public SmtpServerMeters smtpServer(String name, IntSupplier openConnections) {
            return SmtpServerMeters.NONE;
        }

        @Override
        public StepTimer matcherTimer(StepName step) {
            return StepTimer.NONE;
        }

        @Override
        public StepTimer mailetTimer(StepName step) {
            return StepTimer.NONE;
        }

        @Override
        public void delivery(DeliveryOutcome outcome, String destination, int recipients) {
        }

        @Override
        public void deliveryDuration(String destination, long nanos) {
        }

        @Override
        public void clientConnection(boolean reused) {
        }

        @Override
        public void report(ReportAction action, ReportSource source) {
        }

        @Override
        public void dnsLookup(DnsType type, DnsResult result) {
        }

        @Override
        public void dnsCache(boolean hit) {
        }
    };

    /** A message was accepted over SMTP (its 250 after DATA). */
    void accepted();

    /** The SMTP server sent a reply with {@code code} to a command of {@code stage}. */
    void smtpReply(SmtpStage stage, int code);

    /**
     * The meters of SMTP server {@code name}, which starts now; {@code openConnections} is read at scrape
     * time for the number of its connections open.
     */
    SmtpServerMeters smtpServer(String name, IntSupplier openConnections);

    /** The timer of the matcher of {@code step}, for a pipeline being built. */
    StepTimer matcherTimer(StepName step);

    /** The timer of the mailet of {@code step}, for a pipeline being built. */
    StepTimer mailetTimer(StepName step);

    /**
     * {@code recipients} recipients in domain {@code destination} of one delivery attempt ended with
     * {@code outcome}. Implementations bound the destinations they tell apart.
     */
    void delivery(DeliveryOutcome outcome, String destination, int recipients);

    /** Sending to the recipients in domain {@code destination} of one delivery attempt took {@code nanos}. */
    void deliveryDuration(String destination, long nanos);

    /** Remote delivery took an SMTP connection: a new one, or one {@code reused} from an earlier message. */
    void clientConnection(boolean reused);

    /** A delivery status notification with {@code action} was made for a sender. */
    void report(ReportAction action, ReportSource source);

    /** A DNS lookup of {@code type} ended with {@code result}. */
    void dnsLookup(DnsType type, DnsResult result);

    /** The DNS cache was asked for a name and had ({@code hit}) or had not its answer. */
    void dnsCache(boolean hit);
}
