package org.hopscope.engine.probe;

import java.util.Locale;

/** The transport protocol probes are sent with. */
public enum ProbeProtocol {
    UDP, ICMP, TCP;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProbeProtocol parse(String s) {
        for (ProbeProtocol p : values()) {
            if (p.cliName().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + s + "' (expected udp, icmp or tcp)");
    }
}
