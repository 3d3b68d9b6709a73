package org.mailgate.api.spool;

import java.util.List;
import org.apache.mailet.Attribute;

/**
 * Where an accepted message came from: the client's address and name, and attributes to set on the
 * mail (HELO name, SMTP session id and, later, TLS and AUTH details).
 */
public record Arrival(String remoteAddr, String remoteHost, List<Attribute> attributes) {

    public Arrival {
        attributes = List.copyOf(attributes);
    }
}
