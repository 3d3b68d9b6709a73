package org.mailgate.testkit.mailet;

import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.HostAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.mailgate.api.mail.MailgateMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mailet context for tests: the local domains are given, mail sent or bounced through it is recorded
 * (with the state it was sent in), log lines too.
 */
public final class RecordingMailetContext implements MailetContext {

    /** A mail sent through the context, and the processor it was sent to. */
    public record Sent(Mail mail, String state) {
    }

    /** A bounce asked for, with its reason. */
    public record Bounced(Mail mail, String reason) {
    }

    private final Set<Domain> localDomains;
    private final MailAddress postmaster;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Bounced> bounced = new CopyOnWriteArrayList<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    public RecordingMailetContext(String... localDomains) {
        this.localDomains = java.util.Arrays.stream(localDomains).map(Domain::of).collect(java.util.stream.Collectors.toSet());
        this.postmaster = FakeMail.address("postmaster@" + (localDomains.length > 0 ? localDomains[0] : "localhost"));
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Bounced> bounced() {
        return List.copyOf(bounced);
    }

    public List<String> logged() {
        return List.copyOf(logged);
    }

    @Override
    public int getMajorVersion() {
        return 3;
    }

    @Override
    public int getMinorVersion() {
        return 9;
    }

    @Override
    public String getServerInfo() {
        return "Mailgate test";
    }

    @Override
    public Iterator<String> getAttributeNames() {
        return List.copyOf(attributes.keySet()).iterator();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public void log(String message) {
        logged.add(message);
    }

    @Override
    public void log(String message, Throwable t) {
        logged.add(message + ": " + t);
    }

    @Override
    public void log(LogLevel level, String message) {
        logged.add(level + " " + message);
    }

    @Override
    public void log(LogLevel level, String message, Throwable t) {
        logged.add(level + " " + message + ": " + t);
    }

    @Override
    public MailAddress getPostmaster() {
        return postmaster;
    }

    @Override
    public boolean isLocalServer(Domain domain) {
        return localDomains.contains(domain);
    }

    @Override
    public boolean isLocalUser(String user) {
        int at = user.lastIndexOf('@');
        return at < 0 || isLocalServer(Domain.of(user.substring(at + 1)));
    }

    @Override
    public boolean isLocalEmail(MailAddress address) {
        return address != null && isLocalServer(address.getDomain());
    }

    @Override
    public Collection<String> getMailServers(Domain domain) {
        return List.of();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Iterator<HostAddress> getSMTPHostAddresses(Domain domain) {
        return List.<HostAddress>of().iterator();
    }

    @Override
    public void sendMail(MimeMessage message) {
        throw new UnsupportedOperationException("give a sender and recipients");
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage message) {
        sendMail(sender, recipients, message, Mail.DEFAULT);
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage message, String state) {
        sent.add(new Sent(MailgateMail.builder("sent-" + (sent.size() + 1))
                .sender(sender == null ? MaybeSender.nullSender() : MaybeSender.of(sender))
                .recipients(new ArrayList<>(recipients)).message(message).state(state).build(), state));
    }

    @Override
    public void sendMail(Mail mail) {
        sent.add(new Sent(mail, mail.getState() == null ? Mail.DEFAULT : mail.getState()));
    }

    @Override
    public void sendMail(Mail mail, long delay, TimeUnit unit) {
        sendMail(mail);
    }

    @Override
    public void sendMail(Mail mail, String state) {
        sent.add(new Sent(mail, state));
    }

    @Override
    public void sendMail(Mail mail, String state, long delay, TimeUnit unit) {
        sendMail(mail, state);
    }

    @Override
    public void bounce(Mail mail, String message) {
        bounced.add(new Bounced(mail, message));
    }

    @Override
    public void bounce(Mail mail, String message, MailAddress bouncer) {
        bounced.add(new Bounced(mail, message));
    }

    @Override
    public List<String> dnsLookup(String name, RecordType type) {
        return List.of();
    }

    @Override
    public Logger getLogger() {
        return LoggerFactory.getLogger("org.mailgate.test.mailet");
    }
}
