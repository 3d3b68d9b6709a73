package org.mailgate.smtp.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.core.MaybeSender;
import org.mailgate.smtp.config.SmtpServerConfig;
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

    private final String id;
    private final Socket socket;
    private final SmtpServerConfig config;
    private final SessionServices services;
    private final CommandLookup commands;
    private final InetSocketAddress remote;
    private final ReplyWriter out;
    private final SmtpInput input;
    private final AuthAttempts authAttempts;

    private String helo;
    private boolean esmtp;
    private org.apache.james.core.Username authenticatedUser;
    private MailTransaction transaction;
    private boolean closing;
    private volatile boolean idle = true;
    private volatile boolean shuttingDown;

    public SmtpSession(String id, Socket socket, SmtpServerConfig config, SessionServices services,
                       CommandLookup commands, AuthAttempts authAttempts) throws IOException {
        this.id = id;
        this.socket = socket;
        this.config = config;
        this.services = services;
        this.commands = commands;
        this.authAttempts = authAttempts;
        this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.out = new ReplyWriter(socket.getOutputStream());
        this.input = new SmtpInput(socket.getInputStream(), out::flushUnchecked);
    }

    /** Runs the session to its end and closes the connection. */
    public void run() {
        LOG.debug("{}: connect from [{}]", id, remoteIp());
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.connectionTimeout().toMillis()));
            socket.setTcpNoDelay(true);
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
            }
            out.flush();
        } catch (SocketTimeoutException e) {
            LOG.info("{}: timeout after {} s from [{}]", id, config.connectionTimeout().toSeconds(), remoteIp());
            replyQuietly(Replies.TIMEOUT);
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("{}: connection from [{}] lost: {}", id, remoteIp(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{}: session failed: {}", id, e.getMessage(), e);
            replyQuietly(Replies.STORAGE_FAILED);
        } finally {
            closeSocket();
            LOG.debug("{}: disconnect from [{}]", id, remoteIp());
        }
    }

    private void closeSocket() {
        try {
            socket.close();
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
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        Optional<Command> command = commands.find(verb);
        if (command.isPresent()) {
            command.get().execute(this, argument);
        } else {
            reply(Replies.UNKNOWN_COMMAND);
        }
    }

    /** Queues a reply; replies are flushed before the session waits for the client. */
    public void reply(Reply reply) throws IOException {
        out.write(reply);
    }

    private void replyQuietly(Reply reply) {
        try {
            out.write(reply);
            out.flush();
        } catch (IOException | UncheckedIOException ignored) {
            // the client is gone; nothing to tell it
        }
    }

    /** Reads the content after a 354 reply; the reader stops at CRLF.CRLF. */
    public DataReader openData(long maxSize) {
        return new DataReader(input, maxSize);
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
        return config.authorizedAddresses().contains(remote().getAddress());
    }

    public String remoteIp() {
        return remote.getAddress().getHostAddress();
    }

    /** The TLS the session runs over; empty while it is plain text. */
    public Optional<TlsInfo> tls() {
        return Optional.empty();
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
