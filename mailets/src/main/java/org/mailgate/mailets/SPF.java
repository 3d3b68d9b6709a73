package org.mailgate.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;
import org.mailgate.api.net.IpLiteral;
import org.mailgate.api.spf.SpfAttributes;
import org.mailgate.api.spf.SpfChecker;
import org.mailgate.api.spf.SpfQuery;
import org.mailgate.api.spf.SpfResult;

/**
 * James's {@code SPF} mailet: checks the client address, MAIL FROM and HELO of the mail against the
 * sender's SPF record (RFC 7208) and records the result in the attributes
 * {@value SpfAttributes#RESULT} ({@code pass}, {@code fail}...) and {@value SpfAttributes#EXPLANATION}.
 * With {@code addHeader} (default false) it also adds a {@code Received-SPF} header (RFC 7208 9.1).
 * With {@code debug} (default false) each result is logged.
 *
 * <p>When the SMTP server's {@code SPFHandler} already checked the mail, its result (carried in the
 * same attributes, and the header text in {@value SpfAttributes#HEADER}) is used as it is: DNS is not
 * asked twice. As in James, mail from a loopback address is not checked here.
 */
public final class SPF extends GenericMailet {

    static final String HEADER_NAME = "Received-SPF";

    private final SpfChecker spf;
    private boolean addHeader;
    private boolean debug;

    @Inject
    public SPF(SpfChecker spf) {
        this.spf = spf;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), Set.of("addHeader", "debug"));
        addHeader = parameters.bool("addHeader", false);
        debug = parameters.bool("debug", false);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> header = text(mail, SpfAttributes.HEADER);
        Optional<String> known = text(mail, SpfAttributes.RESULT);
        if (known.isEmpty() || header.isEmpty()) {
            Optional<InetAddress> client = IpLiteral.parse(mail.getRemoteAddr() == null ? "" : mail.getRemoteAddr());
            if (client.isEmpty() || client.get().isLoopbackAddress()) {
                return;
            }
            SpfResult result = spf.check(new SpfQuery(client.get(), mail.getMaybeSender().asString(""), helo(mail)));
            mail.setAttribute(attribute(SpfAttributes.RESULT, result.result().keyword()));
            mail.setAttribute(attribute(SpfAttributes.EXPLANATION, result.explanation()));
            header = Optional.of(result.receivedSpf(ServerName.of(getMailetContext())));
            if (debug) {
                log("ip:" + client.get().getHostAddress() + " from:" + mail.getMaybeSender().asString("") + " = "
                        + result.result().keyword() + " (" + result.explanation() + ")");
            }
        }
        if (addHeader) {
            MimeMessage message = mail.getMessage();
            message.addHeader(HEADER_NAME, MimeUtility.fold(HEADER_NAME.length() + 2, header.get()));
            message.saveChanges();
        }
    }

    /** The HELO name the SMTP server recorded; the remote host name otherwise. */
    private static String helo(Mail mail) {
        return mail.getAttribute(Mail.SMTP_HELO).map(a -> a.getValue().value()).filter(String.class::isInstance)
                .map(String.class::cast).filter(h -> !h.isBlank())
                .orElse(mail.getRemoteHost() == null ? "" : mail.getRemoteHost());
    }

    private static Optional<String> text(Mail mail, String name) {
        return mail.getAttribute(AttributeName.of(name)).map(a -> a.getValue().value())
                .filter(String.class::isInstance).map(String.class::cast);
    }

    private static Attribute attribute(String name, String value) {
        return new Attribute(AttributeName.of(name), AttributeValue.of(value));
    }

    @Override
    public String getMailetInfo() {
        return "SPF Mailet";
    }
}
