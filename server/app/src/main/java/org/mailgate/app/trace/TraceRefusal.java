package org.mailgate.app.trace;

/** Why a mailet may not change the gateway's state during a trace. */
final class TraceRefusal {

    private TraceRefusal() {
    }

    static UnsupportedOperationException change(String what) {
        return new UnsupportedOperationException("a trace is a dry run: a mailet may not " + what);
    }
}
