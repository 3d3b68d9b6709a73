package org.mailgate.app.admincli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.mailgate.admin.AccessToken;
import org.mailgate.admin.WebAdminConfig;
import org.mailgate.api.config.ConfigReport;

/**
 * Where the admin API of the gateway on {@code conf/} and {@code var/} answers, and its token: read from
 * {@code webadmin.properties} and, unless it sets {@code token}, {@code var/webadmin.token}.
 * {@code tokenSource} names where the token came from, for the message when it is refused.
 */
record AdminEndpoint(String host, int port, String token, String tokenSource) {

    static AdminEndpoint locate(Path confDir, Path varDir) throws CliFailure {
        ConfigReport report = new ConfigReport();
        WebAdminConfig config = WebAdminConfig.read(confDir, report);
        if (report.hasErrors()) {
            throw CliFailure.error(report.errors().getFirst().toString());
        }
        Path properties = confDir.resolve(WebAdminConfig.FILE);
        if (!config.enabled()) {
            throw CliFailure.error("the admin API is disabled in " + properties + " (enabled=false)");
        }
        if (config.port() == 0) {
            throw CliFailure.error("the admin API port in " + properties
                    + " is 0 (any free port): set the port to use this command");
        }
        String host = switch (config.host()) {
            case "0.0.0.0", "*" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> config.host();
        };
        if (config.token().isPresent()) {
            return new AdminEndpoint(host, config.port(), config.token().get(), properties.toString());
        }
        Path file = varDir.resolve(AccessToken.FILE);
        Optional<String> stored;
        try {
            stored = AccessToken.stored(varDir);
        } catch (IOException e) {
            throw CliFailure.error("cannot read the admin API token " + file + ": " + e.getMessage());
        }
        if (stored.isEmpty()) {
            throw CliFailure.error("no admin API token: " + properties + " sets none and " + file
                    + " does not exist (the gateway writes it on its first start)");
        }
        return new AdminEndpoint(host, config.port(), stored.get(), file.toString());
    }

    /** {@code host:port}, with an IPv6 literal in brackets. */
    String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
