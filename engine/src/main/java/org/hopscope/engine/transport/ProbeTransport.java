package org.hopscope.engine.transport;

import java.net.InetAddress;
import java.util.List;

/**
 * Where probes go out and replies come in. The engine crafts every probe as a complete IP packet and
 * decodes every reply itself; a transport only moves bytes and stamps time. Implementations: the
 * privileged native helper, an unprivileged datagram-socket transport, and the simulated network.
 *
 * <p>Time: {@link #nanoTime()} and every timestamp in a {@link TransportEvent} are in the same clock
 * domain, private to the transport (the simulated network may run a virtual clock that only moves
 * when the engine waits in {@link #poll}). The engine never sleeps on its own: it waits by polling
 * with a deadline, so one algorithm runs unchanged against real and virtual time.
 *
 * <p>A transport is used by one engine thread at a time, except {@link #close()}, which may be
 * called from any thread to abort a blocked {@link #poll}.
 */
public interface ProbeTransport extends AutoCloseable {

    /** What this transport is and what it can do; stable for its lifetime. */
    TransportInfo info();

    /** The local address probes to {@code destination} leave from (needed for checksums). */
    InetAddress sourceAddressFor(InetAddress destination) throws TransportException;

    /** Now, in this transport's clock domain. */
    long nanoTime();

    /**
     * Hands one probe to the network. Returns without waiting for the wire; a {@link
     * TransportEvent.Sent} (with the actual send time) or {@link TransportEvent.SendFailed} follows.
     *
     * @param token caller-chosen key echoed in the events about this probe
     * @param ipPacket the complete IPv4 or IPv6 packet, headers included
     * @param timeoutNanos how long replies to this probe are of interest
     */
    void send(long token, byte[] ipPacket, long timeoutNanos) throws TransportException;

    /**
     * Returns the events that have arrived, waiting until at least one has or {@code deadlineNanos}
     * (in {@link #nanoTime()} terms) has passed; an empty list means the deadline passed.
     */
    List<TransportEvent> poll(long deadlineNanos) throws TransportException, InterruptedException;

    @Override
    void close();
}
