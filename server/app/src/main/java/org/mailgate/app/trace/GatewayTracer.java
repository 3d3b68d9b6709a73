package org.mailgate.app.trace;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.mailgate.api.dsn.DsnRequest;
import org.mailgate.api.net.IpLiteral;
import org.mailgate.api.net.NetworkList;
import org.mailgate.api.trace.MailTracer;
import org.mailgate.api.trace.TraceReport;
import org.mailgate.api.trace.TraceRequest;
import org.mailgate.container.trace.DryRunPipelines;
import org.mailgate.smtp.session.ClientArrival;

/**
 * {@code mailgate trace} and {@code POST /trace} in the gateway: the message gets the attributes SMTP would
 * set for the client described ({@link ClientArrival}: HELO, AUTH user, whether the address is in the
 * first listener's {@code authorizedAddresses}), then runs through a dry-run pipeline built from the
 * configuration in use ({@link DryRunPipelines}).
 */
public final class GatewayTracer implements MailTracer {

    static final String DEFAULT_REMOTE_IP = "127.0.0.1";

    private final DryRunPipelines pipelines;
    private final LivePipelineConfig config;
    private final NetworkList authorized;

    public GatewayTracer(DryRunPipelines pipelines, LivePipelineConfig config, NetworkList authorized) {
        this.pipelines = pipelines;
        this.config = config;
        this.authorized = authorized;
    }

    @Override
    public TraceReport trace(TraceRequest request) {
        String ip = request.remoteIp().orElse(DEFAULT_REMOTE_IP);
        InetAddress address = IpLiteral.parse(ip)
                .orElseThrow(() -> new IllegalArgumentException("'" + ip + "' is not an IP address"));
        ClientArrival client = new ClientArrival(IpLiteral.format(address), request.helo(), "trace",
                request.authUser(), authorized.contains(address), Optional.empty());
        return pipelines.trace(config.current(), TraceMail.of(request, client.arrival(DsnRequest.NONE, List.of())));
    }
}
