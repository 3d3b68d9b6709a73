package org.mailgate.api.metrics;

/** The connection counters of one SMTP server ({@code <smtpserver>} of smtpserver.xml), made when it starts. */
public interface SmtpServerMeters {

    /** Why a connection was closed at once, with no session. */
    enum Refusal {
        /** The server's {@code connectionLimit} was reached. */
        CONNECTION_LIMIT,
        /** The client's {@code connectionLimitPerIP} was reached. */
        PER_CLIENT_LIMIT,
        /** The client connected too often in the last minute. */
        CONNECTION_RATE,
        /** The client talked before the greeting. */
        EARLY_TALKER,
        /** The PROXY header was missing, bad, or came from an address that is not a trusted proxy. */
        PROXY
    }

    /** Counts nothing. */
    SmtpServerMeters NONE = new SmtpServerMeters() {
        @Override
        public void opened() {
        }

        @Override
        public void refused(Refusal reason) {
        }
    };

    /** The server accepted a TCP connection (whether or not it is then refused). */
    void opened();

    /** A connection was closed at once for {@code reason}. */
    void refused(Refusal reason);
}
