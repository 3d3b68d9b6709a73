package org.mailgate.api.spool;

import java.util.List;
import org.apache.mailet.Attribute;

/**
 * Where an accepted message came from: the client's address and name, attributes to set on the mail
 * (HELO name, SMTP session id, AUTH user...), and how the audit trail describes the client (address,
 * HELO, TLS, AUTH), written by the spool once the message is safe and before anyone processes it.
 */
public record Arrival(String remoteAddr, String remoteHost, List<Attribute> attributes, String client) {

    public Arrival {
        attributes = List.copyOf(attributes);
        client = client == null ? "client=[" + remoteAddr + "]" : client;
    }

    /** An arrival described in the audit trail by its address only. */
    public Arrival(String remoteAddr, String remoteHost, List<Attribute> attributes) {
        this(remoteAddr, remoteHost, attributes, null);
    }
}
