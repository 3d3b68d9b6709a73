package org.mailgate.dns.spf;

import org.mailgate.api.spf.SpfResult;

/** Ends an evaluation early with {@code temperror} or {@code permerror} (RFC 7208 2.6.6, 2.6.7). */
final class SpfException extends Exception {

    private static final long serialVersionUID = 1L;

    private final SpfResult.Result result;

    private SpfException(SpfResult.Result result, String message) {
        super(message, null, false, false);
        this.result = result;
    }

    static SpfException permError(String message) {
        return new SpfException(SpfResult.Result.PERMERROR, message);
    }

    static SpfException tempError(String message) {
        return new SpfException(SpfResult.Result.TEMPERROR, message);
    }

    SpfResult.Result result() {
        return result;
    }
}
