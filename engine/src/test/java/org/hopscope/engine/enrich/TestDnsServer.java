package org.hopscope.engine.enrich;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A real DNS server on 127.0.0.1:&lt;ephemeral port&gt;, UDP, for tests: serves PTR and TXT records
 * it is given (NXDOMAIN otherwise), optionally after a delay; or, as a black hole, reads every query
 * and never answers. Counts what it receives.
 */
public final class TestDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final boolean blackHole;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger maxOutstanding = new AtomicInteger();
    private final ScheduledExecutorService replier = Executors.newScheduledThreadPool(4);
    private final Thread thread;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean closed;

    private TestDnsServer(boolean blackHole) throws IOException {
        this(blackHole, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private TestDnsServer(boolean blackHole, InetSocketAddress bind) throws IOException {
        this.blackHole = blackHole;
        this.socket = new DatagramSocket(bind);
        socket.setSoTimeout(100);
        thread = new Thread(this::loop, "test-dns-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    public static TestDnsServer answering() throws IOException {
        return new TestDnsServer(false);
    }

    /** An answering server on {@code bind} (e.g. port 53 of a namespace's address). */
    public static TestDnsServer answering(InetSocketAddress bind) throws IOException {
        return new TestDnsServer(false, bind);
    }

    /** An A or AAAA record. */
    public TestDnsServer host(String name, String address) throws IOException {
        InetAddress a = InetAddress.getByName(address);
        Name n = Name.fromString(name.endsWith(".") ? name : name + ".");
        add(a instanceof java.net.Inet6Address ? new org.xbill.DNS.AAAARecord(n, DClass.IN, 300, a)
                : new org.xbill.DNS.ARecord(n, DClass.IN, 300, a));
        return this;
    }

    /** A server that reads and drops every query. */
    public static TestDnsServer blackHole() throws IOException {
        return new TestDnsServer(true);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public TestDnsServer delay(Duration d) {
        delay = d;
        return this;
    }

    public TestDnsServer ptr(String address, String hostName) throws IOException {
        Name n = ReverseMap.fromAddress(address);
        add(new PTRRecord(n, DClass.IN, 300, Name.fromString(hostName + ".")));
        return this;
    }

    public TestDnsServer txt(String name, String... texts) throws IOException {
        Name n = Name.fromString(name.endsWith(".") ? name : name + ".");
        for (String t : texts) {
            add(new TXTRecord(n, DClass.IN, 300, t));
        }
        return this;
    }

    /** Cymru origin and AS-name records for {@code address}. */
    public TestDnsServer cymru(String address, long asn, String prefix, String cc, String registry, String asName)
            throws IOException {
        return cymru(Cymru.DEFAULT_ZONE, address, asn, prefix, cc, registry, asName);
    }

    /** The same in another zone (an organisation's own mirror). */
    public TestDnsServer cymru(String zone, String address, long asn, String prefix, String cc, String registry,
            String asName) throws IOException {
        txt(Cymru.originQuery(InetAddress.getByName(address), zone),
                asn + " | " + prefix + " | " + cc + " | " + registry + " | 2001-01-01");
        txt(Cymru.asNameQuery(asn, zone), asn + " | " + cc + " | " + registry + " | 2000-01-01 | " + asName);
        return this;
    }

    private void add(Record r) {
        records.computeIfAbsent(key(r.getName(), r.getType()), k -> new CopyOnWriteArrayList<>()).add(r);
    }

    private static String key(Name n, int type) {
        return n.toString().toLowerCase(Locale.ROOT) + "/" + type;
    }

    /** Every question name received, in order (e.g. "1.2.0.192.in-addr.arpa./PTR"). */
    public List<String> queries() {
        return new ArrayList<>(queries);
    }

    public int queryCount() {
        return queries.size();
    }

    /** The most queries received and not yet answered at one moment. */
    public int maxOutstanding() {
        return maxOutstanding.get();
    }

    private void loop() {
        byte[] buf = new byte[4096];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            Message q;
            try {
                q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
            } catch (IOException e) {
                continue;
            }
            Record question = q.getQuestion();
            queries.add(question.getName() + "/" + Type.string(question.getType()));
            if (blackHole) {
                continue;
            }
            int now = outstanding.incrementAndGet();
            maxOutstanding.accumulateAndGet(now, Math::max);
            InetSocketAddress client = (InetSocketAddress) p.getSocketAddress();
            Runnable answer = () -> {
                outstanding.decrementAndGet();
                byte[] out = respond(q, question).toWire();
                try {
                    socket.send(new DatagramPacket(out, out.length, client));
                } catch (IOException e) {
                    // closed
                }
            };
            long d = delay.toMillis();
            if (d == 0) {
                answer.run();
            } else {
                replier.schedule(answer, d, TimeUnit.MILLISECONDS);
            }
        }
    }

    private Message respond(Message q, Record question) {
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RD);
        r.getHeader().setFlag(Flags.RA);
        r.addRecord(question, Section.QUESTION);
        List<Record> rs = records.get(key(question.getName(), question.getType()));
        if (rs == null || rs.isEmpty()) {
            boolean nameExists = records.keySet().stream()
                    .anyMatch(k -> k.startsWith(question.getName().toString().toLowerCase(Locale.ROOT) + "/"));
            r.getHeader().setRcode(nameExists ? Rcode.NOERROR : Rcode.NXDOMAIN);
            return r;
        }
        for (Record x : rs) {
            r.addRecord(x, Section.ANSWER);
        }
        return r;
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        replier.shutdownNow();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
