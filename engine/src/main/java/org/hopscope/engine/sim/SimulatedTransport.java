package org.hopscope.engine.sim;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.MalformedPacketException;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;

/**
 * A {@link ProbeTransport} over a simulated network: no packet leaves the machine. Each probe's
 * journey through the {@link Topology} is computed when it is sent; its answer, a byte-exact IP
 * packet, is delivered when the simulated delays say it arrives.
 *
 * <p>Two clocks:
 * <ul>
 * <li>{@link Clock#VIRTUAL}: time stands still except inside {@link #poll}, which jumps to the next
 *     event due by the deadline and returns the events due then, or jumps to the deadline and returns
 *     nothing. A trace takes no wall-clock time beyond computation: thousands run in seconds, and
 *     every run with the same topology seed is identical.</li>
 * <li>{@link Clock#REAL}: events arrive at their wall-clock times ({@link System#nanoTime()}), for the
 *     CLI lab and benchmarks. Timestamps are the simulated arrival times, like kernel timestamps.</li>
 * </ul>
 *
 * <p>Thread-safety per {@link ProbeTransport}: one engine thread sends and polls; {@link #close()}
 * may come from any thread and wakes a poll blocked in real time, which then throws. Every method
 * holds one lock, so the ground-truth accessors may also be called from another thread.
 */
public final class SimulatedTransport implements ProbeTransport {
    /** How simulated time relates to wall-clock time. */
    public enum Clock { VIRTUAL, REAL }

    public static final String LIMITATION = "simulated network: no packet leaves this machine";

    private record Scheduled(long atNanos, long order, TransportEvent event) {
    }

