package org.mailgate.api.dns;

/** One MX record. A host of {@code "."} is a null MX (RFC 7505): the domain accepts no mail. */
public record MxRecord(int preference, String host) {

    public boolean isNullMx() {
        return host.equals(".") || host.isEmpty();
    }
}
