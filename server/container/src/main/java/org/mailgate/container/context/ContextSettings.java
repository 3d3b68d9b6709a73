package org.mailgate.container.context;

import org.apache.james.core.MailAddress;

/**
 * What the mailet context tells mailets about this server.
 *
 * @param hostName   this server's name, as in its SMTP greeting
 * @param serverInfo product and version, e.g. {@code Mailgate/0.1.0}
 */
public record ContextSettings(MailAddress postmaster, String hostName, String serverInfo) {
}
