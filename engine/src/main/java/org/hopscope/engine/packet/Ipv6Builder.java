package org.hopscope.engine.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Crafts an IPv6 packet (RFC 8200 §3). Defaults: hop limit 64, traffic class 0, flow label 0. The
 * payload is taken as is: extension headers, if any, are the caller's bytes with {@link #nextHeader}
 * naming the first.
 */
public final class Ipv6Builder {
    private Inet6Address source;
    private Inet6Address destination;
    private int hopLimit = 64;
    private int trafficClass;
    private int flowLabel;
    private int nextHeader = -1;
    private byte[] payload = new byte[0];

    public Ipv6Builder source(InetAddress address) {
        this.source = requireV6(address);
        return this;
    }

    public Ipv6Builder destination(InetAddress address) {
        this.destination = requireV6(address);
        return this;
    }

    private static Inet6Address requireV6(InetAddress address) {
        if (!(Objects.requireNonNull(address, "address") instanceof Inet6Address v6)) {
            throw new IllegalArgumentException("not an IPv6 address: " + address);
        }
        return v6;
    }

    public Ipv6Builder hopLimit(int hopLimit) {
        Bytes.requireRange("hop limit", hopLimit, 0, 0xff);
        this.hopLimit = hopLimit;
        return this;
    }

    public Ipv6Builder trafficClass(int trafficClass) {
        Bytes.requireRange("traffic class", trafficClass, 0, 0xff);
        this.trafficClass = trafficClass;
        return this;
    }

    public Ipv6Builder flowLabel(int flowLabel) {
        Bytes.requireRange("flow label", flowLabel, 0, 0xfffff);
        this.flowLabel = flowLabel;
        return this;
    }

    public Ipv6Builder nextHeader(int nextHeader) {
        Bytes.requireRange("next header", nextHeader, 0, 0xff);
        this.nextHeader = nextHeader;
        return this;
    }

    public Ipv6Builder payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    public byte[] build() {
        if (source == null || destination == null || nextHeader < 0) {
            throw new IllegalStateException("source, destination and next header must be set");
        }
        if (payload.length > 0xffff) {
            throw new IllegalStateException("IPv6 payload of " + payload.length + " bytes needs a jumbogram");
        }
        byte[] p = new byte[Ipv6Packet.HEADER_LENGTH + payload.length];
        Bytes.put32(p, Ipv6Packet.OFFSET_VERSION_CLASS_FLOW, (6L << 28) | ((long) trafficClass << 20) | flowLabel);
        Bytes.put16(p, Ipv6Packet.OFFSET_PAYLOAD_LENGTH, payload.length);
        p[Ipv6Packet.OFFSET_NEXT_HEADER] = (byte) nextHeader;
        p[Ipv6Packet.OFFSET_HOP_LIMIT] = (byte) hopLimit;
        System.arraycopy(source.getAddress(), 0, p, Ipv6Packet.OFFSET_SOURCE, 16);
        System.arraycopy(destination.getAddress(), 0, p, Ipv6Packet.OFFSET_DESTINATION, 16);
        System.arraycopy(payload, 0, p, Ipv6Packet.HEADER_LENGTH, payload.length);
        return p;
    }
}
