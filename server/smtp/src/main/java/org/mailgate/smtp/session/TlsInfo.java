package org.mailgate.smtp.session;

/** The TLS under a session once it is negotiated (by STARTTLS or on an implicit-TLS port). */
public record TlsInfo(String protocol, String cipherSuite) {
}
