package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.repository.MailRepository;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * Third-party mailets and matchers in {@code extensions/}: the example of the README's "Writing a
 * custom mailet" section is compiled, packed into a jar, dropped into {@code extensions/} beside
 * {@code conf/}, named by its full class names, and runs with its {@code @Inject} collaborators.
 */
class ExtensionJarsTest {

    static final Path README = Path.of("../../README.md");

    @TempDir
    Path tmp;
    GatewayFixture gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** The java code blocks of the README's "Writing a custom mailet" section. */
    static List<String> readmeExamples() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Writing a custom mailet");
        int end = readme.indexOf("\n## ", start + 1);
        Matcher blocks = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(start, end));
        List<String> sources = new ArrayList<>();
        while (blocks.find()) {
            sources.add(blocks.group(1));
        }
        return sources;
    }

    /** Compiles {@code sources} against the Mailet API and Mailgate's API, and packs them into a jar. */
    static Path jar(List<String> sources, Path work) throws Exception {
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (String source : sources) {
            Matcher name = Pattern.compile("public final class (\\w+)").matcher(source);
            assertThat(name.find()).isTrue();
            Path file = src.resolve(name.group(1) + ".java");
            Files.writeString(file, source);
            files.add(file.toString());
        }
        String classPath = String.join(java.io.File.pathSeparator, List.of(location(Mail.class),
                location(GenericMailet.class), location(MessagingException.class), location(jakarta.inject.Inject.class),
                location(org.apache.james.core.MailAddress.class), location(DomainList.class)));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath, "--release", "21"));
        arguments.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("the README example compiles").isZero();
        Path jar = work.resolve("example-mailets.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> all = Files.walk(classes)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void theReadmeExampleRunsFromTheExtensionsDirectoryWithItsInjectedCollaborators() throws Exception {
        List<String> examples = readmeExamples();
        assertThat(examples).hasSize(2);
        Path jar = jar(examples, Files.createDirectories(tmp.resolve("build")));
        Files.copy(jar, Files.createDirectories(tmp.resolve("extensions")).resolve("example-mailets.jar"));
        Path conf = new TestConf().rootMailets("""
                <mailet match="com.example.matchers.LocalPartStartsWith=sales-" class="com.example.mailets.TagRelayed">
                  <header>X-Sales-Gateway</header>
                </mailet>""").writeTo(tmp.resolve("conf"));
        gateway = GatewayFixture.start(conf, tmp.resolve("var"));

        try (SmtpDialogue smtp = SmtpDialogue.connect(gateway.smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("alice@example.org", List.of("sales-emea@local.example", "bob@local.example"),
                    "Subject: offer\r\n\r\nbody\r\n").code()).isEqualTo(250);
        }

        MailRepository inbound = gateway.instance(MailRepositoryStore.class)
                .select(MailRepositoryUrl.of("file://var/mail/inbound/"));
        Await.until(Duration.ofSeconds(10), () -> inbound.size() == 2, () -> "both parts of the split are stored");
        List<String> stored = new ArrayList<>();
        for (String key : inbound.keys(0, 2)) {
            Mail mail = inbound.retrieve(key).orElseThrow();
            stored.add(mail.getRecipients() + " " + mail.getMessage().getHeader("X-Sales-Gateway", null));
        }
        assertThat(stored).containsExactlyInAnyOrder("[sales-emea@local.example] local.example gateway",
                "[bob@local.example] null");
    }
}
