package org.mailgate.delivery.tls;

/** What is checked of a server's certificate during a TLS handshake. */
public enum CertificateCheck {
    /** Nothing: any certificate is accepted (opportunistic TLS, {@code encrypt}, {@code sslTrustAllCerts}). */
    NONE,
    /** It chains to a trusted root, whatever names it holds ({@code verifyServerIdentity=false}). */
    CHAIN,
    /** It chains to a trusted root and names the host ({@code verify}). */
    CHAIN_AND_NAME
}
