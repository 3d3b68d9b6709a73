package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.app.cli.CommandLine;
import org.mailgate.app.users.ControlSocket;
import org.mailgate.app.users.UsersCli;
import org.mailgate.spool.Database;
import org.mailgate.spool.H2Users;
import org.mailgate.spool.SpoolSettings;
import org.mailgate.testkit.smtp.SmtpDialogue;

/** {@code mailgate users}: against a stopped gateway's var/, and against a gateway running in another JVM. */
class UsersCliTest {

    static final String PASSWORD = "correct horse battery";

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int users(String stdin, String... arguments) {
        out.reset();
        err.reset();
        return new UsersCli(tmp.resolve("var"), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                null, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8)).run(List.of(arguments));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCommandLineKeepsTheUsersArguments() throws Exception {
        CommandLine line = CommandLine.parse(new String[] {"users", "add", "a@b.example", "--password-stdin",
                "--var", "/tmp/v"}, Path.of("/opt/mailgate"));

        assertThat(line.command()).isEqualTo("users");
        assertThat(line.arguments()).containsExactly("add", "a@b.example", "--password-stdin");
        assertThat(line.varDir()).isEqualTo(Path.of("/tmp/v"));
    }

    @Test
    void accountsAreManagedInTheStoreOfAStoppedGateway() throws Exception {
        assertThat(users(PASSWORD + "\n", "add", "Alice@Local.Example", "--password-stdin")).isZero();
        assertThat(out()).contains("user alice@local.example added");
        assertThat(users(PASSWORD + "\n", "add", "alice@local.example", "--password-stdin")).isEqualTo(1);
        assertThat(err()).contains("alice@local.example exists already");
        assertThat(users("another long secret\n", "passwd", "bob@local.example", "--password-stdin")).isEqualTo(1);
        assertThat(err()).contains("no such user: bob@local.example");
        assertThat(users("short\n", "add", "bob@local.example", "--password-stdin")).isEqualTo(1);
        assertThat(err()).contains("too weak");
        assertThat(users("", "add", "bob@local.example", "--password-stdin")).isEqualTo(1);
        assertThat(err()).contains("the password is empty");
        assertThat(users("", "add", "bob", "--password-stdin")).isEqualTo(1);
        assertThat(err()).contains("full addresses such as alice@example.com");
        assertThat(users("", "add", "bob@local.example")).isEqualTo(1);
        assertThat(err()).contains("use --password-stdin");
        assertThat(users(PASSWORD + "\n", "add", "carol@local.example", "--password-stdin")).isZero();
        assertThat(users("another long secret\n", "passwd", "alice@local.example", "--password-stdin")).isZero();

        assertThat(users("", "list")).isZero();
        assertThat(out()).isEqualTo("alice@local.example\ncarol@local.example\n");
        assertThat(users("", "remove", "carol@local.example")).isZero();
        assertThat(users("", "remove", "carol@local.example")).isEqualTo(1);
        assertThat(err()).contains("no such user: carol@local.example");

        Database database = new Database(SpoolSettings.defaults(tmp.resolve("var")));
        database.start();
        try {
            H2Users stored = new H2Users(database);
            assertThat(stored.list()).containsExactly(Username.of("alice@local.example"));
            assertThat(stored.verify(Username.of("alice@local.example"), "another long secret")).isTrue();
        } finally {
            database.stop();
        }
    }

    @Test
    void badUsageExitsTwoWithTheUsage() {
        assertThat(users("", "rename", "a@b.example")).isEqualTo(2);
        assertThat(err()).contains("unknown users action 'rename'").contains("usage: mailgate users");
        assertThat(users("", "add")).isEqualTo(2);
        assertThat(users("", "list", "a@b.example")).isEqualTo(2);
        assertThat(users("")).isEqualTo(2);
    }

    @Test
    void accountsChangeWhileTheGatewayRunsInAnotherProcess() throws Exception {
        Path conf = peers.conf().authorizedAddresses("192.0.2.0/24")
                .smtpServerElements("<auth><announce>always</announce><requireSSL>false</requireSSL></auth>")
                .writeTo(tmp.resolve("conf"));
        try (ServerProcess server = ServerProcess.start(conf, tmp.resolve("var"))) {
            InetSocketAddress smtp = server.awaitReady(Duration.ofSeconds(60));
            Path socket = ControlSocket.socketFile(tmp.resolve("var"));
            assertThat(Files.getPosixFilePermissions(socket.getParent()))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE);

            assertThat(users(PASSWORD + "\n", "add", "alice@local.example", "--password-stdin")).isZero();
            assertThat(out()).contains("user alice@local.example added");
            assertThat(authenticates(smtp, PASSWORD)).isTrue();

            assertThat(users(PASSWORD + "\n", "add", "alice@local.example", "--password-stdin")).isEqualTo(1);
            assertThat(err()).contains("exists already");
            assertThat(users("another long secret\n", "passwd", "alice@local.example", "--password-stdin")).isZero();
            assertThat(users("", "list")).isZero();
            assertThat(out()).isEqualTo("alice@local.example\n");
            assertThat(authenticates(smtp, "another long secret")).isTrue();

            assertThat(users("", "remove", "alice@local.example")).isZero();
            assertThat(authenticates(smtp, "another long secret")).isFalse();
            assertThat(server.output()).noneMatch(l -> l.contains(PASSWORD) || l.contains("another long secret"));
        }
    }

    private static boolean authenticates(InetSocketAddress smtp, String password) {
        try (SmtpDialogue dialogue = SmtpDialogue.connect(smtp)) {
            dialogue.expect(220);
            dialogue.ehlo("client.example");
            String plain = Base64.getEncoder().encodeToString(("\0alice@local.example\0" + password)
                    .getBytes(StandardCharsets.UTF_8));
            return dialogue.command("AUTH PLAIN " + plain).code() == 235;
        }
    }
}
