package org.mailgate.smtp.tls;

import java.util.Base64;

/** PEM text (RFC 7468) of DER bytes. */
public final class Pem {

    private Pem() {
    }

    /** {@code type} is e.g. {@code CERTIFICATE} or {@code PRIVATE KEY}. */
    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
