package org.mailgate.container.context;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.HostAddress;
import org.apache.mailet.LookupException;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.TemporaryLookupException;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.dns.MxRecord;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mailet.ContextAttributes;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.spool.MailSpool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What mailets see of the server. Mail sent through the context goes into the spool, inside the
 * current spool unit when there is one, so it is committed together with the mail being processed.
 */
public final class MailgateMailetContext implements MailetContext {

    private static final Logger LOG = LoggerFactory.getLogger("org.mailgate.mailet");

    private final ContextSettings settings;
    private final DomainList domains;
    private final DnsResolver dns;
    private final MailSpool spool;
    private final BounceFactory bounces;
    private final MailMetrics metrics;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();

    @Inject
    public MailgateMailetContext(ContextSettings settings, DomainList domains, DnsResolver dns, MailSpool spool,
                                 MailMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.domains = domains;
        this.dns = dns;
        this.spool = spool;
        this.bounces = new BounceFactory(settings);
        attributes.put(ContextAttributes.HOST_NAME, settings.hostName());
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
        return settings.serverInfo();
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
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public void log(String message) {
        LOG.info(message);
    }

    @Override
    public void log(String message, Throwable t) {
        LOG.error(message, t);
    }

    @Override
    public void log(LogLevel level, String message) {
        log(level, message, null);
    }

    @Override
    public void log(LogLevel level, String message, Throwable t) {
        switch (level) {
            case DEBUG -> LOG.debug(message, t);
            case INFO -> LOG.info(message, t);
            case WARN -> LOG.warn(message, t);
            case ERROR -> LOG.error(message, t);
        }
    }

    @Override
    public MailAddress getPostmaster() {
        return settings.postmaster();
    }

    @Override
    public boolean isLocalServer(Domain domain) {
        return domains.isLocal(domain);
    }

    /** Without a user directory every name in a local domain is local: the gateway relays the domain. */
    @Override
    public boolean isLocalUser(String userAccount) {
        int at = userAccount.lastIndexOf('@');
        return at < 0 || domains.isLocal(Domain.of(userAccount.substring(at + 1)));
    }

    @Override
    public boolean isLocalEmail(MailAddress address) {
        return address != null && domains.isLocal(address.getDomain());
    }

    @Override
    public Collection<String> getMailServers(Domain domain) {
        try {
            List<MxRecord> records = dns.mx(domain);
            if (records.isEmpty()) {
                return List.of(domain.asString());
            }
            return records.stream().filter(r -> !r.isNullMx()).map(MxRecord::host).toList();
        } catch (DnsException e) {
            LOG.warn("MX lookup for {} failed: {}", domain.asString(), e.getMessage());
            return List.of();
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    public Iterator<HostAddress> getSMTPHostAddresses(Domain domain) {
        List<HostAddress> addresses = new ArrayList<>();
        for (String host : getMailServers(domain)) {
            try {
                for (InetAddress address : dns.addresses(host)) {
                    addresses.add(new HostAddress(host, "smtp://" + address.getHostAddress() + ":25"));
                }
            } catch (DnsException e) {
                LOG.warn("address lookup for {} failed: {}", host, e.getMessage());
            }
        }
        return addresses.iterator();
    }

    @Override
    public List<String> dnsLookup(String name, RecordType type) throws TemporaryLookupException, LookupException {
        try {
            return switch (type) {
                case MX -> dns.mx(Domain.of(name)).stream().map(MxRecord::host).toList();
                case A -> dns.addresses(name).stream().filter(a -> a.getAddress().length == 4)
                        .map(InetAddress::getHostAddress).toList();
                case AAAA -> dns.addresses(name).stream().filter(a -> a.getAddress().length == 16)
                        .map(InetAddress::getHostAddress).toList();
                default -> throw new LookupException(type + " lookups are not available to mailets in Mailgate");
            };
        } catch (DnsException e) {
            if (e.isPermanent()) {
                throw new LookupException(e.getMessage());
            }
            throw new TemporaryLookupException(e.getMessage());
        }
    }

    @Override
    public void sendMail(MimeMessage message) throws MessagingException {
        MailAddress sender = message.getFrom() == null || message.getFrom().length == 0 ? null
                : new MailAddress((jakarta.mail.internet.InternetAddress) message.getFrom()[0]);
        List<MailAddress> recipients = new ArrayList<>();
        for (var address : message.getAllRecipients()) {
            recipients.add(new MailAddress((jakarta.mail.internet.InternetAddress) address));
        }
        sendMail(sender, recipients, message);
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage message)
            throws MessagingException {
        sendMail(sender, recipients, message, Mail.DEFAULT);
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage message, String state)
            throws MessagingException {
        Mail mail = MailgateMail.builder("context-" + created.incrementAndGet())
                .sender(sender == null ? MaybeSender.nullSender() : MaybeSender.of(sender))
                .recipients(recipients)
                .message(message)
                .state(state)
                .build();
        sendMail(mail, state);
    }

    @Override
    public void sendMail(Mail mail) throws MessagingException {
        sendMail(mail, stateOf(mail));
    }

    @Override
    public void sendMail(Mail mail, long delay, TimeUnit unit) throws MessagingException {
        sendMail(mail, stateOf(mail), delay, unit);
    }

    /** Spools {@code mail}, marked as sent by a mailet (what the {@code SentByMailet} matcher tests). */
    @Override
    public void sendMail(Mail mail, String state) throws MessagingException {
        mail.setAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE);
        spool.send(mail, state);
    }

    @Override
    public void sendMail(Mail mail, String state, long delay, TimeUnit unit) throws MessagingException {
        mail.setAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE);
        spool.send(mail, state, Duration.ofMillis(unit.toMillis(delay)));
    }

    private static String stateOf(Mail mail) {
        String state = mail.getState();
        return state == null || state.equals(Mail.GHOST) ? Mail.DEFAULT : state;
    }

    @Override
    public void bounce(Mail mail, String message) throws MessagingException {
        bounce(mail, message, getPostmaster());
    }

    @Override
    public void bounce(Mail mail, String message, MailAddress bouncer) throws MessagingException {
        if (!mail.hasSender()) {
            LOG.warn("{}: not bouncing a mail from the null sender ({})", mail.getName(), message);
            return;
        }
        sendMail(bounces.bounce(mail, message, bouncer));
        metrics.report(MailMetrics.ReportAction.FAILED, MailMetrics.ReportSource.MAILET);
    }

    @Override
    public Logger getLogger() {
        return LOG;
    }
}
