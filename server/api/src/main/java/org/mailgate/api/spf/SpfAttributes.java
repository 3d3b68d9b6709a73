package org.mailgate.api.spf;

/**
 * Mail attributes recording an SPF result, with James's names: the SMTP {@code SPFHandler} sets them on
 * the mail it accepts, and the {@code SPF} mailet reads them instead of checking again.
 */
public final class SpfAttributes {

    /** The result keyword ({@code pass}, {@code fail}...), as James's SPF mailet names it. */
    public static final String RESULT = "org.apache.james.transport.mailets.spf.result";
    /** The explanation, as James's SPF mailet names it. */
    public static final String EXPLANATION = "org.apache.james.transport.mailets.spf.explanation";
    /** The {@code Received-SPF} header value, as James's SPFHandler names it. */
    public static final String HEADER = "org.apache.james.spf.header";

    private SpfAttributes() {
    }
}
