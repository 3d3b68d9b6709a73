package org.mailgate.mailets;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name of this machine, for Reporting-MTA and {@code [machine]}, found as James finds it. The
 * mailet context does not tell mailets the server's configured host name.
 */
final class ServerName {

    private ServerName() {
    }

    static String local() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
