package org.hopscope.engine.algo;

import java.net.InetAddress;
import java.util.List;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;

/** A transport that passes everything to another; tests override the part whose timing they change. */
abstract class ForwardingTransport implements ProbeTransport {
    protected final ProbeTransport inner;

    ForwardingTransport(ProbeTransport inner) {
        this.inner = inner;
    }

    @Override public TransportInfo info() {
        return inner.info();
    }

    @Override public InetAddress sourceAddressFor(InetAddress destination) throws TransportException {
        return inner.sourceAddressFor(destination);
    }

    @Override public long nanoTime() {
        return inner.nanoTime();
    }

    @Override public void send(long token, byte[] ipPacket, long timeoutNanos) throws TransportException {
        inner.send(token, ipPacket, timeoutNanos);
    }

    @Override public List<TransportEvent> poll(long deadlineNanos) throws TransportException, InterruptedException {
        return inner.poll(deadlineNanos);
    }

    @Override public void close() {
        inner.close();
    }
}
