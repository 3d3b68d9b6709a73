package org.mailgate.smtp.server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.james.core.Username;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.net.NetworkList;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.RewriteSettings;
import org.mailgate.api.spool.MailSpool;
import org.mailgate.api.user.Users;
import org.mailgate.smtp.config.AuthConfig;
import org.mailgate.smtp.config.SmtpServerConfig;
import org.mailgate.smtp.config.SmtpServersConfig;
import org.mailgate.smtp.config.TlsConfig;
import org.mailgate.smtp.session.SessionServices;
import org.mailgate.spool.Database;
import org.mailgate.spool.H2MappingStore;
import org.mailgate.spool.H2Users;
import org.mailgate.spool.PasswordHash;
import org.mailgate.spool.SpoolSettings;
import org.mailgate.spool.rrt.ConfiguredRecipientRewriteTable;
import org.mailgate.spool.rrt.RecipientRewriteTableConfig;
import org.mailgate.testkit.domain.FixedDomainList;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * A real SMTP server over the real H2 account store, for AUTH dialogues on loopback. Accounts:
 * {@value #ALICE} with {@value #PASSWORD}; {@code sales@local.example} is an alias of alice.
 */
final class AuthFixture implements AutoCloseable {

    static final String ALICE = "alice@local.example";
    static final String PASSWORD = "correct horse battery";

    static final DomainList LOCAL = FixedDomainList.of("local.example", "other.local.example");

    final Database database;
    final H2Users users;
    private final List<SmtpServer> servers = new ArrayList<>();

    AuthFixture(Path dir) throws Exception {
        database = new Database(SpoolSettings.defaults(dir));
        database.start();
        users = new H2Users(database, new PasswordHash(1_000));
        users.add(Username.of(ALICE), PASSWORD);
    }

    /**
     * A server whose clients (127.0.0.1) are NOT in authorizedAddresses, with {@code auth} applied to what
     * an empty {@code <auth/>} gives.
     */
    SmtpServer start(MailSpool spool, Clock clock, UnaryOperator<AuthConfig> auth) throws Exception {
        return start(spool, clock, auth, TlsConfig.disabled(), users);
    }

    /** {@link #start(MailSpool, Clock, UnaryOperator)} with this TLS (configured keys) and account store. */
    SmtpServer start(MailSpool spool, Clock clock, UnaryOperator<AuthConfig> auth, TlsConfig tls, Users accounts)
            throws Exception {
        return start(spool, clock, c -> c.withAuth(auth.apply(AuthConfig.enabled())).withTls(tls), accounts);
    }

    /** A server whose clients (127.0.0.1) are not in authorizedAddresses, configured by {@code configure}. */
    SmtpServer start(MailSpool spool, Clock clock, UnaryOperator<SmtpServerConfig> configure, Users accounts)
            throws Exception {
        SmtpServerConfig config = configure.apply(SmtpServerConfig.of(new InetSocketAddress("127.0.0.1", 0),
                "mx.local.example", NetworkList.none()));
        SmtpServer server = new SmtpServer(new SmtpServersConfig(List.of(config)),
                new SessionServices(spool, LOCAL, clock, accounts, rewrites()), Duration.ofSeconds(2));
        server.start();
        servers.add(server);
        return server;
    }

    /** The rewrite table: {@code sales@local.example} is an alias of alice. */
    ConfiguredRecipientRewriteTable rewrites() {
        return new ConfiguredRecipientRewriteTable(new RecipientRewriteTableConfig(RewriteSettings.DEFAULT,
                Map.of(MappingSource.parse("sales@local.example"), List.of(Mapping.parse(ALICE)))),
                new H2MappingStore(database));
    }

    static SmtpDialogue connect(SmtpServer server) {
        SmtpDialogue smtp = SmtpDialogue.connect(server.addresses().get(0));
        smtp.expect(220);
        smtp.ehlo("client.example");
        return smtp;
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String plain(String user, String password) {
        return base64("\0" + user + "\0" + password);
    }

    @Override
    public void close() {
        servers.forEach(SmtpServer::stop);
        database.stop();
    }
}
