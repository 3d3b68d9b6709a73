package org.mailgate.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a configuration directory for a test: SMTP on 127.0.0.1 (port 0 unless given), DNS from a
 * loopback server, a root → transport pipeline whose RemoteDelivery reaches MX hosts on the sink's port.
 */
public final class TestConf {

    private int smtpPort = 0;
    private String authorized = "127.0.0.0/8";
    private String localDomains = "<domainname>local.example</domainname>";
    private String dns = "127.0.0.1:53";
    private int mxPort = 25;
    private String delayTime = "100, 200, 400";
    private int maxRetries = 5;
    private String maxMessageSize = "51200";
    private String transportExtra = "";
    private String rootExtra = "";
    private String mailetContainer;
    private String extraProcessors = "";
    private String deliveryExtra = "<bounceProcessor>error</bounceProcessor>";
    private String smtpExtra = "";
    private String webAdmin = "port=0\n";

    public TestConf smtpPort(int port) {
        this.smtpPort = port;
        return this;
    }

    public TestConf authorizedAddresses(String networks) {
        this.authorized = networks;
        return this;
    }

    /** Elements added to the {@code <smtpserver>} block, e.g. {@code <auth>…</auth>}. */
    public TestConf smtpServerElements(String xml) {
        this.smtpExtra = this.smtpExtra + xml;
        return this;
    }

    public TestConf dnsServer(String hostAndPort) {
        this.dns = hostAndPort;
        return this;
    }

    public TestConf mxPort(int port) {
        this.mxPort = port;
        return this;
    }

    public TestConf retries(String delayTime, int maxRetries) {
        this.delayTime = delayTime;
        this.maxRetries = maxRetries;
        return this;
    }

    /** A {@code <tls>} element for the SMTP listener. */
    public TestConf smtpTls(String xml) {
        this.smtpExtra = this.smtpExtra + xml;
        return this;
    }

    public TestConf maxMessageSize(String size) {
        this.maxMessageSize = size;
        return this;
    }

    /** Mailets put at the start of the root processor. */
    public TestConf rootMailets(String xml) {
        this.rootExtra = xml;
        return this;
    }

    /** Mailets put before RemoteDelivery in the transport processor. */
    public TestConf transportMailets(String xml) {
        this.transportExtra = xml;
        return this;
    }

    /**
     * Parameters of the transport's RemoteDelivery instead of the default
     * {@code <bounceProcessor>error</bounceProcessor>} (empty: failures are reported to the sender).
     */
    public TestConf deliveryParameters(String xml) {
        this.deliveryExtra = xml;
        return this;
    }

    /** Processors added to the default pipeline. */
    public TestConf processors(String xml) {
        this.extraProcessors = xml;
        return this;
    }

    /** A whole mailetcontainer.xml instead of the default one; {@code %MXPORT%} is replaced by the MX port. */
    public TestConf mailetContainer(String xml) {
        this.mailetContainer = xml;
        return this;
    }

    /** The whole {@code webadmin.properties} (default: the admin API on a free loopback port). */
    public TestConf webAdmin(String properties) {
        this.webAdmin = properties;
        return this;
    }

    public Path writeTo(Path conf) throws IOException {
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("webadmin.properties"), webAdmin);
        Files.writeString(conf.resolve("smtpserver.xml"), """
                <smtpservers>
                  <smtpserver>
                    <bind>127.0.0.1:%d</bind>
                    <helloName>mailgate.test</helloName>
                    <connectiontimeout>60</connectiontimeout>
                    <authorizedAddresses>%s</authorizedAddresses>
                    <maxmessagesize>%s</maxmessagesize>
                    %s
                  </smtpserver>
                </smtpservers>
                """.formatted(smtpPort, authorized, maxMessageSize, smtpExtra));
        Files.writeString(conf.resolve("domainlist.xml"), """
                <domainlist>
                  <domainnames>%s</domainnames>
                  <defaultDomain>local.example</defaultDomain>
                </domainlist>
                """.formatted(localDomains));
        Files.writeString(conf.resolve("dnsservice.xml"), """
                <dnsservice>
                  <servers><server>%s</server></servers>
                  <autodiscover>false</autodiscover>
                  <timeout>2</timeout>
                </dnsservice>
                """.formatted(dns));
        if (mailetContainer != null) {
            Files.writeString(conf.resolve("mailetcontainer.xml"), mailetContainer.replace("%MXPORT%",
                    String.valueOf(mxPort)));
            return conf;
        }
        Files.writeString(conf.resolve("mailetcontainer.xml"), """
                <mailetcontainer>
                  <context><postmaster>postmaster@local.example</postmaster></context>
                  <spooler><threads>8</threads></spooler>
                  <processors>
                    <processor state="root">
                      %s
                      <mailet match="All" class="ToProcessor"><processor>transport</processor></mailet>
                    </processor>
                    <processor state="transport">
                      <mailet match="All" class="RemoveMimeHeader"><name>bcc</name></mailet>
                      %s
                      <mailet match="HostIsLocal" class="ToRepository">
                        <repositoryPath>file://var/mail/inbound/</repositoryPath>
                      </mailet>
                      <mailet match="All" class="RemoteDelivery">
                        <delayTime>%s</delayTime>
                        <maxRetries>%d</maxRetries>
                        <mxPort>%d</mxPort>
                        <connectiontimeout>2000</connectiontimeout>
                        <timeout>10000</timeout>
                        %s
                      </mailet>
                    </processor>
                    %s
                    <processor state="error">
                      <mailet match="All" class="ToRepository">
                        <repositoryPath>file://var/mail/error/</repositoryPath>
                      </mailet>
                    </processor>
                  </processors>
                </mailetcontainer>
                """.formatted(rootExtra, transportExtra, delayTime, maxRetries, mxPort, deliveryExtra, extraProcessors));
        return conf;
    }
}
