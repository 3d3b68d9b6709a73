package org.mailgate.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.mailgate.admin.WebAdminConfig;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.container.config.ContainerConfig;
import org.mailgate.dns.DnsServiceConfig;
import org.mailgate.smtp.config.SmtpServersConfig;
import org.mailgate.spool.domain.DomainListConfig;
import org.mailgate.spool.rrt.RecipientRewriteTableConfig;

/** Every configuration file of {@code --conf}, read once, with all errors collected in one report. */
public record MailgateConfig(Path confDir, SmtpServersConfig smtp, DomainListConfig domains, DnsServiceConfig dns,
                             ContainerConfig container, RecipientRewriteTableConfig rewriteTable,
                             WebAdminConfig webAdmin) {

    /** Reads all files; check {@code report} for errors before using the result. */
    public static MailgateConfig read(Path confDir, ConfigReport report) {
        if (!Files.isDirectory(confDir)) {
            report.error(confDir.toString(), 0, "configuration directory not found");
        }
        return new MailgateConfig(confDir,
                SmtpServersConfig.read(confDir, report),
                DomainListConfig.read(confDir, report),
                DnsServiceConfig.read(confDir, report),
                ContainerConfig.read(confDir, report),
                RecipientRewriteTableConfig.read(confDir, report),
                WebAdminConfig.read(confDir, report));
    }

    /** The name this server gives itself: the first SMTP server's helloName. */
    public String hostName() {
        return smtp.servers().isEmpty() ? "localhost" : smtp.servers().get(0).helloName();
    }
}
