package org.mailgate.api.delivery;

import java.util.Objects;

/**
 * The account a gateway ({@code gatewayUsername}, {@code gatewayPassword}) is logged in to with SMTP
 * AUTH, always over TLS. The password never appears in logs or messages.
 */
public record GatewayCredentials(String username, String password) {

    public GatewayCredentials {
        Objects.requireNonNull(username);
        Objects.requireNonNull(password);
        if (username.isEmpty()) {
            throw new IllegalArgumentException("the user name is empty");
        }
    }

    @Override
    public String toString() {
        return "GatewayCredentials[" + username + "]";
    }
}
