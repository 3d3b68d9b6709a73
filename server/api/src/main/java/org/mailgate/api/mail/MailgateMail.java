package org.mailgate.api.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;

/**
 * Mailgate's {@link Mail}. The message stays in its stored form ({@link MessageParts}) until a mailet
 * asks for it, and copies share the stored body. Not thread-safe: one mail is processed by one thread.
 */
public final class MailgateMail implements Mail {

    private static final long serialVersionUID = 1L;

    private String name;
    private String state;
    private MaybeSender sender;
    private final ArrayList<MailAddress> recipients;
    private transient MessageParts parts;
    private transient MimeMessage message;
    private final LinkedHashMap<AttributeName, Attribute> attributes;
    /** Attributes as the store keeps them, not decoded until someone looks at them. */
    private transient String storedAttributes;
    private transient java.util.function.Function<String, List<Attribute>> attributeDecoder;
    private String errorMessage;
    private String remoteHost;
    private String remoteAddr;
    private Date lastUpdated;
    private transient PerRecipientHeaders perRecipientHeaders;

    private MailgateMail(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.state = b.state;
        this.sender = b.sender;
        this.recipients = new ArrayList<>(b.recipients);
        this.parts = b.parts;
        this.message = b.message;
        this.attributes = new LinkedHashMap<>();
        b.attributes.forEach(a -> attributes.put(a.getName(), a));
        this.storedAttributes = b.storedAttributes;
        this.attributeDecoder = b.attributeDecoder;
        this.errorMessage = b.errorMessage;
        this.remoteHost = b.remoteHost;
        this.remoteAddr = b.remoteAddr;
        this.lastUpdated = b.lastUpdated;
        this.perRecipientHeaders = new PerRecipientHeaders();
        if (parts == null && message == null) {
            throw new IllegalArgumentException("a mail needs a message");
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The attributes in their stored form, if nobody has read or changed them since they were loaded. */
    public Optional<String> storedAttributes() {
        return Optional.ofNullable(storedAttributes);
    }

    private Map<AttributeName, Attribute> decoded() {
        if (storedAttributes != null) {
            for (Attribute a : attributeDecoder.apply(storedAttributes)) {
                attributes.putIfAbsent(a.getName(), a);
            }
            storedAttributes = null;
        }
        return attributes;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void setName(String name) {
        this.name = name;
    }

    @Override
    public MimeMessage getMessage() throws MessagingException {
        if (message == null) {
            message = parts.toMimeMessage();
        }
        return message;
    }

    @Override
    public void setMessage(MimeMessage message) {
        this.message = Objects.requireNonNull(message);
        this.parts = null;
    }

    /** The message in stored form: shares an unmodified body, writes out anything else. */
    public MessageParts messageParts() throws MessagingException {
        return message == null ? parts : MessageParts.of(message);
    }

    @Override
    public Collection<MailAddress> getRecipients() {
        return recipients;
    }

    @Override
    public void setRecipients(Collection<MailAddress> newRecipients) {
        List<MailAddress> copy = List.copyOf(newRecipients);
        recipients.clear();
        recipients.addAll(copy);
    }

    @Override
    @SuppressWarnings("deprecation")
    public MailAddress getSender() {
        return sender.asOptional().orElse(null);
    }

    @Override
    public MaybeSender getMaybeSender() {
        return sender;
    }

    @Override
    public boolean hasSender() {
        return !sender.isNullSender();
    }

    public void setSender(MaybeSender sender) {
        this.sender = Objects.requireNonNull(sender);
    }

    @Override
    public Mail duplicate() throws MessagingException {
        Builder copy = builder(name).state(state).sender(sender).recipients(recipients)
                .errorMessage(errorMessage).remoteHost(remoteHost).remoteAddr(remoteAddr).lastUpdated(lastUpdated);
        attributes.values().forEach(a -> copy.attribute(a.duplicate()));
        if (storedAttributes != null) {
            copy.storedAttributes(storedAttributes, attributeDecoder);
        }
        if (message == null) {
            copy.parts(parts);
        } else if (message instanceof SpooledMimeMessage spooled && spooled.unmodifiedBody().isPresent()) {
            copy.message(spooled.copy());
        } else {
            copy.parts(MessageParts.of(message));
        }
        MailgateMail duplicate = copy.build();
        duplicate.perRecipientHeaders.addAll(perRecipientHeaders);
        return duplicate;
    }

    @Override
    public String getState() {
        return state;
    }

    @Override
    public void setState(String state) {
        this.state = state;
    }

    @Override
    public String getRemoteHost() {
        return remoteHost;
    }

    @Override
    public String getRemoteAddr() {
        return remoteAddr;
    }

    @Override
    public String getErrorMessage() {
        return errorMessage;
    }

    @Override
    public void setErrorMessage(String errorMessage) {
        this.errorMessage = errorMessage;
    }

    @Override
    public Stream<Attribute> attributes() {
        return List.copyOf(decoded().values()).stream();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Serializable getAttribute(String attributeName) {
        Attribute attribute = decoded().get(AttributeName.of(attributeName));
        if (attribute == null) {
            return null;
        }
        Object value = attribute.getValue().value();
        return value instanceof Serializable serializable ? serializable : null;
    }

    @Override
    public Optional<Attribute> getAttribute(AttributeName attributeName) {
        return Optional.ofNullable(decoded().get(attributeName));
    }

    @Override
    public Iterator<String> getAttributeNames() {
        return decoded().keySet().stream().map(AttributeName::asString).toList().iterator();
    }

    @Override
    public Stream<AttributeName> attributeNames() {
        return List.copyOf(decoded().keySet()).stream();
    }

    @Override
    public boolean hasAttributes() {
        return !decoded().isEmpty();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Serializable removeAttribute(String attributeName) {
        Serializable previous = getAttribute(attributeName);
        decoded().remove(AttributeName.of(attributeName));
        return previous;
    }

    @Override
    public Optional<Attribute> removeAttribute(AttributeName attributeName) {
        return Optional.ofNullable(decoded().remove(attributeName));
    }

    @Override
    public void removeAllAttributes() {
        decoded().clear();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Serializable setAttribute(String attributeName, Serializable value) {
        Serializable previous = getAttribute(attributeName);
        if (value == null) {
            decoded().remove(AttributeName.of(attributeName));
        } else {
            setAttribute(Attribute.convertToAttribute(attributeName, value));
        }
        return previous;
    }

    @Override
    public Optional<Attribute> setAttribute(Attribute attribute) {
        return Optional.ofNullable(decoded().put(attribute.getName(), attribute));
    }

    @Override
    public Map<AttributeName, Attribute> attributesMap() {
        return Map.copyOf(decoded());
    }

    @Override
    public void addSpecificHeaderForRecipient(PerRecipientHeaders.Header header, MailAddress recipient) {
        perRecipientHeaders.addHeaderForRecipient(header, recipient);
    }

    @Override
    public PerRecipientHeaders getPerRecipientSpecificHeaders() {
        return perRecipientHeaders;
    }

    @Override
    public long getMessageSize() throws MessagingException {
        if (message == null) {
            return parts.size();
        }
        if (message instanceof SpooledMimeMessage spooled && spooled.unmodifiedBody().isPresent()) {
            return spooled.totalSize();
        }
        CountingStream counter = new CountingStream();
        try {
            message.writeTo(counter);
        } catch (IOException e) {
            throw new MessagingException("cannot measure message", e);
        }
        return counter.count;
    }

    @Override
    public Date getLastUpdated() {
        return lastUpdated == null ? null : new Date(lastUpdated.getTime());
    }

    @Override
    public void setLastUpdated(Date lastUpdated) {
        this.lastUpdated = lastUpdated == null ? null : new Date(lastUpdated.getTime());
    }

    @Override
    public String toString() {
        return "Mail[" + name + ", state=" + state + ", from=" + sender.asString() + ", to=" + recipients + "]";
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** Builds a mail; the message is given either in stored form or as a {@link MimeMessage}. */
    public static final class Builder {
        private final String name;
        private String state = Mail.DEFAULT;
        private MaybeSender sender = MaybeSender.nullSender();
        private List<MailAddress> recipients = List.of();
        private MessageParts parts;
        private MimeMessage message;
        private final List<Attribute> attributes = new ArrayList<>();
        private String storedAttributes;
        private java.util.function.Function<String, List<Attribute>> attributeDecoder;
        private String errorMessage;
        private String remoteHost = "localhost";
        private String remoteAddr = "127.0.0.1";
        private Date lastUpdated = new Date();

        private Builder(String name) {
            this.name = name;
        }

        public Builder state(String state) {
            this.state = state;
            return this;
        }

        public Builder sender(MaybeSender sender) {
            this.sender = sender;
            return this;
        }

        public Builder recipients(Collection<MailAddress> recipients) {
            this.recipients = List.copyOf(recipients);
            return this;
        }

        public Builder parts(MessageParts parts) {
            this.parts = parts;
            this.message = null;
            return this;
        }

        public Builder message(MimeMessage message) {
            this.message = message;
            this.parts = null;
            return this;
        }

        public Builder attribute(Attribute attribute) {
            attributes.add(attribute);
            return this;
        }

        public Builder attributes(Collection<Attribute> all) {
            attributes.addAll(all);
            return this;
        }

        /** Attributes in a stored form, decoded by {@code decoder} on first use. */
        public Builder storedAttributes(String stored, java.util.function.Function<String, List<Attribute>> decoder) {
            this.storedAttributes = stored;
            this.attributeDecoder = decoder;
            return this;
        }

        public Builder errorMessage(String errorMessage) {
            this.errorMessage = errorMessage;
            return this;
        }

        public Builder remoteHost(String remoteHost) {
            this.remoteHost = remoteHost;
            return this;
        }

        public Builder remoteAddr(String remoteAddr) {
            this.remoteAddr = remoteAddr;
            return this;
        }

        public Builder lastUpdated(Date lastUpdated) {
            this.lastUpdated = lastUpdated;
            return this;
        }

        public MailgateMail build() {
            return new MailgateMail(this);
        }
    }
}
