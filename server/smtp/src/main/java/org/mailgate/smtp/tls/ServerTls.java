package org.mailgate.smtp.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.mailgate.smtp.config.KeySource;
import org.mailgate.smtp.config.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS of one {@code <smtpserver>}: its SSL context, prepared off the accept thread (and the first
 * start's certificate generation with it), and swapped atomically when the key or certificate files
 * change. Files are checked at most once per {@code checkEvery}, by the connection that next needs TLS;
 * a file that cannot be used is logged as an error and the previous certificate stays in service.
 */
public final class ServerTls {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    /** How long a connection waits for the context while it is still being prepared. */
    private static final Duration READY_WAIT = Duration.ofSeconds(30);

    private final String serverName;
    private final TlsConfig config;
    private final Duration checkEvery;
    private final CompletableFuture<KeySource> source;
    /** Done once the first load was tried; fails only if there is no key source at all. */
    private final CompletableFuture<Void> firstAttempt;
    private final AtomicReference<Active> active = new AtomicReference<>();
    private final AtomicLong nextCheck = new AtomicLong();
    private volatile FileStamps failedStamps;

    /** The context in service, the key material behind it, and the files as they were read. */
    private record Active(SSLContext context, SSLParameters parameters, KeyMaterial material, FileStamps stamps) {
    }

    private ServerTls(String serverName, TlsConfig config, Duration checkEvery, CompletableFuture<KeySource> source) {
        this.serverName = serverName;
        this.config = config;
        this.checkEvery = checkEvery;
        this.source = source;
        this.firstAttempt = source.thenAccept(this::firstLoad);
    }

    /**
     * Starts preparing the context on a virtual thread and returns at once; connections that need TLS
     * wait for it.
     *
     * @param helloName  the host name for a generated certificate
     * @param generated  where a certificate is generated when {@code config} names no key
     * @param checkEvery how often at most the files are checked for changes
     */
    public static ServerTls prepare(String serverName, String helloName, TlsConfig config,
                                    GeneratedCertificates generated, Duration checkEvery) {
        CompletableFuture<KeySource> source = new CompletableFuture<>();
        ServerTls tls = new ServerTls(serverName, config, checkEvery, source);
        tls.firstAttempt.whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.error("{}: TLS is unavailable: {}", serverName, rootMessage(failure));
            }
        });
        // Completing the source runs the first load on this virtual thread, never on the caller's.
        Thread.ofVirtual().name("tls-prepare-" + serverName).start(() -> {
            try {
                source.complete(config.keys().isPresent() ? config.keys().get() : generated.forHost(helloName));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                source.completeExceptionally(e);
            }
        });
        return tls;
    }

    public TlsConfig config() {
        return config;
    }

    /** Waits (a little) for the context; false if TLS cannot be offered now. */
    public boolean available() {
        return current() != null;
    }

    /**
     * Runs the server side of a handshake over {@code plain} (after STARTTLS's 220, or at once on an
     * implicit-TLS port) within {@code timeout}, with the certificate in service now.
     *
     * @throws IOException if TLS is unavailable or the handshake fails or times out
     */
    public SSLSocket handshake(Socket plain, Duration timeout) throws IOException {
        Active current = current();
        if (current == null) {
            throw new IOException("TLS is unavailable on " + serverName);
        }
        SSLSocket socket = (SSLSocket) current.context().getSocketFactory().createSocket(plain,
                plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        socket.setUseClientMode(false);
        socket.setSSLParameters(current.parameters());
        int previous = plain.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        socket.startHandshake();
        socket.setSoTimeout(previous);
        return socket;
    }

    /** The certificate new connections get (after a check for changed files); empty if TLS is unavailable. */
    public Optional<X509Certificate> certificate() {
        Active current = current();
        return current == null ? Optional.empty() : Optional.of(current.material().certificate());
    }

    /** The context in service (after a check for changed files), or null if there is none. */
    private Active current() {
        try {
            firstAttempt.get(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
        reloadIfChanged();
        return active.get();
    }

    /** A file that cannot be used now is logged, and picked up once it changes (a later check). */
    private void firstLoad(KeySource keys) {
        FileStamps stamps = FileStamps.of(keys.files());
        try {
            Active loaded = load(keys, stamps);
            active.set(loaded);
            LOG.debug("{}: TLS certificate {} from {} (SHA-256 {})", serverName,
                    loaded.material().certificate().getSubjectX500Principal(), keys.origin(),
                    loaded.material().fingerprint());
        } catch (KeyMaterialException | GeneralSecurityException | RuntimeException e) {
            failedStamps = stamps;
            LOG.error("{}: TLS is unavailable until {} ({}) can be used: {}", serverName, keys.files(),
                    keys.origin(), e.getMessage());
        }
        nextCheck.set(System.nanoTime() + checkEvery.toNanos());
    }

    /** One caller at a time looks at the files, at most once per interval; the others go on with what is active. */
    private void reloadIfChanged() {
        long now = System.nanoTime();
        long due = nextCheck.get();
        if (now - due < 0 || !nextCheck.compareAndSet(due, now + checkEvery.toNanos())) {
            return;
        }
        KeySource keys = source.join();
        FileStamps stamps = FileStamps.of(keys.files());
        Active current = active.get();
        if ((current != null && stamps.equals(current.stamps())) || stamps.equals(failedStamps)) {
            return;
        }
        try {
            Active loaded = load(keys, stamps);
            active.set(loaded);
            failedStamps = null;
            LOG.info("{}: reloaded the TLS certificate {} from {} (SHA-256 {}, valid until {})", serverName,
                    loaded.material().certificate().getSubjectX500Principal(), keys.files(),
                    loaded.material().fingerprint(), loaded.material().certificate().getNotAfter().toInstant());
        } catch (KeyMaterialException | GeneralSecurityException | RuntimeException e) {
            failedStamps = stamps;
            LOG.error("{}: the changed TLS files {} ({}) cannot be used, keeping the previous certificate: {}",
                    serverName, keys.files(), keys.origin(), e.getMessage());
        }
    }

    private Active load(KeySource keys, FileStamps stamps) throws KeyMaterialException, GeneralSecurityException {
        KeyMaterial material = KeyMaterial.load(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(material.keyManagers(), null, null);
        warnIfExpired(material.certificate());
        return new Active(context, parameters(context), material, stamps);
    }

    /** Only the configured protocols and suites that this JDK has, in the configured order. */
    private SSLParameters parameters(SSLContext context) {
        List<String> supported = List.of(context.getSupportedSSLParameters().getCipherSuites());
        SSLParameters parameters = new SSLParameters(
                config.cipherSuites().stream().filter(supported::contains).toArray(String[]::new),
                config.protocols().toArray(String[]::new));
        parameters.setUseCipherSuitesOrder(true);
        parameters.setNeedClientAuth(false);
        parameters.setWantClientAuth(false);
        return parameters;
    }

    private void warnIfExpired(X509Certificate certificate) {
        Date notAfter = certificate.getNotAfter();
        if (notAfter.toInstant().isBefore(Instant.now())) {
            LOG.warn("{}: the TLS certificate {} expired on {}", serverName, certificate.getSubjectX500Principal(),
                    notAfter.toInstant());
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
