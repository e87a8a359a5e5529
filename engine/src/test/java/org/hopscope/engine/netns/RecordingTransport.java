package org.hopscope.engine.netns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;

/**
 * Wraps a transport and keeps what crossed it: every packet sent (by token) and every event. Tests
 * compare these with a capture, or check that nothing foreign was handed to the engine.
 */
public final class RecordingTransport implements ProbeTransport {
    private final ProbeTransport inner;
    private final Map<Long, byte[]> sent = new ConcurrentHashMap<>();
    private final List<TransportEvent> events = Collections.synchronizedList(new ArrayList<>());

    public RecordingTransport(ProbeTransport inner) {
        this.inner = inner;
    }

    public Map<Long, byte[]> sent() {
        return sent;
    }

    public List<TransportEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public List<TransportEvent.Received> received() {
        return events().stream().filter(e -> e instanceof TransportEvent.Received)
                .map(e -> (TransportEvent.Received) e).toList();
    }

    @Override
    public TransportInfo info() {
        return inner.info();
    }

    @Override
    public InetAddress sourceAddressFor(InetAddress destination) throws TransportException {
        return inner.sourceAddressFor(destination);
    }

    @Override
    public long nanoTime() {
        return inner.nanoTime();
    }

    @Override
    public void send(long token, byte[] ipPacket, long timeoutNanos) throws TransportException {
        sent.put(token, ipPacket.clone());
        inner.send(token, ipPacket, timeoutNanos);
    }

    @Override
    public List<TransportEvent> poll(long deadlineNanos) throws TransportException, InterruptedException {
        List<TransportEvent> e = inner.poll(deadlineNanos);
        events.addAll(e);
        return e;
    }

    /** Leaves the wrapped transport open: its owner closes it. */
    @Override
    public void close() {
    }
}
