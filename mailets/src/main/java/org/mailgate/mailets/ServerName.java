package org.mailgate.mailets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.mailet.MailetContext;
import org.mailgate.api.mailet.ContextAttributes;

/**
 * The name this server gives itself, for Reporting-MTA and {@code [machine]}: the host name Mailgate's
 * context publishes ({@link ContextAttributes#HOST_NAME}); in another container, the machine's name,
 * found as James finds it.
 */
final class ServerName {

    private ServerName() {
    }

    static String of(MailetContext context) {
        if (context.getAttribute(ContextAttributes.HOST_NAME) instanceof String name && !name.isBlank()) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
