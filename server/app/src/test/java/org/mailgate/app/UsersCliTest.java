package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.james.core.Username;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.user.Users;
import org.mailgate.app.cli.CommandLine;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * {@code mailgate users} over the admin API: against a gateway in this JVM, and against one running in
 * another process, whose accounts change at once for SMTP AUTH.
 */
class UsersCliTest {

    static final String PASSWORD = "correct horse battery";

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    AdminCommand command;

    @BeforeEach
    void command() {
        command = new AdminCommand(tmp.resolve("conf"), tmp.resolve("var"));
    }

    /** Runs {@code mailgate users ARGUMENTS} with {@code stdin} and no terminal, on {@code conf/} and {@code var/}. */
    int users(String stdin, String... arguments) {
        return command.run(stdin, Stream.concat(Stream.of("users"), Stream.of(arguments)).toArray(String[]::new));
    }

    String out() {
        return command.out();
    }

    String err() {
        return command.err();
    }

    /** Starts the gateway in this JVM; its admin API on a fixed free port, so that the CLI finds it in conf/. */
    void start() throws Exception {
        peers.start(peers.conf().webAdmin("port=" + freePort() + "\n").writeTo(tmp.resolve("conf")), tmp.resolve("var"));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
    void accountsAreManagedThroughTheAdminApi() throws Exception {
        start();

        assertThat(users(PASSWORD + "\n", "add", "Alice@Local.Example", "--password-stdin")).as(err()).isZero();
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
        assertThat(out()).contains("password of alice@local.example changed");

        assertThat(users("", "list")).isZero();
        assertThat(out()).isEqualTo("USER\nalice@local.example\ncarol@local.example\n");
        assertThat(users("", "list", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out()).findValuesAsText("username"))
                .containsExactly("alice@local.example", "carol@local.example");
        assertThat(users("", "remove", "carol@local.example")).isZero();
        assertThat(out()).contains("user carol@local.example removed");
        assertThat(users("", "remove", "carol@local.example")).isEqualTo(1);
        assertThat(err()).contains("no such user: carol@local.example");

        Users stored = peers.gateway().instance(Users.class);
        assertThat(stored.list()).containsExactly(Username.of("alice@local.example"));
        assertThat(stored.verify(Username.of("alice@local.example"), "another long secret")).isTrue();
    }

    @Test
    void badUsageExitsTwoWithTheUsage() {
        assertThat(users("", "rename", "a@b.example")).isEqualTo(2);
        assertThat(err()).contains("unknown users action 'rename'").contains("usage:")
                .contains("mailgate users add|passwd NAME [--password-stdin]");
        assertThat(users("", "add")).isEqualTo(2);
        assertThat(users("", "list", "a@b.example")).isEqualTo(2);
        assertThat(users("", "remove", "a@b.example", "--password-stdin")).isEqualTo(2);
        assertThat(users("")).isEqualTo(2);
    }

    @Test
    void withoutARunningGatewayTheCommandSaysSo() throws Exception {
        Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(tmp.resolve("conf/webadmin.properties"), "port=" + freePort() + "\ntoken=t0123456789abcdef\n");

        assertThat(users("", "list")).isEqualTo(1);

        assertThat(err()).contains("cannot reach the admin API").contains("is the gateway running?");
    }

    @Test
    void accountsChangeWhileTheGatewayRunsInAnotherProcess() throws Exception {
        Path conf = peers.conf().authorizedAddresses("192.0.2.0/24").webAdmin("port=" + freePort() + "\n")
                .smtpServerElements("<auth><announce>always</announce><requireSSL>false</requireSSL></auth>")
                .writeTo(tmp.resolve("conf"));
        try (ServerProcess server = ServerProcess.start(conf, tmp.resolve("var"))) {
            InetSocketAddress smtp = server.awaitReady(Duration.ofSeconds(60));

            assertThat(users(PASSWORD + "\n", "add", "alice@local.example", "--password-stdin")).as(err()).isZero();
            assertThat(out()).contains("user alice@local.example added");
            assertThat(authenticates(smtp, PASSWORD)).isTrue();

            assertThat(users("another long secret\n", "passwd", "alice@local.example", "--password-stdin")).isZero();
            assertThat(authenticates(smtp, "another long secret")).isTrue();

            assertThat(users("", "remove", "alice@local.example")).isZero();
            assertThat(authenticates(smtp, "another long secret")).isFalse();
            assertThat(server.output()).noneMatch(l -> l.contains(PASSWORD) || l.contains("another long secret"));
        }
    }

    private static boolean authenticates(InetSocketAddress smtp, String password) {
        return authenticates(smtp, "alice@local.example", password);
    }

    /** Whether AUTH PLAIN as {@code user} with {@code password} succeeds in a new session. */
    static boolean authenticates(InetSocketAddress smtp, String user, String password) {
        try (SmtpDialogue dialogue = SmtpDialogue.connect(smtp)) {
            dialogue.expect(220);
            dialogue.ehlo("client.example");
            return dialogue.command("AUTH PLAIN " + AuthEndToEndTest.plain(user, password)).code() == 235;
        }
    }
}
