package org.hopscope.engine.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/** Crafts an IPv4 packet; the header checksum is computed. Defaults: TTL 64, TOS 0, ID 0, no flags. */
public final class Ipv4Builder {
    private Inet4Address source;
    private Inet4Address destination;
    private int ttl = 64;
    private int tos;
    private int identification;
    private boolean dontFragment;
    private boolean moreFragments;
    private int fragmentOffset;
    private int protocol = -1;
    private byte[] options = new byte[0];
    private byte[] payload = new byte[0];

    public Ipv4Builder source(InetAddress address) {
        this.source = requireV4(address);
        return this;
    }

    public Ipv4Builder destination(InetAddress address) {
        this.destination = requireV4(address);
        return this;
    }

    private static Inet4Address requireV4(InetAddress address) {
        if (!(Objects.requireNonNull(address, "address") instanceof Inet4Address v4)) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        return v4;
    }

    public Ipv4Builder ttl(int ttl) {
        Bytes.requireRange("ttl", ttl, 0, 0xff);
        this.ttl = ttl;
        return this;
    }

    /** The whole TOS byte (DSCP << 2 | ECN). */
    public Ipv4Builder tos(int tos) {
        Bytes.requireRange("tos", tos, 0, 0xff);
        this.tos = tos;
        return this;
    }

    public Ipv4Builder identification(int identification) {
        Bytes.requireRange("identification", identification, 0, 0xffff);
        this.identification = identification;
        return this;
    }

    public Ipv4Builder dontFragment(boolean dontFragment) {
        this.dontFragment = dontFragment;
        return this;
    }

    public Ipv4Builder moreFragments(boolean moreFragments) {
        this.moreFragments = moreFragments;
        return this;
    }

    /** In units of 8 octets. */
    public Ipv4Builder fragmentOffset(int fragmentOffset) {
        Bytes.requireRange("fragment offset", fragmentOffset, 0, Ipv4Packet.FRAGMENT_OFFSET_MASK);
        this.fragmentOffset = fragmentOffset;
        return this;
    }

    public Ipv4Builder protocol(int protocol) {
        Bytes.requireRange("protocol", protocol, 0, 0xff);
        this.protocol = protocol;
        return this;
    }

    /** Raw option bytes, zero padded to a multiple of 4 (at most 40). */
    public Ipv4Builder options(byte[] options) {
        int padded = (options.length + 3) & ~3;
        Bytes.requireRange("options length", padded, 0, Ipv4Packet.MAX_HEADER_LENGTH - Ipv4Packet.MIN_HEADER_LENGTH);
        this.options = java.util.Arrays.copyOf(options, padded);
        return this;
    }

    public Ipv4Builder payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    public byte[] build() {
        if (source == null || destination == null || protocol < 0) {
            throw new IllegalStateException("source, destination and protocol must be set");
        }
        int headerLength = Ipv4Packet.MIN_HEADER_LENGTH + options.length;
        int total = headerLength + payload.length;
        if (total > 0xffff) {
            throw new IllegalStateException("IPv4 packet of " + total + " bytes exceeds 65535");
        }
        byte[] p = new byte[total];
        p[Ipv4Packet.OFFSET_VERSION_IHL] = (byte) (0x40 | (headerLength / 4));
        p[Ipv4Packet.OFFSET_TOS] = (byte) tos;
        Bytes.put16(p, Ipv4Packet.OFFSET_TOTAL_LENGTH, total);
        Bytes.put16(p, Ipv4Packet.OFFSET_IDENTIFICATION, identification);
        int flags = (dontFragment ? Ipv4Packet.FLAG_DONT_FRAGMENT : 0)
                | (moreFragments ? Ipv4Packet.FLAG_MORE_FRAGMENTS : 0) | fragmentOffset;
        Bytes.put16(p, Ipv4Packet.OFFSET_FLAGS_FRAGMENT, flags);
        p[Ipv4Packet.OFFSET_TTL] = (byte) ttl;
        p[Ipv4Packet.OFFSET_PROTOCOL] = (byte) protocol;
        System.arraycopy(source.getAddress(), 0, p, Ipv4Packet.OFFSET_SOURCE, 4);
        System.arraycopy(destination.getAddress(), 0, p, Ipv4Packet.OFFSET_DESTINATION, 4);
        System.arraycopy(options, 0, p, Ipv4Packet.MIN_HEADER_LENGTH, options.length);
        Bytes.put16(p, Ipv4Packet.OFFSET_HEADER_CHECKSUM, InternetChecksum.checksum(p, 0, headerLength));
        System.arraycopy(payload, 0, p, headerLength, payload.length);
        return p;
    }
}
