package org.hopscope.engine.pcap;

/** libpcap could not be found or loaded, so no pcap file can be written. */
public final class PcapUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public PcapUnavailableException(String message) {
        super(message);
    }

    public PcapUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
