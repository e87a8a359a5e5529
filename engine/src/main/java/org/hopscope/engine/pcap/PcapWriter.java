package org.hopscope.engine.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Writes raw IP packets (IPv4 and IPv6 mixed; link type RAW, LINKTYPE_RAW 101 in the file) to a classic
 * pcap file that Wireshark and tshark open, with microsecond or nanosecond timestamps (the file's magic
 * number says which). Uses libpcap through pcap4j, located by {@link LibpcapLocator}.
 *
 * <p>Thread-safe; close it to flush the file.
 */
public final class PcapWriter implements Closeable {
    /** Timestamp resolution recorded in the file header. */
    public enum Resolution { MICROSECONDS, NANOSECONDS }

    /** Large enough for any IP packet: nothing is cut. */
    private static final int SNAPLEN = 65535;

    private final PcapHandle handle;
    private final PcapDumper dumper;
    private final Path file;

    private PcapWriter(PcapHandle handle, PcapDumper dumper, Path file) {
        this.handle = handle;
        this.dumper = dumper;
        this.file = file;
    }

    /**
     * Creates (or truncates) {@code file}.
     *
     * @throws PcapUnavailableException when libpcap is missing or cannot be loaded
     * @throws IOException              when libpcap cannot open the file
     */
    public static PcapWriter open(Path file, Resolution resolution) throws PcapUnavailableException, IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(resolution, "resolution");
        LibpcapLocator.configure();
        PcapHandle.TimestampPrecision precision = resolution == Resolution.NANOSECONDS
                ? PcapHandle.TimestampPrecision.NANO
                : PcapHandle.TimestampPrecision.MICRO;
        PcapHandle handle;
        try {
            handle = Pcaps.openDead(DataLinkType.RAW, SNAPLEN, precision);
        } catch (PcapNativeException e) {
            throw new PcapUnavailableException("libpcap refused pcap_open_dead: " + e.getMessage(), e);
        } catch (LinkageError e) {
            // UnsatisfiedLinkError on first load, NoClassDefFoundError on later tries.
            throw new PcapUnavailableException("libpcap could not be loaded from "
                    + System.getProperty(LibpcapLocator.PROPERTY) + ": " + e, e);
        }
        try {
            return new PcapWriter(handle, handle.dumpOpen(file.toAbsolutePath().toString()), file);
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new IOException("cannot open " + file + " for writing: " + e.getMessage(), e);
        }
    }

    /** Appends one raw IP packet (the first byte is the version nibble) captured at {@code timestamp}. */
    public synchronized void write(byte[] rawIpPacket, Instant timestamp) throws IOException {
        Objects.requireNonNull(rawIpPacket, "rawIpPacket");
        Objects.requireNonNull(timestamp, "timestamp");
        try {
            // pcap4j writes getNanos() for NANO and getNanos()/1000 for MICRO.
            dumper.dumpRaw(rawIpPacket, Timestamp.from(timestamp));
        } catch (NotOpenException e) {
            throw new IOException(file + " is closed", e);
        }
    }

    public synchronized void flush() throws IOException {
        try {
            dumper.flush();
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException("cannot flush " + file + ": " + e.getMessage(), e);
        }
    }

    @Override public synchronized void close() {
        if (dumper.isOpen()) {
            dumper.close();
        }
        if (handle.isOpen()) {
            handle.close();
        }
    }
}
