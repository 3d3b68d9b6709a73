package org.mailgate.delivery.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mailgate.delivery.tls.TlsClient;
import org.mailgate.delivery.tls.TlsRequirement;
import org.mailgate.delivery.tls.TlsSession;

/**
 * A client connection to one SMTP server: replies are read line by line with a timeout, commands are
 * buffered and sent when the client waits for a reply, so pipelined commands leave in one packet. A
 * connection may switch to TLS ({@link #secure}); it then remembers the TLS session it got, or, while
 * plain, why it is plain, so that whoever reuses it knows what it carries mail over.
 */
public final class SmtpConnection implements AutoCloseable {

    private static final int MAX_REPLY_LINE = 4096;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final String peer;
    private final Set<String> extensions = new HashSet<>();
    /** The parameters of each extension offered, e.g. AUTH: PLAIN, LOGIN. */
    private final java.util.Map<String, List<String>> parameters = new java.util.HashMap<>();
    private Optional<TlsSession> tls = Optional.empty();
    private String plainReason = "not offered";

    private SmtpConnection(Socket socket, String peer) throws IOException {
        this.socket = socket;
        this.peer = peer;
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Connects; {@code peer} names the server in messages, e.g. {@code mx.example.com[192.0.2.1]:25}. */
    public static SmtpConnection open(InetSocketAddress address, String peer, Duration connectTimeout,
                                      Duration readTimeout) throws IOException {
        return open(address, peer, connectTimeout, readTimeout, Optional.empty());
    }

    /** As above, the connection coming from {@code bind} when given ({@code bind} of RemoteDelivery). */
    public static SmtpConnection open(InetSocketAddress address, String peer, Duration connectTimeout,
                                      Duration readTimeout, Optional<java.net.InetAddress> bind) throws IOException {
        Socket socket = new Socket();
        try {
            if (bind.isPresent()) {
                socket.bind(new InetSocketAddress(bind.get(), 0));
            }
            socket.connect(address, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            socket.setTcpNoDelay(true);
            return new SmtpConnection(socket, peer);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public String peer() {
        return peer;
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    /** The TLS session of this connection; empty while it is plain. */
    public Optional<TlsSession> tls() {
        return tls;
    }

    /** Says why this plain connection is plain (e.g. {@code not offered}), for the delivery log. */
    void plainBecause(String reason) {
        plainReason = reason;
    }

    /** For the delivery log: the TLS protocol and cipher, or {@code none} and why. */
    public String describeSecurity() {
        return tls.map(TlsSession::describe).orElse("none (" + plainReason + ")");
    }

    /** True if the server sent something that was not read yet. */
    boolean hasPendingInput() throws IOException {
        return in.available() > 0;
    }

    /**
     * Switches to TLS: runs the handshake over this connection's socket, then speaks through the TLS socket.
     * What the server said about itself before is forgotten (RFC 3207 4.2): EHLO must be sent again.
     *
     * @throws org.mailgate.delivery.tls.TlsException if the handshake or the certificate checks fail
     */
    void secure(TlsClient client, String host, TlsRequirement requirement) throws IOException {
        out.flush();
        TlsClient.Secured secured = client.handshake(socket, host, requirement);
        socket = secured.socket();
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        tls = Optional.of(secured.session());
        extensions.clear();
        parameters.clear();
    }

    /** Queues a command line; it goes out with the next {@link #read()}. */
    public void send(String command) throws IOException {
        out.write(command.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
    }

    /** Flushes what was queued and reads one reply. */
    public SmtpReply read() throws IOException {
        out.flush();
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2))) {
                throw new SmtpProtocolException(peer + " sent a garbled reply: " + abbreviate(line));
            }
            int code = Integer.parseInt(line.substring(0, 3));
            boolean more = line.length() > 3 && line.charAt(3) == '-';
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (!more) {
                return new SmtpReply(code, lines);
            }
        }
    }

    public SmtpReply command(String command) throws IOException {
        send(command);
        return read();
    }

    /** EHLO, and HELO if the server does not know EHLO; remembers the extensions offered. */
    public SmtpReply hello(String name) throws IOException {
        extensions.clear();
        parameters.clear();
        SmtpReply reply = command("EHLO " + name);
        if (reply.isPositive()) {
            for (int i = 1; i < reply.lines().size(); i++) {
                String[] words = reply.lines().get(i).trim().split("\\s+");
                String keyword = words[0].toUpperCase(Locale.ROOT);
                extensions.add(keyword);
                parameters.put(keyword, List.of(words).subList(1, words.length).stream()
                        .map(w -> w.toUpperCase(Locale.ROOT)).toList());
            }
            return reply;
        }
        if (reply.code() == 421) {
            return reply;
        }
        return command("HELO " + name);
    }

    public boolean supports(String extension) {
        return extensions.contains(extension.toUpperCase(Locale.ROOT));
    }

    /** The parameters the server gave with {@code extension} in its EHLO reply (upper case); none if not offered. */
    public List<String> parameters(String extension) {
        return parameters.getOrDefault(extension.toUpperCase(Locale.ROOT), List.of());
    }

    /** Writes message content with dot-stuffing and the terminating dot; then reads the final reply. */
    public SmtpReply data(MessageWriter content) throws IOException {
        DotStuffingOutputStream stuffed = new DotStuffingOutputStream(out);
        content.writeTo(stuffed);
        stuffed.finish();
        return read();
    }

    /** Something that writes a message. */
    @FunctionalInterface
    public interface MessageWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(80);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new SmtpProtocolException(peer + " closed the connection");
            }
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            if (line.length() < MAX_REPLY_LINE) {
                line.append((char) b);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** Says QUIT politely, if the connection still works, and closes. */
    public void quit() {
        try {
            socket.setSoTimeout(5000);
            command("QUIT");
        } catch (IOException ignored) {
            // closing anyway
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
