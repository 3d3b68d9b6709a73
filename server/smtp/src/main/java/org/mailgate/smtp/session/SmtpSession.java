package org.mailgate.smtp.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.apache.james.core.MaybeSender;
import org.mailgate.api.metrics.MailMetrics.SmtpStage;
import org.mailgate.smtp.config.SmtpServerConfig;
import org.mailgate.smtp.limits.ClientLimits;
import org.mailgate.smtp.net.AddressText;
import org.mailgate.smtp.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, from greeting to QUIT, on its own virtual thread. Holds the session state
 * (HELO name, the mail transaction) and gives commands their means to reply and read DATA.
 */
public final class SmtpSession {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);
    /** Longer than RFC 5321's 512 to leave room for ESMTP parameters. */
    static final int MAX_COMMAND_LINE = 2048;
    /** The longest a TLS handshake may take (or the idle timeout, if shorter). */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private final String id;
    private final Socket socket;
    private final SmtpServerConfig config;
    private final SessionServices services;
    private final CommandLookup commands;
    private final InetSocketAddress remote;
    private final SessionLimits limits;
    private final ServerTls serverTls;
    private Socket transport;
    private ReplyWriter out;
    private SmtpInput input;
    private TlsInfo tlsInfo;
    private final AuthAttempts authAttempts;
    private final boolean authorizedNetwork;
    /** The client's address as text, formatted once: logs, replies and every message's Arrival use it. */
    private final String remoteIp;
    /** The socket's read timeout as last set here; -1 when something else (a handshake) may have changed it. */
    private int readTimeout = -1;

    private String helo;
    private boolean esmtp;
    private org.apache.james.core.Username authenticatedUser;
    private MailTransaction transaction;
    private boolean closing;
    /** The command being handled, as far as refusals are counted; OTHER between commands. */
    private SmtpStage stage = SmtpStage.OTHER;
    private boolean earlyTalker;
    private volatile boolean idle = true;
    private volatile boolean shuttingDown;

    /**
     * @param client  the real client: the socket's peer, or the one a PROXY header named
     * @param clients the per-client limits of this server, which the session counts messages and
     *                recipients against
     * @param serverTls the listener's TLS, or null if it has none
     * @param authAttempts the AUTH failures this session and its client address may still have
     */
    public SmtpSession(String id, Socket socket, InetSocketAddress client, SmtpServerConfig config,
                       SessionServices services, CommandLookup commands, ClientLimits clients, ServerTls serverTls,
                       AuthAttempts authAttempts) throws IOException {
        this.id = id;
        this.socket = socket;
        this.config = config;
        this.services = services;
        this.commands = commands;
        this.remote = client;
        this.authAttempts = authAttempts;
        this.serverTls = serverTls;
        this.authorizedNetwork = config.authorizedAddresses().contains(client.getAddress());
        this.remoteIp = AddressText.ip(client.getAddress());
        this.limits = new SessionLimits(config.limits(), clients, client.getAddress(), authorizedNetwork);
        useTransport(socket);
    }

    /** Reads and writes go through {@code newTransport}: the TCP socket, or the TLS socket over it. */
    private void useTransport(Socket newTransport) throws IOException {
        this.transport = newTransport;
        this.out = new ReplyWriter(newTransport.getOutputStream());
        this.input = new SmtpInput(newTransport.getInputStream(), this::beforeBlocking);
    }

    /** Before each read that may block: replies go out, and the read may wait no longer than allowed. */
    private void beforeBlocking() throws IOException {
        out.flush();
        setReadTimeout(limits.readTimeoutMillis(config.connectionTimeout()));
    }

    /** A syscall only when the timeout changes: it stays the same from one read to the next. */
    private void setReadTimeout(int millis) throws IOException {
        if (millis != readTimeout) {
            socket.setSoTimeout(millis);
            readTimeout = millis;
        }
    }

    /** Runs the session to its end and closes the connection. */
    public void run() {
        LOG.debug("{}: connect from [{}]", id, remoteIp());
        try {
            socket.setTcpNoDelay(true);
            if (serverTls != null && serverTls.config().socketTls() && !implicitTls()) {
                return;
            }
            if (talksEarly()) {
                LOG.info("{}: [{}] talked before the greeting: refused", id, remoteIp());
                earlyTalker = true;
                reply(Replies.EARLY_TALKER);
                out.flush();
                return;
            }
            reply(Reply.plain(220, config.helloName() + " " + config.greeting()));
            while (!closing) {
                idle = true;
                if (shuttingDown) {
                    reply(Replies.SHUTTING_DOWN);
                    break;
                }
                SmtpInput.Line line = input.readLine(MAX_COMMAND_LINE);
                idle = false;
                switch (line) {
                    case SmtpInput.Line.End end -> {
                        if (shuttingDown) {
                            reply(Replies.SHUTTING_DOWN);
                        }
                        closing = true;
                    }
                    case SmtpInput.Line.TooLong tooLong -> reply(Replies.LINE_TOO_LONG);
                    case SmtpInput.Line.Text text -> handle(text.text());
                }
                if (limits.tooManyErrors() && !closing) {
                    LOG.info("{}: too many errors from [{}]: disconnected", id, remoteIp());
                    reply(Replies.TOO_MANY_ERRORS);
                    closing = true;
                }
            }
            out.flush();
        } catch (SocketTimeoutException e) {
            timedOut();
        } catch (IOException | UncheckedIOException e) {
            if (limits.expired()) {
                timedOut();
            } else {
                LOG.debug("{}: connection from [{}] lost: {}", id, remoteIp(), e.getMessage());
                if (shuttingDown && tlsInfo != null) {
                    replyQuietly(Replies.SHUTTING_DOWN);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("{}: session failed: {}", id, e.getMessage(), e);
            replyQuietly(Replies.STORAGE_FAILED);
        } finally {
            closeSocket();
            LOG.debug("{}: disconnect from [{}]", id, remoteIp());
        }
    }

    private void timedOut() {
        if (limits.expired()) {
            LOG.info("{}: session time limit of {} s reached by [{}]", id, config.limits().maxSessionTime().toSeconds(),
                    remoteIp());
            replyQuietly(Replies.SESSION_TOO_LONG);
        } else {
            LOG.info("{}: timeout after {} s from [{}]", id, config.connectionTimeout().toSeconds(), remoteIp());
            replyQuietly(Replies.TIMEOUT);
        }
    }

    /**
     * Whether the client sent anything before the greeting (RFC 5321 3.1: it must wait for it). With a
     * {@code greetingDelay} the server listens that long; with none it looks only at what has already
     * arrived, so a client that talks at once may slip through, but one that waits is never refused.
     */
    private boolean talksEarly() throws IOException {
        Duration delay = config.limits().greetingDelay();
        if (delay.isZero()) {
            return input.hasBufferedInput() || transport.getInputStream().available() > 0;
        }
        setReadTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, delay.toMillis())));
        try {
            return input.awaitInput();
        } catch (SocketTimeoutException quiet) {
            return false;
        }
    }

    private void closeSocket() {
        closeQuietly(transport);
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket toClose) {
        try {
            toClose.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private void handle(String line) throws IOException {
        if (shuttingDown && transaction == null) {
            reply(Replies.SHUTTING_DOWN);
            closing = true;
            return;
        }
        if (!line.chars().allMatch(c -> c < 128)) {
            reply(Replies.NOT_ASCII);
            return;
        }
        if (!line.chars().allMatch(c -> c >= 32 && c != 127 || c == '\t')) {
            // a bare CR or other control character would otherwise travel into replies and logs
            reply(Replies.CONTROL_CHARACTERS);
            return;
        }
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        Optional<Command> command = commands.find(verb);
        if (command.isPresent()) {
            stage = stageOf(verb);
            try {
                command.get().execute(this, argument);
            } finally {
                stage = SmtpStage.OTHER;
            }
        } else {
            reply(Replies.UNKNOWN_COMMAND);
        }
    }

    private static SmtpStage stageOf(String verb) {
        return switch (verb) {
            case "MAIL" -> SmtpStage.MAIL;
            case "RCPT" -> SmtpStage.RCPT;
            case "DATA" -> SmtpStage.DATA;
            default -> SmtpStage.OTHER;
        };
    }

    /** Whether the client was refused for talking before the greeting: it had no session. */
    public boolean refusedEarlyTalker() {
        return earlyTalker;
    }

    /** Queues a reply; replies are flushed before the session waits for the client. */
    public void reply(Reply reply) throws IOException {
        limits.replied(reply);
        services.metrics().smtpReply(stage, reply.code());
        out.write(reply);
    }

    private void replyQuietly(Reply reply) {
        services.metrics().smtpReply(stage, reply.code());
        try {
            out.write(reply);
            out.flush();
        } catch (IOException | UncheckedIOException ignored) {
            // the client is gone; nothing to tell it
        }
    }

    /** Reads the content after a 354 reply; the reader stops at CRLF.CRLF. */
    public DataReader openData(long maxSize) {
        return new DataReader(input, maxSize, config.limits().maxHeaderSize(), config.limits().maxHeaderCount());
    }

    public String id() {
        return id;
    }

    public SmtpServerConfig config() {
        return config;
    }

    public SessionServices services() {
        return services;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /** Whether the client is in {@code authorizedAddresses}: it may relay to any domain. */
    public boolean fromAuthorizedNetwork() {
        return authorizedNetwork;
    }

    /** The client's address as text ({@code 192.0.2.1}, {@code 2001:db8::1}), for logs and the mail. */
    public String remoteIp() {
        return remoteIp;
    }

    /** The client's address as the content of an RFC 5321 address literal ({@code IPv6:2001:db8::1}). */
    public String remoteLiteral() {
        return AddressText.literal(remote.getAddress());
    }

    /** This session's limits: commands count messages and recipients against them. */
    public SessionLimits limits() {
        return limits;
    }

    /** The TLS the session runs over; empty while it is plain text. */
    public Optional<TlsInfo> tls() {
        return Optional.ofNullable(tlsInfo);
    }

    /** Whether EHLO announces STARTTLS: the listener offers it and the session is not in TLS yet. */
    public boolean offersStartTls() {
        return serverTls != null && serverTls.config().startTls() && tlsInfo == null;
    }

    /** Whether TLS can start now (the listener's certificate is ready). */
    public boolean tlsAvailable() {
        return serverTls != null && serverTls.available();
    }

    /**
     * STARTTLS, after its 220 is queued (RFC 3207): sends the 220, drops whatever the client pipelined
     * after the command in clear text (it must not count as sent over TLS: CVE-2011-0411), runs the
     * handshake and forgets everything said before it: HELO/EHLO and any transaction.
     *
     * @throws IOException if the handshake fails; the session ends
     */
    public void startTls() throws IOException {
        out.flush();
        int dropped = input.discardBuffered();
        if (dropped > 0) {
            LOG.info("{}: dropped {} bytes sent by [{}] after STARTTLS before the TLS handshake", id, dropped,
                    remoteIp());
        }
        handshake();
        this.helo = null;
        this.esmtp = false;
        this.transaction = null;
        this.authenticatedUser = null;
    }

    /** The handshake of an implicit-TLS port, before the greeting; false if it failed. */
    private boolean implicitTls() {
        try {
            handshake();
            return true;
        } catch (IOException e) {
            LOG.debug("{}: TLS handshake with [{}] failed: {}", id, remoteIp(), e.getMessage());
            return false;
        }
    }

    private void handshake() throws IOException {
        Duration timeout = config.connectionTimeout().compareTo(HANDSHAKE_TIMEOUT) < 0
                ? config.connectionTimeout() : HANDSHAKE_TIMEOUT;
        readTimeout = -1;
        SSLSocket tlsSocket = serverTls.handshake(socket, timeout);
        useTransport(tlsSocket);
        tlsInfo = new TlsInfo(tlsSocket.getSession().getProtocol(), tlsSocket.getSession().getCipherSuite());
        LOG.debug("{}: {} with {} from [{}]", id, tlsInfo.protocol(), tlsInfo.cipherSuite(), remoteIp());
    }

    /** The account the client authenticated as (SMTP AUTH); empty before or without AUTH. */
    public Optional<org.apache.james.core.Username> authenticatedUser() {
        return Optional.ofNullable(authenticatedUser);
    }

    /** The client proved to be {@code user}; kept for the rest of the session (RFC 4954 4). */
    public void authenticated(org.apache.james.core.Username user) {
        this.authenticatedUser = user;
    }

    /** The failed AUTH attempts of this session and of its client address. */
    public AuthAttempts authAttempts() {
        return authAttempts;
    }

    /**
     * Reads one line of an exchange inside a command (an AUTH response): its text, or empty when the line
     * was too long. @throws java.io.EOFException when the client closed the connection
     */
    public Optional<String> readResponseLine(int maxLength) throws IOException {
        out.flush();
        return switch (input.readLine(maxLength)) {
            case SmtpInput.Line.Text text -> Optional.of(text.text());
            case SmtpInput.Line.TooLong tooLong -> Optional.empty();
            case SmtpInput.Line.End end -> throw new java.io.EOFException("connection closed during the command");
        };
    }

    public Optional<String> helo() {
        return Optional.ofNullable(helo);
    }

    public boolean esmtp() {
        return esmtp;
    }

    /** A new HELO/EHLO: remembered, and any transaction under way is dropped (RFC 5321 4.1.4). */
    public void greeted(String name, boolean extended) {
        this.helo = name;
        this.esmtp = extended;
        this.transaction = null;
    }

    public Optional<MailTransaction> transaction() {
        return Optional.ofNullable(transaction);
    }

    public void beginTransaction(MaybeSender sender) {
        this.transaction = new MailTransaction(sender);
    }

    public void endTransaction() {
        this.transaction = null;
    }

    public void quit() {
        closing = true;
    }

    /**
     * Asks the session to end: an idle session is woken and told 421 at once; a busy one finishes its
     * command (and the DATA under way) first and is told 421 at its next command.
     */
    public void shutdown() {
        shuttingDown = true;
        if (idle) {
            interruptInput();
        }
    }

    /** Ends the session even in the middle of DATA: the client gets no 250 and will retry. */
    public void abort() {
        shuttingDown = true;
        interruptInput();
    }

    private void interruptInput() {
        try {
            socket.shutdownInput();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
