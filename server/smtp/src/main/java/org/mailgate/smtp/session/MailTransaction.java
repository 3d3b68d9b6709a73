package org.mailgate.smtp.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Attribute;
import org.apache.mailet.DsnParameters.Ret;
import org.mailgate.api.dsn.DsnRequest;
import org.mailgate.api.mail.Envelope;

/** The envelope being built between MAIL and the end of DATA (or RSET), with its DSN parameters. */
public final class MailTransaction {

    private final MaybeSender sender;
    private final List<MailAddress> recipients = new ArrayList<>();
    private final Map<MailAddress, DsnRequest.RecipientRequest> dsnRecipients = new LinkedHashMap<>();
    private Optional<String> envelopeId = Optional.empty();
    private Optional<Ret> ret = Optional.empty();
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();

    MailTransaction(MaybeSender sender) {
        this.sender = sender;
    }

    public MaybeSender sender() {
        return sender;
    }

    public void addRecipient(MailAddress recipient) {
        addRecipient(recipient, new DsnRequest.RecipientRequest(Optional.empty(), Optional.empty()));
    }

    /** Adds a recipient with its NOTIFY and ORCPT; a repeated recipient keeps what it was first given. */
    public void addRecipient(MailAddress recipient, DsnRequest.RecipientRequest dsn) {
        if (!recipients.contains(recipient)) {
            recipients.add(recipient);
            if (!dsn.isEmpty()) {
                dsnRecipients.put(recipient, dsn);
            }
        }
    }

    /** ENVID and RET of MAIL FROM. */
    public void requestDsn(Optional<String> newEnvelopeId, Optional<Ret> newRet) {
        this.envelopeId = newEnvelopeId;
        this.ret = newRet;
    }

    /** The DSN parameters given so far. */
    public DsnRequest dsn() {
        return new DsnRequest(envelopeId, ret, dsnRecipients);
    }

    public int recipientCount() {
        return recipients.size();
    }

    public boolean hasRecipients() {
        return !recipients.isEmpty();
    }

    /** An attribute for the mail, set by a hook; a later one of the same name replaces it. */
    public void putAttribute(Attribute attribute) {
        attributes.put(attribute.getName().asString(), attribute);
    }

    public Optional<Attribute> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** The attributes hooks set, for the mail once it is accepted. */
    public List<Attribute> attributes() {
        return List.copyOf(attributes.values());
    }

    public Envelope envelope() {
        return new Envelope(sender, recipients);
    }
}
