package org.mailgate.testkit.smtp;

import java.util.List;
import java.util.Objects;

/**
 * How a {@link RecordingSmtpSink} behaves.
 *
 * @param recordContent  if {@code false}, messages are still counted, sized and hashed, but
 *                       {@link ReceivedMessage#data()} is empty: for very large messages and benchmarks
 * @param port           the port to listen on, {@code 0} for an ephemeral one
 * @param ehloKeywords   the keywords listed in the EHLO reply, in order (e.g. {@code "SIZE 1000000"});
 *                       enhanced status codes are put in replies only if {@code ENHANCEDSTATUSCODES} is
 *                       among them
 * @param greetingName   the host name used in the greeting and the EHLO/HELO reply
 * @param tls            whether the sink offers STARTTLS or speaks TLS from the start ({@link SinkTls#none()}
 *                       by default)
 */
public record SinkOptions(boolean recordContent, int port, List<String> ehloKeywords, String greetingName,
                          SinkTls tls) {

    /** The keywords a sink advertises unless told otherwise. */
    public static final List<String> DEFAULT_EHLO_KEYWORDS =
            List.of("PIPELINING", "8BITMIME", "SIZE", "ENHANCEDSTATUSCODES");

    /** The greeting name a sink uses unless told otherwise. */
    public static final String DEFAULT_GREETING_NAME = "sink.test";

    /** Validates and copies the keyword list. */
    public SinkOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        ehloKeywords = List.copyOf(ehloKeywords);
        Objects.requireNonNull(greetingName, "greetingName");
        if (greetingName.isBlank() || greetingName.contains("\r") || greetingName.contains("\n")) {
            throw new IllegalArgumentException("greetingName must be a non-blank single line");
        }
        Objects.requireNonNull(tls, "tls");
    }

    /** Options of a plain-text sink. */
    public SinkOptions(boolean recordContent, int port, List<String> ehloKeywords, String greetingName) {
        this(recordContent, port, ehloKeywords, greetingName, SinkTls.none());
    }

    /** Records content, ephemeral port, default keywords and greeting name. */
    public static SinkOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder()
                .recordContent(recordContent)
                .port(port)
                .ehloKeywords(ehloKeywords)
                .greetingName(greetingName)
                .tls(tls);
    }

    /** These options with {@code recordContent} changed. */
    public SinkOptions withRecordContent(boolean record) {
        return toBuilder().recordContent(record).build();
    }

    /** These options with {@code port} changed. */
    public SinkOptions withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    /** True if {@code ENHANCEDSTATUSCODES} is advertised. */
    boolean enhancedStatusCodes() {
        return ehloKeywords.stream().anyMatch(k -> k.equalsIgnoreCase("ENHANCEDSTATUSCODES"));
    }

    /** Builder of {@link SinkOptions}; starts from the defaults. */
    public static final class Builder {
        private boolean recordContent = true;
        private int port;
        private List<String> ehloKeywords = DEFAULT_EHLO_KEYWORDS;
        private String greetingName = DEFAULT_GREETING_NAME;
        private SinkTls tls = SinkTls.none();

        private Builder() {
        }

        /** Whether message bytes are kept (default {@code true}). */
        public Builder recordContent(boolean value) {
            this.recordContent = value;
            return this;
        }

        /** The port to listen on; {@code 0} (default) for an ephemeral one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** The EHLO keywords, in order (default {@link SinkOptions#DEFAULT_EHLO_KEYWORDS}). */
        public Builder ehloKeywords(List<String> value) {
            this.ehloKeywords = List.copyOf(value);
            return this;
        }

        /** The EHLO keywords, in order (default {@link SinkOptions#DEFAULT_EHLO_KEYWORDS}). */
        public Builder ehloKeywords(String... value) {
            return ehloKeywords(List.of(value));
        }

        /** The name in the greeting and the EHLO/HELO reply (default {@value SinkOptions#DEFAULT_GREETING_NAME}). */
        public Builder greetingName(String value) {
            this.greetingName = value;
            return this;
        }

        /** Whether the sink offers STARTTLS or speaks TLS from the start (default {@link SinkTls#none()}). */
        public Builder tls(SinkTls value) {
            this.tls = value;
            return this;
        }

        /** The options. */
        public SinkOptions build() {
            return new SinkOptions(recordContent, port, ehloKeywords, greetingName, tls);
        }
    }
}
