package org.hopscope.engine.transport;

/** Something a transport reports: a probe left, a packet arrived, or a send failed. */
public sealed interface TransportEvent {

    /** The probe with {@code token} left at {@code sentNanos}. */
    record Sent(long token, long sentNanos) implements TransportEvent {
    }

    /**
     * A packet arrived. {@code ipPacket} is a complete IP packet (headers included). {@code
     * tokenHint} is the token of the probe the transport believes it answers, or {@link #NO_TOKEN}
     * when the transport does not match (the engine always matches again from the packet).
     */
    record Received(byte[] ipPacket, long receivedNanos, long tokenHint) implements TransportEvent {
        public static final long NO_TOKEN = -1;

        public Received {
            ipPacket = ipPacket.clone();
        }

        @Override
        public byte[] ipPacket() {
            return ipPacket.clone();
        }
    }

    /** The probe with {@code token} was not sent. */
    record SendFailed(long token, TransportError error, String detail) implements TransportEvent {
    }
}
