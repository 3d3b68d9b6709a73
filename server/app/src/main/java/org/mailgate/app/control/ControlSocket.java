package org.mailgate.app.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.mailgate.api.Service;
import org.mailgate.app.reload.PipelineReload;
import org.mailgate.app.reload.ReloadOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets {@code mailgate reload} reload the pipeline of the running gateway through a Unix domain socket,
 * {@code var/run/control.sock}: nothing listens on the network for it. The socket's directory is made
 * readable by its owner only, so only the account that runs the gateway (or root) can talk to it. One
 * platform thread waits on it, each request runs on a virtual thread of its own; SMTP is not touched.
 *
 * <p>Protocol, one request per connection: the line {@code reload} ({@link PipelineReload}). The answer
 * is {@code ok} or {@code error} on the first line, then the text.
 */
public final class ControlSocket implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(ControlSocket.class);
    private static final int MAX_LINE = 4096;

    private final Path socketFile;
    private final PipelineReload reload;
    private ServerSocketChannel server;
    private Thread acceptor;

    public ControlSocket(Path varDir, PipelineReload reload) {
        this.socketFile = socketFile(varDir);
        this.reload = reload;
    }

    /** Where the gateway listens for {@code mailgate reload}. */
    public static Path socketFile(Path varDir) {
        return varDir.toAbsolutePath().resolve("run").resolve("control.sock");
    }

    @Override
    public void start() throws IOException {
        Path dir = socketFile.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.deleteIfExists(socketFile);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socketFile));
        } catch (IOException | IllegalArgumentException e) {
            // e.g. a var/ path longer than a socket address may be (about 100 bytes on Linux)
            LOG.warn("'mailgate reload' cannot reach this gateway (SIGHUP still reloads): cannot listen on {}: {}",
                    socketFile, e.getMessage());
            server.close();
            return;
        }
        Files.setPosixFilePermissions(socketFile, PosixFilePermissions.fromString("rw-------"));
        acceptor = Thread.ofPlatform().name("control-socket").daemon(true).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("control-request").start(() -> serveAndClose(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("control socket: {}", e.getMessage());
                }
            }
        }
    }

    private void serveAndClose(SocketChannel client) {
        try (client) {
            serve(client);
        } catch (IOException e) {
            LOG.debug("control socket client gone: {}", e.getMessage());
        }
    }

    private void serve(SocketChannel client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                StandardCharsets.UTF_8));
        OutputStream out = Channels.newOutputStream(client);
        ControlAnswer result;
        try {
            String request = line(in);
            if (!request.equals("reload")) {
                throw new IllegalArgumentException("expected 'reload'");
            }
            ReloadOutcome outcome = reload.reload();
            result = new ControlAnswer(outcome.applied(), outcome.text());
        } catch (IllegalArgumentException e) {
            result = new ControlAnswer(false, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("control socket request failed: {}", e.getMessage(), e);
            result = new ControlAnswer(false, "the gateway failed: " + e.getMessage());
        }
        out.write(((result.ok() ? "ok" : "error") + "\n" + result.text()).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String line(BufferedReader in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (line.length() >= MAX_LINE) {
                throw new IllegalArgumentException("request line too long");
            }
            line.append((char) c);
        }
        if (c < 0 && line.isEmpty()) {
            throw new IllegalArgumentException("empty request");
        }
        return line.toString();
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(socketFile);
        } catch (IOException e) {
            LOG.warn("closing the control socket failed: {}", e.getMessage());
        }
        if (acceptor != null) {
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String serviceName() {
        return "control-socket";
    }
}
