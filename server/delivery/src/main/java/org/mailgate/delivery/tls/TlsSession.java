package org.mailgate.delivery.tls;

/**
 * What TLS a connection got: the protocol and cipher suite negotiated, and what was checked of the
 * server's certificate.
 *
 * @param verifiedName the name the certificate was found to hold; empty unless the name was checked
 */
public record TlsSession(String protocol, String cipherSuite, CertificateCheck checked, String verifiedName) {

    /** For the delivery log, e.g. {@code TLSv1.3 with cipher TLS_AES_128_GCM_SHA256, certificate not checked}. */
    public String describe() {
        return protocol + " with cipher " + cipherSuite + ", " + switch (checked) {
            case NONE -> "certificate not checked";
            case CHAIN -> "certificate trusted";
            case CHAIN_AND_NAME -> "certificate trusted and verified for " + verifiedName;
        };
    }
}