    private final Topology topology;
    private final Clock clock;
    private final Simulator simulator;
    private final TransportInfo info;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
            ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.order, b.order));
    private long order;
    private long virtualNow;
    private boolean closed;
    private long probesSent;
    private long repliesDelivered;

    public SimulatedTransport(Topology topology, Clock clock) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.simulator = new Simulator(topology);
        this.info = new TransportInfo(TransportInfo.Kind.SIMULATED, "simulated", EnumSet.allOf(ProbeProtocol.class),
                topology.hasIpv6(), true, List.of(LIMITATION));
    }

    public Topology topology() {
        return topology;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public TransportInfo info() {
        return info;
    }

    /** The prober's address of the destination's family; the destination need not be in the network. */
    @Override
    public InetAddress sourceAddressFor(InetAddress destination) throws TransportException {
        boolean v6 = destination.getAddress().length == 16;
        return topology.sourceAddress(v6).orElseThrow(() -> new TransportException(TransportError.NO_ROUTE,
                "the simulated network '" + topology.name() + "' has no IPv" + (v6 ? 6 : 4) + " source"));
    }

    @Override
    public long nanoTime() {
        if (clock == Clock.REAL) {
            return System.nanoTime();
        }
        lock.lock();
        try {
            return virtualNow;
        } finally {
            lock.unlock();
        }
    }

    private long now() {
        return clock == Clock.REAL ? System.nanoTime() : virtualNow;
    }

    @Override
    public void send(long token, byte[] ipPacket, long timeoutNanos) throws TransportException {
        Objects.requireNonNull(ipPacket, "ipPacket");
        lock.lock();
        try {
            if (closed) {
                throw new TransportException(TransportError.TRANSPORT_FAILED, "the simulated network is closed");
            }
            long now = now();
            String problem = null;
            TransportError error = null;
            IpPacket ip = null;
            try {
                ip = IpPacket.parse(ipPacket);
            } catch (MalformedPacketException e) {
                error = TransportError.INVALID_REQUEST;
                problem = e.getMessage();
            }
            if (ip != null) {
                boolean v6 = ip.version() == 6;
                InetAddress dst = ip.destination();
                var target = topology.nodeByAddress(dst);
                if (topology.sourceAddress(v6).isEmpty()) {
                    error = TransportError.NO_ROUTE;
                    problem = "the simulated network '" + topology.name() + "' has no IPv" + ip.version();
                } else if (!topology.source().hasAddress(ip.source())) {
                    error = TransportError.INVALID_REQUEST;
                    problem = "source " + ip.source().getHostAddress() + " is not the prober's address "
                            + topology.sourceAddress(v6).get().getHostAddress();
                } else if (target.isEmpty() || target.get() == topology.source()) {
                    error = TransportError.NO_ROUTE;
                    problem = dst.getHostAddress() + " is not in the simulated network '" + topology.name() + "'";
                }
            }
            if (error != null) {
                schedule(now, new TransportEvent.SendFailed(token, error, problem));
                return;
            }
            probesSent++;
            schedule(now, new TransportEvent.Sent(token, now));
            for (Simulator.Delivery d : simulator.inject(ipPacket, now).deliveries()) {
                schedule(d.atNanos(), new TransportEvent.Received(d.packet(), d.atNanos(), token));
            }
        } finally {
            lock.unlock();
        }
    }

    private void schedule(long at, TransportEvent e) {
        queue.add(new Scheduled(at, order++, e));
        changed.signalAll();
    }

    @Override
    public List<TransportEvent> poll(long deadlineNanos) throws TransportException, InterruptedException {
        lock.lockInterruptibly();
        try {
            return clock == Clock.VIRTUAL ? pollVirtual(deadlineNanos) : pollReal(deadlineNanos);
        } finally {
            lock.unlock();
        }
    }

    private void requireOpen() throws TransportException {
        if (closed) {
            throw new TransportException(TransportError.TRANSPORT_FAILED, "the simulated network was closed");
        }
    }

    private List<TransportEvent> pollVirtual(long deadline) throws TransportException {
        requireOpen();
        Scheduled head = queue.peek();
        if (head != null && head.atNanos <= Math.max(deadline, virtualNow)) {
            virtualNow = Math.max(virtualNow, head.atNanos);
            return drainDue(virtualNow);
        }
        // Nothing due by the deadline: time passes. With no deadline and nothing in flight, nothing
        // can ever arrive, so return at once rather than jump to the end of time.
        if (deadline != Long.MAX_VALUE) {
            virtualNow = Math.max(virtualNow, deadline);
        }
        return List.of();
    }

    private List<TransportEvent> pollReal(long deadline) throws TransportException, InterruptedException {
        while (true) {
            requireOpen();
            long now = System.nanoTime();
            Scheduled head = queue.peek();
            if (head != null && head.atNanos - now <= 0) {
                return drainDue(now);
            }
            if (deadline - now <= 0) {
                return List.of();
            }
            long wait = deadline - now;
            if (head != null) {
                wait = Math.min(wait, head.atNanos - now);
            }
            changed.awaitNanos(Math.max(wait, TimeUnit.MICROSECONDS.toNanos(1)));
        }
    }

    private List<TransportEvent> drainDue(long now) {
        List<TransportEvent> out = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().atNanos - now <= 0) {
            TransportEvent e = queue.poll().event;
            if (e instanceof TransportEvent.Received) {
                repliesDelivered++;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ ground truth and statistics

    /**
     * Like {@link Topology#trueHops} but from this network's current state: per-packet balancers
     * decide as they would for the very next packet (if no other packet crosses them first).
     */
    public List<TrueHop> trueHops(byte[] probePacket) {
        lock.lock();
        try {
            return simulator.copy().trueHops(probePacket, null);
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link Topology#truePath} from this network's current state (see {@link #trueHops}). */
    public List<InetAddress> truePath(byte[] probePacket) {
        return TrueHop.addresses(trueHops(probePacket));
    }

    /** Probes accepted into the network so far (failed sends not counted). */
    public long probesSent() {
        lock.lock();
        try {
            return probesSent;
        } finally {
            lock.unlock();
        }
    }

    /** Packets handed to the prober by {@link #poll} so far. */
    public long repliesDelivered() {
        lock.lock();
        try {
            return repliesDelivered;
        } finally {
            lock.unlock();
        }
    }

    /** Events scheduled and not yet returned by {@link #poll}. */
    public int pendingEvents() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SimulatedTransport[" + topology.name() + ", " + clock + "]";
    }
}
