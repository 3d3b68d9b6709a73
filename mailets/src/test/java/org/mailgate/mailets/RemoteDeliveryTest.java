package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import java.time.Duration;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.net.HostAndPort;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class RemoteDeliveryTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");
    private final RecordingOutgoingQueues queues = new RecordingOutgoingQueues();

    private RemoteDelivery init(FakeMailetConfig config) throws MessagingException {
        RemoteDelivery mailet = new RemoteDelivery(queues);
        mailet.init(config);
        return mailet;
    }

    private FakeMailetConfig config() {
        return FakeMailetConfig.of("RemoteDelivery", context);
    }

    @Test
    void defaultsAreJamesDefaults() throws Exception {
        DeliverySettings settings = init(config()).settings();

        assertThat(settings.queueName()).isEqualTo("outgoing");
        assertThat(settings.retries().delays())
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(100), Duration.ofSeconds(500));
        assertThat(settings.retries().maxRetries()).isEqualTo(5);
        assertThat(settings.gateways()).isEmpty();
        assertThat(settings.heloName()).isEmpty();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(settings.failedProcessor()).as("no bounceProcessor: a report to the sender").isEmpty();
        assertThat(settings.successProcessor()).isEmpty();
        assertThat(settings.retries().maxAge()).isEqualTo(Duration.ofDays(5));
        assertThat(settings.retries().delayWarning()).isEmpty();
        assertThat(settings.retries().maxDnsProblemRetries()).isEmpty();
        assertThat(settings.loadBalancing()).isTrue();
        assertThat(settings.bind()).isEmpty();
        assertThat(settings.maxDeliveries()).isEqualTo(20);
        assertThat(settings.maxPerDestination()).as("half of deliveryThreads").isEqualTo(10);
        assertThat(settings.mxPort()).isEqualTo(25);
        assertThat(queues.settings("outgoing")).contains(settings);
    }

    @Test
    void readsEveryParameter() throws Exception {
        DeliverySettings settings = init(config().param("outgoingQueue", "relay")
                .param("delayTime", "2*1 minute, 1 hour").param("maxRetries", "7")
                .param("gateway", "smart1.corp.example, 10.0.0.2:2525").param("gatewayPort", "587")
                .param("heloName", "gw.corp.example").param("connectiontimeout", "1500")
                .param("timeout", "2500").param("bounceProcessor", "bounces").param("onSuccess", "sent")
                .param("deliveryThreads", "3").param("maxAge", "3 days").param("delayWarning", "4 hours")
                .param("maxDnsProblemRetries", "2")
                .param("sendpartial", "true").param("mxPort", "2526")
                .param("maxConnectionsPerDestination", "2")).settings();

        assertThat(settings.queueName()).isEqualTo("relay");
        assertThat(settings.retries().delays())
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofHours(1));
        assertThat(settings.retries().maxRetries()).isEqualTo(7);
        assertThat(settings.gateways()).containsExactly(new HostAndPort("smart1.corp.example", 587),
                new HostAndPort("10.0.0.2", 2525));
        assertThat(settings.heloName()).contains("gw.corp.example");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.failedProcessor()).contains("bounces");
        assertThat(settings.successProcessor()).contains("sent");
        assertThat(settings.retries().maxAge()).isEqualTo(Duration.ofDays(3));
        assertThat(settings.retries().delayWarning()).contains(Duration.ofHours(4));
        assertThat(settings.retries().maxDnsProblemRetries()).contains(2);
        assertThat(settings.maxDeliveries()).isEqualTo(3);
        assertThat(settings.maxPerDestination()).isEqualTo(2);
        assertThat(settings.mxPort()).isEqualTo(2526);
    }

    @Test
    void theLimitPerDestinationIsTwentyAtMostHalfOfTheDeliveryThreadsUnlessSet() throws Exception {
        assertThat(init(config().param("outgoingQueue", "q1").param("deliveryThreads", "100")).settings()
                .maxPerDestination()).isEqualTo(20);
        assertThat(init(config().param("outgoingQueue", "q2").param("deliveryThreads", "3")).settings()
                .maxPerDestination()).isEqualTo(2);
        assertThat(init(config().param("outgoingQueue", "q3").param("deliveryThreads", "1")).settings()
                .maxPerDestination()).isEqualTo(1);
        assertThat(init(config().param("outgoingQueue", "q4").param("deliveryThreads", "4")
                .param("maxConnectionsPerDestination", "30")).settings().maxPerDestination())
                .as("as set, though no more than 4 can be under way").isEqualTo(30);
    }

    @Test
    void queuesTheMailAndEndsIt() throws Exception {
        RemoteDelivery mailet = init(config());
        Mail mail = FakeMail.builder().sender("a@corp.example").recipients("b@far.example", "c@other.example").build();

        mailet.service(mail);

        assertThat(queues.queued).containsExactly("outgoing MAIL1 [b@far.example, c@other.example]");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void aMailWithoutRecipientsIsNotQueued() throws Exception {
        RemoteDelivery mailet = init(config());
        Mail mail = FakeMail.builder().sender("a@corp.example").build();

        mailet.service(mail);

        assertThat(queues.queued).isEmpty();
    }

    @Test
    void twoMailetsFeedingOneQueueMustAgree() throws Exception {
        init(config().param("maxRetries", "3"));

        assertThatThrownBy(() -> init(config().param("maxRetries", "4")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("outgoing");
    }

    @Test
    void refusesBadValuesNamingTheParameter() {
        assertThatThrownBy(() -> init(config().param("delayTime", "soon")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("delayTime");
        assertThatThrownBy(() -> init(config().param("maxRetries", "-1")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> init(config().param("gateway", "smart:0")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("gateway");
        assertThatThrownBy(() -> init(config().param("gatewayPort", "2525")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("gateway is not");
        assertThatThrownBy(() -> init(config().param("mxPort", "70000")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("mxPort");
        assertThatThrownBy(() -> init(config().param("maxAge", "0 days")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("maxAge");
        assertThatThrownBy(() -> init(config().param("delayWarning", "2*4 hours")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("delayWarning");
        assertThatThrownBy(() -> init(config().param("sendpartial", "false")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("sendpartial");
        assertThatThrownBy(() -> init(config().param("maxConnectionsPerDestination", "0")))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("parameter maxConnectionsPerDestination must be between 1 and 10000");
        assertThatThrownBy(() -> init(config().param("maxConnectionsPerDestination", "many")))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("parameter maxConnectionsPerDestination must be a whole number");
    }

    @Test
    void refusesJamesParametersOfFeaturesNotOfferedRatherThanIgnoringThem() {
        assertThatThrownBy(() -> init(config().param("usePriority", "true")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("usePriority")
                .hasMessageContaining("does not offer yet");
    }

    @Test
    void bindMustBeAnAddressOfThisMachineAndLoadBalancingABoolean() throws Exception {
        DeliverySettings settings = init(config().param("bind", "127.0.0.1").param("loadBalancing", "false")
                .param("gateway", "a.example, b.example")).settings();
        assertThat(settings.bind()).map(java.net.InetAddress::getHostAddress).contains("127.0.0.1");
        assertThat(settings.loadBalancing()).isFalse();

        assertThatThrownBy(() -> init(config().param("outgoingQueue", "q2").param("bind", "192.0.2.1")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("bind")
                .hasMessageContaining("not an address of this machine");
        assertThatThrownBy(() -> init(config().param("outgoingQueue", "q3").param("bind", "mail.example")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> init(config().param("outgoingQueue", "q4").param("loadBalancing", "sometimes")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("loadBalancing");
    }

    @Test
    void aGatewayLoginNeedsBothPartsAndAGateway() throws Exception {
        DeliverySettings settings = init(config().param("gateway", "smtp.provider.example:587")
                .param("gatewayUsername", "relay").param("gatewayPassword", "secret")).settings();
        assertThat(settings.gatewayLogin()).map(org.mailgate.api.delivery.GatewayCredentials::username).contains("relay");
        assertThat(settings.gatewayLogin().orElseThrow().toString()).doesNotContain("secret");

        assertThatThrownBy(() -> init(config().param("outgoingQueue", "q2").param("gateway", "smtp.provider.example")
                .param("gatewayUsername", "relay")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("gatewayPassword is missing");
        assertThatThrownBy(() -> init(config().param("outgoingQueue", "q3").param("gatewayUsername", "relay")
                .param("gatewayPassword", "secret")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("gateway is not");
    }

    @Test
    void refusesUnknownParameters() {
        assertThatThrownBy(() -> init(config().param("maxRetry", "3")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("maxRetry");
    }

    @Test
    void warnsThatDebugIsIgnored() throws Exception {
        init(config().param("debug", "true"));

        assertThat(context.logged()).anyMatch(line -> line.contains("debug") && line.contains("logback.xml"));
    }

    @Test
    void anIgnoredDebugIsStillCheckedToBeTrueOrFalse() {
        assertThatThrownBy(() -> init(config().param("debug", "verbose")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("parameter debug must be true or false");
    }
}
