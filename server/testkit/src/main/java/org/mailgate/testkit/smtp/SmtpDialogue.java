package org.mailgate.testkit.smtp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A blocking SMTP client for send/expect tests of a server: each step writes exactly what it is told and
 * reads exactly one reply, so a test reads like the protocol.
 *
 * <pre>{@code
 * try (SmtpDialogue smtp = SmtpDialogue.connect(server.address())) {
 *     smtp.expect(220);
 *     smtp.send("EHLO client.test").expect(250);
 *     smtp.command("MAIL FROM:<a@example.com>");
 *     smtp.sendRaw("RCPT TO:<b@example.com>\r\nDATA\r\n");   // pipelined
 *     smtp.expect(250);
 *     smtp.expect(354);
 * }
 * }</pre>
 *
 * <p>TLS: {@link #startTls(SSLContext)} upgrades a plain dialogue (RFC 3207) and
 * {@link #connectTls(InetSocketAddress, SSLContext)} opens one that handshakes first (RFC 8314); the
 * client context decides which certificates are trusted (see {@code org.mailgate.testkit.tls.ClientTls}).
 *
 * <p>Failures to meet an expectation are {@link AssertionError}s naming the reply and the last thing sent;
 * failures to connect or write are {@link UncheckedIOException}s. Not thread-safe: one dialogue belongs to
 * one test thread.
 */
public final class SmtpDialogue implements AutoCloseable {

    /** How long {@link #read()} waits for a reply unless told otherwise. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_REPLY_LINE = 65_536;
    private static final int MAX_REPLY_LINES = 1_000;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] DOT_CRLF = {'.', '\r', '\n'};

    private final Socket plain;
    private Socket socket;
    private OutputStream out;
    private LineReader in;
    private final LineReader.Line line = new LineReader.Line();
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private String lastSent = "(nothing sent yet)";
    private boolean closedByServer;

    private SmtpDialogue(Socket socket) throws IOException {
        this.plain = socket;
        use(socket);
    }

    /** Reads and writes go through {@code transport}: the TCP socket, or the TLS socket over it. */
    private void use(Socket transport) throws IOException {
        this.socket = transport;
        this.out = new BufferedOutputStream(transport.getOutputStream(), 65_536);
        this.in = new LineReader(transport.getInputStream(), 8192, () -> { });
    }

    /**
     * Connects to {@code address}. The greeting is not read: {@code expect(220)} next.
     *
     * @throws UncheckedIOException if the connection fails (its cause is e.g. a
     *                              {@link java.net.ConnectException} when the port is closed)
     */
    public static SmtpDialogue connect(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(Math.toIntExact(DEFAULT_READ_TIMEOUT.toMillis()));
            return new SmtpDialogue(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot connect to " + address, e);
        }
    }

    /**
     * Connects to {@code address} and runs a TLS handshake at once, as on an implicit-TLS port (RFC 8314).
     * The greeting is not read: {@code expect(220)} next.
     *
     * @param clientContext decides which server certificates are trusted
     * @throws UncheckedIOException if the connection or the handshake fails (its cause is then e.g. an
     *                              {@link javax.net.ssl.SSLHandshakeException})
     */
    public static SmtpDialogue connectTls(InetSocketAddress address, SSLContext clientContext) {
        SmtpDialogue dialogue = connect(address);
        try {
            dialogue.handshake(clientContext);
            return dialogue;
        } catch (IOException e) {
            dialogue.close();
            throw new UncheckedIOException("TLS handshake with " + address + " failed", e);
        }
    }

    /** Connects to {@code host:port}; see {@link #connect(InetSocketAddress)}. */
    public static SmtpDialogue connect(String host, int port) {
        return connect(new InetSocketAddress(host, port));
    }

    /** Sets how long {@link #read()} waits for a reply (default 30 s); returns this dialogue. */
    public SmtpDialogue readTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("read timeout must be positive: " + timeout);
        }
        try {
            int millis = Math.toIntExact(Math.max(1, timeout.toMillis()));
            plain.setSoTimeout(millis);
            socket.setSoTimeout(millis);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        this.readTimeout = timeout;
        return this;
    }

    /** The local address of the connection (e.g. to match it in a server's log). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) plain.getLocalSocketAddress();
    }

    // ---------------------------------------------------------------- TLS

    /**
     * Sends {@code STARTTLS}, expects 220, then runs the TLS handshake over the connection (RFC 3207): from
     * then on every command and reply goes over TLS. Nothing sent before is resent: the server has
     * forgotten the EHLO, so send it again.
     *
     * @param clientContext decides which server certificates are trusted
     * @return the 220 reply
     * @throws AssertionError       if the server does not answer 220
     * @throws UncheckedIOException if the handshake fails (its cause is then e.g. an
     *                              {@link javax.net.ssl.SSLHandshakeException})
     */
    public SmtpReply startTls(SSLContext clientContext) {
        if (socket instanceof SSLSocket) {
            throw new IllegalStateException("this dialogue already runs over TLS");
        }
        SmtpReply ready = send("STARTTLS").expect(220);
        tlsHandshake(clientContext);
        return ready;
    }

    /**
     * Runs the TLS handshake now, for a test that sent STARTTLS itself (e.g. pipelined with more commands)
     * and read its 220; see {@link #startTls(SSLContext)}.
     *
     * @throws UncheckedIOException if the handshake fails
     */
    public void tlsHandshake(SSLContext clientContext) {
        if (socket instanceof SSLSocket) {
            throw new IllegalStateException("this dialogue already runs over TLS");
        }
        try {
            handshake(clientContext);
        } catch (IOException e) {
            throw new UncheckedIOException("TLS handshake after STARTTLS failed", e);
        }
        lastSent = "the TLS handshake";
    }

    /** The TLS session (protocol, cipher suite, server certificates), or empty while the dialogue is plain. */
    public Optional<SSLSession> tlsSession() {
        return socket instanceof SSLSocket tls ? Optional.of(tls.getSession()) : Optional.empty();
    }

    private void handshake(SSLContext clientContext) throws IOException {
        SSLSocket tls = (SSLSocket) clientContext.getSocketFactory().createSocket(plain,
                plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(true);
        tls.setSoTimeout(plain.getSoTimeout());
        tls.startHandshake();
        use(tls);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads one reply, all its lines.
     *
     * @throws AssertionError if the server closes the connection (then {@link #closedByServer()} is
     *                        true), sends a malformed reply, or sends nothing within the read timeout
     */
    public SmtpReply read() {
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            LineReader.Result result = readLine();
            if (result == LineReader.Result.EOF) {
                closedByServer = true;
                throw new AssertionError("connection closed by server"
                        + (lines.isEmpty() ? "" : " in the middle of a reply " + code + " " + lines)
                        + "; last sent: " + lastSent);
            }
            if (result == LineReader.Result.TOO_LONG) {
                throw new AssertionError("reply line longer than " + MAX_REPLY_LINE + " bytes; last sent: "
                        + lastSent);
            }
            String text = line.text();
            int lineCode = parseCode(text);
            if (code >= 0 && lineCode != code) {
                throw new AssertionError("reply code changed from " + code + " to " + lineCode
                        + " within a multi-line reply: " + text + "; last sent: " + lastSent);
            }
            code = lineCode;
            boolean more = text.length() > 3 && text.charAt(3) == '-';
            lines.add(text.length() > 4 ? text.substring(4) : "");
            if (!more) {
                return new SmtpReply(code, lines);
            }
            if (lines.size() >= MAX_REPLY_LINES) {
                throw new AssertionError("reply has more than " + MAX_REPLY_LINES + " lines; last sent: "
                        + lastSent);
            }
        }
    }

    /**
     * Reads one reply and checks its code.
     *
     * @throws AssertionError naming the whole reply and the last command sent if the code differs
     */
    public SmtpReply expect(int code) {
        SmtpReply reply = read();
        if (reply.code() != code) {
            throw new AssertionError("expected " + code + " after " + lastSent + " but got:\n" + reply);
        }
        return reply;
    }

    /**
     * Reads and checks that the server closes the connection within the read timeout, without sending
     * anything more (a reset counts as closed too).
     *
     * @throws AssertionError if a reply arrives instead, or nothing happens within the read timeout
     */
    public void expectClosed() {
        SmtpReply reply;
        try {
            reply = read();
        } catch (AssertionError e) {
            if (closedByServer) {
                return;
            }
            throw e;
        }
        throw new AssertionError("expected the server to close the connection after " + lastSent
                + " but got:\n" + reply);
    }

    /** True once a read found the connection closed (EOF or reset) by the server. */
    public boolean closedByServer() {
        return closedByServer;
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code line} and CRLF (UTF-8) and flushes; returns this dialogue, e.g. for {@code .expect(250)}. */
    public SmtpDialogue send(String line) {
        write(line.getBytes(StandardCharsets.UTF_8), true, "'" + line + "'");
        return this;
    }

    /** Sends {@code line} and reads the reply. */
    public SmtpReply command(String line) {
        send(line);
        return read();
    }

    /** Writes these bytes as they are (no CRLF added) and flushes: for bare LF, pipelining, smuggling. */
    public SmtpDialogue sendRaw(byte[] bytes) {
        write(bytes, false, "raw " + preview(bytes));
        return this;
    }

    /** Writes this text as UTF-8 as it is (no CRLF added) and flushes; see {@link #sendRaw(byte[])}. */
    public SmtpDialogue sendRaw(String text) {
        return sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code EHLO name} and expects 250; returns the reply (see {@link SmtpReply#hasKeyword}). */
    public SmtpReply ehlo(String name) {
        return send("EHLO " + name).expect(250);
    }

    /**
     * After a 354, sends message content and reads the final reply: dot-stuffs every line that starts with
     * {@code '.'} (lines are CRLF-terminated: a bare LF is sent as it is and does not start a line), adds
     * a CRLF if the content does not end with one, then sends {@code ".\r\n"}.
     *
     * @param message the content, which should already use CRLF line ends
     */
    public SmtpReply sendData(byte[] message) {
        try {
            int from = 0;
            for (int i = 0; i < message.length; i++) {
                if (message[i] == '.' && atLineStart(message, i)) {
                    out.write(message, from, i - from);
                    out.write('.');
                    from = i;
                }
            }
            out.write(message, from, message.length - from);
            int n = message.length;
            if (n > 0 && !(n >= 2 && message[n - 2] == '\r' && message[n - 1] == '\n')) {
                out.write(CRLF);
            }
            out.write(DOT_CRLF);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send message content after " + lastSent, e);
        }
        lastSent = "message content (" + message.length + " bytes) and '.'";
        return read();
    }

    /**
     * Runs one mail transaction: {@code MAIL FROM:<from>} (expects 250), {@code RCPT TO:<to>} for each
     * recipient (expects 250), {@code DATA} (expects 354), then {@link #sendData(byte[])}.
     *
     * @param from the reverse path without brackets; {@code ""} for the null sender
     * @return the reply to the end of DATA, whatever its code
     */
    public SmtpReply sendMail(String from, List<String> to, byte[] message) {
        send("MAIL FROM:<" + from + ">").expect(250);
        for (String recipient : to) {
            send("RCPT TO:<" + recipient + ">").expect(250);
        }
        send("DATA").expect(354);
        return sendData(message);
    }

    /** {@link #sendMail(String, List, byte[])} with the message encoded as UTF-8. */
    public SmtpReply sendMail(String from, List<String> to, String message) {
        return sendMail(from, to, message.getBytes(StandardCharsets.UTF_8));
    }

    /** Closes the connection (without QUIT): the TLS layer if there is one, and the TCP socket. */
    @Override
    public void close() {
        for (Socket toClose : new Socket[] {socket, plain}) {
            try {
                toClose.close();
            } catch (IOException e) {
                // nothing useful to do: the test is done with this connection
            }
        }
    }

    // ---------------------------------------------------------------- internals

    private LineReader.Result readLine() {
        try {
            return in.readLine(line, MAX_REPLY_LINE);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within " + readTimeout + "; last sent: " + lastSent, e);
        } catch (SocketException e) {
            // a reset by the peer: the server is gone as surely as with EOF
            closedByServer = true;
            throw new AssertionError("connection lost (" + e.getMessage() + "); last sent: " + lastSent, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reply; last sent: " + lastSent, e);
        }
    }

    /** True at the start of the content and after CRLF; a bare LF does not start a line (RFC 5321). */
    private static boolean atLineStart(byte[] message, int index) {
        return index == 0 || index >= 2 && message[index - 1] == '\n' && message[index - 2] == '\r';
    }

    private int parseCode(String text) {
        if (text.length() < 3 || (text.length() > 3 && text.charAt(3) != ' ' && text.charAt(3) != '-')) {
            throw new AssertionError("malformed reply line '" + text + "'; last sent: " + lastSent);
        }
        for (int i = 0; i < 3; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw new AssertionError("malformed reply line '" + text + "'; last sent: " + lastSent);
            }
        }
        return Integer.parseInt(text, 0, 3, 10);
    }

    private void write(byte[] bytes, boolean crlf, String description) {
        lastSent = description;
        try {
            out.write(bytes);
            if (crlf) {
                out.write(CRLF);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send " + description, e);
        }
    }

    private static String preview(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.UTF_8)
                .replace("\r", "\\r").replace("\n", "\\n");
        return "'" + text + (bytes.length > 120 ? "…' (" + bytes.length + " bytes)" : "'");
    }
}
