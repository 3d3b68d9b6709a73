package org.mailgate.testkit.smtp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One message accepted by a {@link RecordingSmtpSink}: its envelope and its content.
 *
 * @param helo        the argument of the last EHLO/HELO on the connection ({@code ""} if none)
 * @param mailFrom    the reverse path without angle brackets; {@code ""} for the null sender
 * @param rcptTo      the accepted forward paths without angle brackets, in the order given
 * @param data        the exact content between the 354 reply and the terminating CRLF.CRLF, after
 *                    dot-unstuffing, ending with the message's last CRLF; empty if the sink does not
 *                    record content. The accessor returns a copy
 * @param size        the number of content bytes (also when content is not recorded)
 * @param sha256      lower-case hex SHA-256 of the content bytes (also when content is not recorded)
 * @param receivedAt  when the end of DATA was read
 * @param connection  the 1-based number of the connection the message arrived on
 * @param tlsProtocol the TLS protocol the message arrived over, e.g. {@code TLSv1.3}; {@code ""} if plain
 * @param tlsCipher   the TLS cipher suite the message arrived over; {@code ""} if plain
 * @param mailParameters the ESMTP parameters of MAIL FROM exactly as sent (after the path, e.g.
 *                       {@code "SIZE=120 RET=HDRS"}); {@code ""} if none
 * @param rcptParameters the ESMTP parameters of each accepted RCPT TO exactly as sent, in the order of
 *                       {@code rcptTo}; {@code ""} for a recipient without any
 */
public record ReceivedMessage(
        String helo,
        String mailFrom,
        List<String> rcptTo,
        byte[] data,
        long size,
        String sha256,
        Instant receivedAt,
        int connection,
        String tlsProtocol,
        String tlsCipher,
        String mailParameters,
        List<String> rcptParameters) {

    /** Checks and copies the arguments. */
    public ReceivedMessage {
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(mailFrom, "mailFrom");
        rcptTo = List.copyOf(rcptTo);
        data = data.clone();
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(tlsProtocol, "tlsProtocol");
        Objects.requireNonNull(tlsCipher, "tlsCipher");
        Objects.requireNonNull(mailParameters, "mailParameters");
        rcptParameters = List.copyOf(rcptParameters);
        if (rcptParameters.size() != rcptTo.size()) {
            throw new IllegalArgumentException("one parameter string per recipient is needed");
        }
    }

    /** A message whose MAIL FROM and RCPT TO commands had no parameters. */
    public ReceivedMessage(String helo, String mailFrom, List<String> rcptTo, byte[] data, long size, String sha256,
                           Instant receivedAt, int connection, String tlsProtocol, String tlsCipher) {
        this(helo, mailFrom, rcptTo, data, size, sha256, receivedAt, connection, tlsProtocol, tlsCipher, "",
                java.util.Collections.nCopies(rcptTo.size(), ""));
    }

    /** A message that arrived in plain text. */
    public ReceivedMessage(String helo, String mailFrom, List<String> rcptTo, byte[] data, long size, String sha256,
                           Instant receivedAt, int connection) {
        this(helo, mailFrom, rcptTo, data, size, sha256, receivedAt, connection, "", "");
    }

    /**
     * The value of parameter {@code keyword} (case-insensitive) of MAIL FROM: {@code ""} for a keyword
     * without value, empty if it was not given.
     */
    public Optional<String> mailParameter(String keyword) {
        return parameter(mailParameters, keyword);
    }

    /**
     * The value of parameter {@code keyword} (case-insensitive) of the RCPT TO for {@code recipient} (as in
     * {@link #rcptTo()}): {@code ""} for a keyword without value, empty if it was not given.
     *
     * @throws IllegalArgumentException if {@code recipient} is not among the accepted recipients
     */
    public Optional<String> rcptParameter(String recipient, String keyword) {
        int index = rcptTo.indexOf(recipient);
        if (index < 0) {
            throw new IllegalArgumentException(recipient + " is not among the recipients " + rcptTo);
        }
        return parameter(rcptParameters.get(index), keyword);
    }

    private static Optional<String> parameter(String parameters, String keyword) {
        for (String parameter : parameters.trim().split(" +")) {
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            if (!key.isEmpty() && key.equalsIgnoreCase(keyword)) {
                return Optional.of(equals < 0 ? "" : parameter.substring(equals + 1));
            }
        }
        return Optional.empty();
    }

    /** True if the message arrived over TLS (STARTTLS or implicit). */
    public boolean overTls() {
        return !tlsProtocol.isEmpty();
    }

    /** A copy of the content bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * True if {@link #data()} holds the whole content: false when the sink does not record content (unless
     * the message is empty).
     */
    public boolean contentRecorded() {
        return data.length == size;
    }

    /** The content decoded as UTF-8. */
    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The header section (up to, not including, the first empty line), UTF-8 decoded, CRLFs kept. */
    public String headerSection() {
        String text = dataAsString();
        if (text.startsWith("\r\n")) {
            return "";
        }
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? text : text.substring(0, end + 2);
    }

    /** The body: everything after the first empty line ({@code ""} if there is none). */
    public String body() {
        String text = dataAsString();
        if (text.startsWith("\r\n")) {
            return text.substring(2);
        }
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? "" : text.substring(end + 4);
    }

    /**
     * The unfolded values of every header field named {@code name} (case-insensitive), in order, with
     * the whitespace after the colon and at the end removed.
     */
    public List<String> headers(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>();
        for (String field : unfoldedFields()) {
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(wanted)) {
                values.add(field.substring(colon + 1).strip());
            }
        }
        return values;
    }

    /** The value of the first header field named {@code name} (case-insensitive), unfolded. */
    public Optional<String> header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private List<String> unfoldedFields() {
        List<String> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : headerSection().split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(line);
            } else {
                if (current != null) {
                    fields.add(current.toString());
                }
                current = new StringBuilder(line);
            }
        }
        if (current != null) {
            fields.add(current.toString());
        }
        return fields;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedMessage that
                && size == that.size
                && connection == that.connection
                && helo.equals(that.helo)
                && mailFrom.equals(that.mailFrom)
                && rcptTo.equals(that.rcptTo)
                && Arrays.equals(data, that.data)
                && sha256.equals(that.sha256)
                && receivedAt.equals(that.receivedAt)
                && tlsProtocol.equals(that.tlsProtocol)
                && tlsCipher.equals(that.tlsCipher)
                && mailParameters.equals(that.mailParameters)
                && rcptParameters.equals(that.rcptParameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(helo, mailFrom, rcptTo, Arrays.hashCode(data), size, sha256, receivedAt, connection,
                tlsProtocol, tlsCipher, mailParameters, rcptParameters);
    }

    /** A one-line summary: envelope, size, hash prefix, connection and, if recorded, the Subject. */
    @Override
    public String toString() {
        return "ReceivedMessage[from=<" + mailFrom + "> to=" + rcptTo + " size=" + size
                + " sha256=" + sha256.substring(0, Math.min(12, sha256.length()))
                + " connection=" + connection
                + (overTls() ? " tls=" + tlsProtocol : "")
                + header("Subject").map(s -> " subject=\"" + s + "\"").orElse("") + "]";
    }
}
