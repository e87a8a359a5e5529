package org.hopscope.app.gui.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.hopscope.engine.pcap.PcapUnavailableException;
import org.hopscope.engine.pcap.PcapWriter;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Probes and replies as a pcap file Wireshark opens (raw IP link type), timestamped from the trace:
 * a probe at its send time, its reply at send time + RTT.
 */
public final class PcapExport {
    private PcapExport() {
    }

    /** Writes the file; returns how many packets were written. */
    public static int write(TraceSnapshot s, Path file) throws IOException, PcapUnavailableException {
        PacketRebuilder rebuild = new PacketRebuilder(s.settings());
        java.util.List<Packet> packets = new java.util.ArrayList<>();
        for (ProbeRecord p : s.probes()) {
            long sent = p.sentEpochMicros();
            packets.add(new Packet(sent, rebuild.probe(p)));
            if (p.isAnswered()) {
                byte[] reply = rebuild.reply(p);
                if (reply != null) {
                    packets.add(new Packet(sent + p.reply().rttNanos() / 1000, reply));
                }
            }
        }
        packets.sort(java.util.Comparator.comparingLong(Packet::micros)); // as a capture would show them
        try (PcapWriter w = PcapWriter.open(file, PcapWriter.Resolution.MICROSECONDS)) {
            for (Packet pk : packets) {
                w.write(pk.bytes(), instant(pk.micros()));
            }
            w.flush();
        }
        return packets.size();
    }

    private record Packet(long micros, byte[] bytes) {
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
