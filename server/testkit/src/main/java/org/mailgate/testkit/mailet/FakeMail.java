package org.mailgate.testkit.mailet;

import jakarta.mail.internet.AddressException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Attribute;
import org.apache.mailet.Mail;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mail.MessageParts;

/**
 * Mails for mailet and matcher tests:
 * {@code FakeMail.builder().sender("a@x.example").recipients("b@y.example").header("Subject", "hi").build()}.
 * The result is Mailgate's own {@link MailgateMail}, so a test sees what the container would pass.
 */
public final class FakeMail {

    private String name = "MAIL1";
    private String state = Mail.DEFAULT;
    private MaybeSender sender = MaybeSender.nullSender();
    private final List<MailAddress> recipients = new ArrayList<>();
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private String body = "Hello\r\n";
    private String remoteAddr = "127.0.0.1";
    private String remoteHost = "localhost";
    private final List<Attribute> attributes = new ArrayList<>();

    private FakeMail() {
    }

    public static FakeMail builder() {
        return new FakeMail();
    }

    public static MailAddress address(String text) {
        try {
            return new MailAddress(text);
        } catch (AddressException e) {
            throw new IllegalArgumentException("not an address: " + text, e);
        }
    }

    public FakeMail name(String name) {
        this.name = name;
        return this;
    }

    public FakeMail state(String state) {
        this.state = state;
        return this;
    }

    public FakeMail sender(String address) {
        this.sender = address.isEmpty() ? MaybeSender.nullSender() : MaybeSender.of(address(address));
        return this;
    }

    public FakeMail recipients(String... addresses) {
        for (String a : addresses) {
            recipients.add(address(a));
        }
        return this;
    }

    public FakeMail header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    /** The body, lines ending with CRLF. */
    public FakeMail body(String body) {
        this.body = body;
        return this;
    }

    public FakeMail remoteAddr(String address) {
        this.remoteAddr = address;
        return this;
    }

    public FakeMail remoteHost(String host) {
        this.remoteHost = host;
        return this;
    }

    public FakeMail attribute(Attribute attribute) {
        attributes.add(attribute);
        return this;
    }

    public MailgateMail build() {
        StringBuilder section = new StringBuilder();
        headers.forEach((n, values) -> values.forEach(v -> section.append(n).append(": ").append(v).append("\r\n")));
        section.append("\r\n");
        return MailgateMail.builder(name)
                .state(state)
                .sender(sender)
                .recipients(recipients)
                .parts(new MessageParts(section.toString().getBytes(StandardCharsets.UTF_8),
                        new ByteArrayBodySource(body.getBytes(StandardCharsets.UTF_8))))
                .remoteAddr(remoteAddr)
                .remoteHost(remoteHost)
                .attributes(attributes)
                .build();
    }
}
