package org.mailgate.api.trace;

/**
 * A dry run of one message through the pipeline the gateway runs now: every processor, matcher result and
 * mailet with what it changed, and where each recipient would end up, with nothing stored or delivered.
 */
public interface MailTracer {

    /**
     * Traces {@code request}.
     *
     * @throws IllegalArgumentException if the message cannot be read as RFC 5322 text
     */
    TraceReport trace(TraceRequest request);
}
