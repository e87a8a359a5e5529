package org.hopscope.engine.transport;

/** Why a probe could not be sent or a transport could not work; each has a sentence for the user. */
public enum TransportError {
    PERMISSION_DENIED("not permitted to send raw packets (the helper is not installed with its privilege)"),
    NO_ROUTE("no route to the destination"),
    NETWORK_UNREACHABLE("the network is unreachable"),
    INVALID_REQUEST("the probe was rejected as malformed"),
    POLICY("the probe was refused by the helper's safety policy"),
    RATE_LIMITED("the probe rate limit was reached"),
    TOO_MANY_IN_FLIGHT("too many probes in flight"),
    SEND_FAILED("the operating system failed to send the probe"),
    UNSUPPORTED("this transport cannot send this kind of probe"),
    TRANSPORT_FAILED("the transport stopped working");

    private final String sentence;

    TransportError(String sentence) {
        this.sentence = sentence;
    }

    public String sentence() {
        return sentence;
    }
}
