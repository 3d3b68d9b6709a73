package org.mailgate.testkit.smtp;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection to a {@link RecordingSmtpSink}, run on its own virtual thread.
 *
 * <p>Reads commands line by line and answers in order; replies are buffered and flushed only when the
 * client has nothing more pending, which is all PIPELINING needs. With {@link SinkTls.Mode#STARTTLS} it
 * offers STARTTLS and, after the handshake, starts afresh (RFC 3207 4.2: the client's EHLO is forgotten,
 * commands pipelined after STARTTLS are discarded). Each message records the TLS it arrived over.
 */
final class SinkSession implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkSession.class);
    private static final int MAX_COMMAND_LINE = 4096;
    private static final int DATA_SEGMENT = 8192;
    private static final byte[] CRLF = {'\r', '\n'};

    private Socket socket;
    private final int number;
    private final SinkOptions options;
    private final SinkScript script;
    private final MessageLog log;
    private OutputStream out;
    private LineReader in;
    private final LineReader.Line line = new LineReader.Line();

    private String helo = "";
    private boolean greeted;
    private String mailFrom;
    private final List<String> rcptTo = new ArrayList<>();
    private String mailParameters = "";
    private final List<String> rcptParameters = new ArrayList<>();
    private int accepted;

    SinkSession(Socket socket, int number, SinkOptions options, SinkScript script, MessageLog log)
            throws IOException {
        this.socket = socket;
        this.number = number;
        this.options = options;
        this.script = script;
        this.log = log;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        this.in = new LineReader(socket.getInputStream(), 65_536, out::flush);
    }

    @Override
    public void run() {
        log.connectionFrom(socket.getInetAddress().getHostAddress());
        try {
            reply(220, "", options.greetingName() + " ESMTP RecordingSmtpSink ready");
            while (true) {
                LineReader.Result result = in.readLine(line, MAX_COMMAND_LINE);
                if (result == LineReader.Result.EOF) {
                    return;
                }
                if (result == LineReader.Result.TOO_LONG) {
                    reply(500, "5.5.2", "line too long");
                } else if (!command(line.text())) {
                    out.flush();
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("sink connection {} ended: {}", number, e.toString());
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("sink connection {} did not close cleanly: {}", number, e.toString());
            }
        }
    }

    /** Handles one command; false if the connection is to end. */
    private boolean command(String command) throws IOException {
        int space = command.indexOf(' ');
        String verb = (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : command.substring(space + 1).strip();
        switch (verb) {
            case "EHLO" -> hello(argument, true);
            case "HELO" -> hello(argument, false);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> {
                return data();
            }
            case "RSET" -> {
                resetTransaction();
                reply(250, "2.0.0", "Ok");
            }
            case "NOOP" -> reply(250, "2.0.0", "Ok");
            case "QUIT" -> {
                reply(221, "2.0.0", "Bye");
                return false;
            }
            case "STARTTLS" -> {
                return startTls(argument);
            }
            case "AUTH" -> auth(argument);
            default -> reply(500, "5.5.2", "command not recognized");
        }
        return true;
    }

    /** AUTH PLAIN (with or without initial response) or LOGIN: records the login and accepts it. */
    private void auth(String argument) throws IOException {
        if (options.ehloKeywords().stream().noneMatch(k -> k.toUpperCase(Locale.ROOT).startsWith("AUTH"))) {
            reply(502, "5.5.1", "AUTH not offered");
            return;
        }
        String[] words = argument.split(" ", 2);
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        if (mechanism.equals("PLAIN")) {
            String response = words.length > 1 ? words[1] : challenge("");
            String[] parts = decode(response).split("\0", -1);
            if (parts.length != 3) {
                reply(501, "5.5.2", "malformed PLAIN response");
                return;
            }
            log.login(parts[1] + ":" + parts[2]);
        } else if (mechanism.equals("LOGIN")) {
            String user = decode(challenge("VXNlcm5hbWU6"));
            String password = decode(challenge("UGFzc3dvcmQ6"));
            log.login(user + ":" + password);
        } else {
            reply(504, "5.5.4", "mechanism not supported");
            return;
        }
        reply(235, "2.7.0", "Authentication successful");
    }

    private String challenge(String text) throws IOException {
        write("334 " + text);
        out.flush();
        if (in.readLine(line, MAX_COMMAND_LINE) != LineReader.Result.LINE) {
            throw new IOException("client left during AUTH");
        }
        return line.text();
    }

    private static String decode(String base64) {
        return new String(java.util.Base64.getDecoder().decode(base64.trim()), java.nio.charset.StandardCharsets.UTF_8);
    }

    private void hello(String argument, boolean extended) throws IOException {
        if (argument.isEmpty()) {
            reply(501, "5.5.4", "domain or address literal required");
            return;
        }
        helo = argument;
        greeted = true;
        resetTransaction();
        List<String> keywords = new ArrayList<>(options.ehloKeywords());
        if (options.tls().offersStartTls() && !overTls() && !keywords.contains("STARTTLS")) {
            keywords.add("STARTTLS");
        }
        if (overTls()) {
            keywords.remove("STARTTLS");
        }
        if (!extended || keywords.isEmpty()) {
            reply(250, "", options.greetingName());
            return;
        }
        write("250-" + options.greetingName());
        for (int i = 0; i < keywords.size(); i++) {
            write((i == keywords.size() - 1 ? "250 " : "250-") + keywords.get(i));
        }
    }

    /** STARTTLS: the handshake, then a fresh session over TLS; false if the connection is to end. */
    private boolean startTls(String argument) throws IOException {
        SinkTls tls = options.tls();
        if (!tls.offersStartTls() || overTls()) {
            if (overTls()) {
                reply(503, "5.5.1", "TLS already active");
            } else if (options.ehloKeywords().contains("STARTTLS")) {
                reply(454, "4.7.0", "TLS not available");
            } else {
                reply(500, "5.5.2", "command not recognized");
            }
            return true;
        }
        if (!argument.isEmpty()) {
            reply(501, "5.5.4", "STARTTLS takes no argument");
            return true;
        }
        reply(220, "2.0.0", "Ready to start TLS");
        out.flush();
        if (tls.mode() == SinkTls.Mode.BROKEN_STARTTLS) {
            // wait for the client's first handshake bytes, so that its handshake is what fails
            if (socket.getInputStream().read(new byte[512]) > 0) {
                write("this is not a TLS handshake");
                out.flush();
            }
            return false;
        }
        SSLSocket secured = (SSLSocket) tls.context().getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        secured.setUseClientMode(false);
        secured.startHandshake();
        socket = secured;
        out = new BufferedOutputStream(secured.getOutputStream(), 8192);
        in = new LineReader(secured.getInputStream(), 65_536, out::flush);
        helo = "";
        greeted = false;
        resetTransaction();
        return true;
    }

    private boolean overTls() {
        return socket instanceof SSLSocket;
    }

    private void mail(String argument) throws IOException {
        if (!greeted) {
            reply(503, "5.5.1", "send EHLO or HELO first");
        } else if (mailFrom != null) {
            reply(503, "5.5.1", "nested MAIL command");
        } else {
            Optional<String> path = path(argument, "FROM:");
            if (path.isEmpty()) {
                reply(501, "5.5.4", "syntax: MAIL FROM:<address>");
            } else {
                mailFrom = path.get();
                mailParameters = parameters(argument);
                reply(250, "2.1.0", "Ok");
            }
        }
    }

    private void rcpt(String argument) throws IOException {
        if (mailFrom == null) {
            reply(503, "5.5.1", "need MAIL before RCPT");
            return;
        }
        Optional<String> path = path(argument, "TO:");
        if (path.isEmpty() || path.get().isEmpty()) {
            reply(501, "5.5.4", "syntax: RCPT TO:<address>");
            return;
        }
        Optional<ScriptedReply> rejection = script.recipientRejection(path.get());
        if (rejection.isPresent()) {
            write(rejection.get().line());
        } else {
            rcptTo.add(path.get());
            rcptParameters.add(parameters(argument));
            reply(250, "2.1.5", "Ok");
        }
    }

    /** Receives message content; false if the connection was dropped on purpose. */
    private boolean data() throws IOException {
        if (mailFrom == null) {
            reply(503, "5.5.1", "need MAIL before DATA");
            return true;
        }
        if (rcptTo.isEmpty()) {
            reply(554, "5.5.1", "no valid recipients");
            return true;
        }
        boolean drop = script.takeDrop();
        reply(354, "", "End data with <CR><LF>.<CR><LF>");
        MessageDigest digest = sha256();
        ByteArrayOutputStream content = options.recordContent() ? new ByteArrayOutputStream(8192) : null;
        long size = 0;
        boolean lineStart = true;
        byte lastByte = '\n';
        while (true) {
            LineReader.Result result = in.readSegment(line, DATA_SEGMENT);
            if (result == LineReader.Result.EOF) {
                throw new IOException("connection closed during DATA");
            }
            if (drop) {
                dropConnection();
                return false;
            }
            if (lineStart && line.isDotCrlf()) {
                break;
            }
            int offset = lineStart && line.byteAt(0) == '.' ? 1 : 0;
            int length = line.length() - offset;
            digest.update(line.bytes(), offset, length);
            if (content != null) {
                content.write(line.bytes(), offset, length);
            }
            size += length;
            byte previous = line.length() >= 2 ? line.byteAt(line.length() - 2) : lastByte;
            lastByte = line.byteAt(line.length() - 1);
            lineStart = result == LineReader.Result.LINE && previous == '\r';
        }
        if (!script.awaitTurn(rcptTo)) {
            dropConnection();
            return false;
        }
        Instant receivedAt = Instant.now();
        ReceivedMessage message = new ReceivedMessage(helo, mailFrom, rcptTo,
                content == null ? new byte[0] : content.toByteArray(), size,
                HexFormat.of().formatHex(digest.digest()), receivedAt, number,
                overTls() ? ((SSLSocket) socket).getSession().getProtocol() : "",
                overTls() ? ((SSLSocket) socket).getSession().getCipherSuite() : "", mailParameters, rcptParameters);
        resetTransaction();
        Optional<ScriptedReply> failure = script.takeFailure();
        if (failure.isPresent()) {
            log.countRejected();
            write(failure.get().line());
        } else {
            log.add(message);
            accepted++;
            reply(250, "2.0.0", "Ok: queued as S" + number + "M" + accepted);
        }
        return true;
    }

    /** Closes without a reply: FIN first, so the client reads EOF rather than a reset. */
    private void dropConnection() throws IOException {
        LOG.debug("sink connection {} dropped during DATA as scripted", number);
        out.flush();
        socket.shutdownOutput();
        socket.close();
    }

    private void resetTransaction() {
        mailFrom = null;
        rcptTo.clear();
        mailParameters = "";
        rcptParameters.clear();
    }

    /** The ESMTP parameters after the path of a MAIL FROM or RCPT TO argument, as sent; "" if none. */
    private static String parameters(String argument) {
        String rest = argument.substring(argument.indexOf(':') + 1).stripLeading();
        int end = rest.startsWith("<") ? rest.indexOf('>') + 1 : rest.indexOf(' ');
        return end <= 0 ? "" : rest.substring(end).strip();
    }

    /**
     * The address in {@code FROM:<address> params} or {@code TO:<address> params}; ESMTP parameters are
     * left to {@link #parameters}. Empty if the argument does not have that shape.
     */
    private static Optional<String> path(String argument, String prefix) {
        if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String rest = argument.substring(prefix.length()).stripLeading();
        if (rest.startsWith("<")) {
            int close = rest.indexOf('>');
            return close < 0 ? Optional.empty() : Optional.of(rest.substring(1, close));
        }
        int space = rest.indexOf(' ');
        String bare = space < 0 ? rest : rest.substring(0, space);
        return bare.isEmpty() ? Optional.empty() : Optional.of(bare);
    }

    private void reply(int code, String enhanced, String text) throws IOException {
        boolean withStatus = !enhanced.isEmpty() && options.enhancedStatusCodes();
        write(code + " " + (withStatus ? enhanced + " " : "") + text);
    }

    private void write(String replyLine) throws IOException {
        out.write(replyLine.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
