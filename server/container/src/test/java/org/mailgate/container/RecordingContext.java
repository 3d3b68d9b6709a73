package org.mailgate.container;

import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.HostAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A mailet context that records the mail sent and bounced through it; {@code example.com} is local. */
public final class RecordingContext implements MailetContext {

    public final List<Mail> sent = new ArrayList<>();
    public final List<Mail> bounced = new ArrayList<>();

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
        return "test";
    }

    @Override
    public Iterator<String> getAttributeNames() {
        return List.<String>of().iterator();
    }

    @Override
    public Object getAttribute(String name) {
        return null;
    }

    @Override
    public void setAttribute(String name, Object object) {
    }

    @Override
    public void removeAttribute(String name) {
    }

    @Override
    public void log(String message) {
    }

    @Override
    public void log(String message, Throwable t) {
    }

    @Override
    public void log(LogLevel logLevel, String message) {
    }

    @Override
    public void log(LogLevel logLevel, String message, Throwable t) {
    }

    @Override
    public MailAddress getPostmaster() {
        return TestMails.address("postmaster@example.com");
    }

    @Override
    public boolean isLocalServer(Domain domain) {
        return domain.asString().equals("example.com");
    }

    @Override
    public boolean isLocalUser(String userAccount) {
        return userAccount.endsWith("@example.com");
    }

    @Override
    public boolean isLocalEmail(MailAddress mailAddress) {
        return isLocalServer(mailAddress.getDomain());
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
    public void sendMail(MimeMessage msg) {
        throw new UnsupportedOperationException("not used in these tests");
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage msg) {
        throw new UnsupportedOperationException("not used in these tests");
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage msg, String state) {
        throw new UnsupportedOperationException("not used in these tests");
    }

    @Override
    public void sendMail(Mail mail) {
        sent.add(mail);
    }

    @Override
    public void sendMail(Mail mail, long delay, TimeUnit unit) {
        sent.add(mail);
    }

    @Override
    public void sendMail(Mail mail, String state) {
        mail.setState(state);
        sent.add(mail);
    }

    @Override
    public void sendMail(Mail mail, String state, long delay, TimeUnit unit) {
        sendMail(mail, state);
    }

    @Override
    public void bounce(Mail mail, String message) {
        bounced.add(mail);
    }

    @Override
    public void bounce(Mail mail, String message, MailAddress bouncer) {
        bounced.add(mail);
    }

    @Override
    public List<String> dnsLookup(String name, RecordType type) {
        return List.of();
    }

    @Override
    public Logger getLogger() {
        return LoggerFactory.getLogger("test");
    }
}
