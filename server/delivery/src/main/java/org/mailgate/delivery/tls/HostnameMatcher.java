package org.mailgate.delivery.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Whether a certificate names a host, as RFC 6125 says for DNS names: the subject alternative names of
 * type dNSName, or the subject's common name only when there are none; compared without regard to case
 * and a final dot; a wildcard only as the whole left-most label ({@code *.example.com}), standing for
 * exactly one label and never for a public-suffix-like single label ({@code *.com} matches nothing).
 */
public final class HostnameMatcher {

    private static final int DNS_NAME = 2;

    private HostnameMatcher() {
    }

    /** The DNS names a certificate is valid for: its dNSName alternative names, else its common names. */
    public static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            var alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    if (alternative.size() >= 2 && Integer.valueOf(DNS_NAME).equals(alternative.get(0))
                            && alternative.get(1) instanceof String name) {
                        names.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (names.isEmpty()) {
            try {
                for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String cn) {
                        names.add(cn);
                    }
                }
            } catch (InvalidNameException e) {
                return List.of();
            }
        }
        return List.copyOf(names);
    }

    /** True if one of {@code names} stands for {@code host}. */
    public static boolean matches(String host, List<String> names) {
        String wanted = normalize(host);
        if (wanted.isEmpty()) {
            return false;
        }
        return names.stream().anyMatch(name -> matches(wanted, normalize(name)));
    }

    private static boolean matches(String host, String name) {
        if (name.isEmpty()) {
            return false;
        }
        if (!name.startsWith("*.")) {
            return !name.contains("*") && name.equals(host);
        }
        String suffix = name.substring(1);
        if (suffix.contains("*") || suffix.indexOf('.', 1) < 0) {
            return false;
        }
        int firstDot = host.indexOf('.');
        return firstDot > 0 && host.substring(firstDot).equals(suffix);
    }

    private static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
