package org.mailgate.smtp.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP client for TLS tests: plain, then STARTTLS, or TLS from the start; each reply is read whole
 * (all its lines). Not for production use: it checks the certificate only against the given context.
 */
public final class TlsClient implements AutoCloseable {

    /** One reply: the code and the text of each line. */
    public record Reply(int code, List<String> lines) {
        public String text() {
            return lines.get(lines.size() - 1);
        }

        public boolean has(String keyword) {
            return lines.stream().anyMatch(l -> l.equalsIgnoreCase(keyword) || l.toUpperCase().startsWith(keyword + " "));
        }
    }

    private final Socket plain;
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    private TlsClient(Socket socket) throws IOException {
        this.plain = socket;
        use(socket);
    }

    /** A plain TCP connection; read the greeting next. */
    public static TlsClient connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 10_000);
        socket.setSoTimeout(20_000);
        return new TlsClient(socket);
    }

    /** A connection that starts with a TLS handshake (implicit TLS); read the greeting next. */
    public static TlsClient connectTls(InetSocketAddress address, SSLContext context) throws IOException {
        TlsClient client = connect(address);
        client.handshake(context);
        return client;
    }

    private void use(Socket newSocket) throws IOException {
        this.socket = newSocket;
        this.in = new BufferedReader(new InputStreamReader(newSocket.getInputStream(), StandardCharsets.US_ASCII));
        this.out = newSocket.getOutputStream();
    }

    /** Runs the client side of a handshake over the current connection. */
    public void handshake(SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "mx.local.example",
                plain.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
    }

    /** {@code STARTTLS}, expects 220, then the handshake. */
    public void startTls(SSLContext context) throws IOException {
        Reply reply = command("STARTTLS");
        if (reply.code() != 220) {
            throw new AssertionError("STARTTLS refused: " + reply);
        }
        handshake(context);
    }

    public Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed by the server after " + lines);
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    public Reply expect(int code) throws IOException {
        Reply reply = read();
        if (reply.code() != code) {
            throw new AssertionError("expected " + code + " but got " + reply);
        }
        return reply;
    }

    /** Sends {@code line} and expects {@code code}. */
    public Reply expect(int code, String line) throws IOException {
        sendRaw(line + "\r\n");
        return expect(code);
    }

    public TlsClient sendRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return this;
    }

    public Reply command(String line) throws IOException {
        sendRaw(line + "\r\n");
        return read();
    }

    /** MAIL, one RCPT, DATA and the message; returns the reply to the end of data. */
    public Reply sendMail(String from, String to, String message) throws IOException {
        expectOk(command("MAIL FROM:<" + from + ">"));
        expectOk(command("RCPT TO:<" + to + ">"));
        Reply data = command("DATA");
        if (data.code() != 354) {
            throw new AssertionError("DATA refused: " + data);
        }
        return command(message + ".");
    }

    private static void expectOk(Reply reply) {
        if (reply.code() != 250) {
            throw new AssertionError("expected 250 but got " + reply);
        }
    }

    /** The server's certificate, once in TLS. */
    public X509Certificate serverCertificate() throws IOException {
        return (X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0];
    }

    public SSLSocket tlsSocket() {
        return (SSLSocket) socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        plain.close();
    }
}
