package org.hopscope.engine.packet;

import java.net.InetAddress;

/**
 * Crafts an ICMPv6 message; like {@link IcmpV4Builder}, but the checksum covers the IPv6 pseudo-header
 * (RFC 4443 §2.3) and the RFC 4884 length attribute is octet 4, in 64-bit words (§4.4-§4.5).
 */
public final class IcmpV6Builder {
    private int type = -1;
    private int code;
    private int identifier;
    private int sequence;
    private Long restOfHeader;
    private byte[] payload;
    private byte[] quote;
    private byte[] extensions;
    private boolean compliant = true;
    private int checksumOverride = -1;

    public IcmpV6Builder type(int type) {
        Bytes.requireRange("type", type, 0, 0xff);
        this.type = type;
        return this;
    }

    public IcmpV6Builder code(int code) {
        Bytes.requireRange("code", code, 0, 0xff);
        this.code = code;
        return this;
    }

    public IcmpV6Builder identifier(int identifier) {
        Bytes.requireRange("identifier", identifier, 0, 0xffff);
        this.identifier = identifier;
        return this;
    }

    public IcmpV6Builder sequence(int sequence) {
        Bytes.requireRange("sequence", sequence, 0, 0xffff);
        this.sequence = sequence;
        return this;
    }

    /** Octets 4-7 verbatim (the int's 32 bits). */
    public IcmpV6Builder restOfHeader(int rest) {
        this.restOfHeader = Integer.toUnsignedLong(rest);
        return this;
    }

    /** Octets 4-7 of a packet too big (RFC 4443 §3.2). */
    public IcmpV6Builder mtu(long mtu) {
        Bytes.requireRange("mtu", mtu, 0, 0xffffffffL);
        this.restOfHeader = mtu;
        return this;
    }

    /** Octets 4-7 of a parameter problem (RFC 4443 §3.4). */
    public IcmpV6Builder pointer(long pointer) {
        Bytes.requireRange("pointer", pointer, 0, 0xffffffffL);
        this.restOfHeader = pointer;
        return this;
    }

    public IcmpV6Builder payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    public IcmpV6Builder quote(byte[] originalIpPacket) {
        this.quote = originalIpPacket.clone();
        return this;
    }

    public IcmpV6Builder extensions(byte[] extensionStructure) {
        this.extensions = extensionStructure.clone();
        return this;
    }

    /** See {@link IcmpV4Builder#rfc4884(boolean)}; padding is to 64-bit words here. */
    public IcmpV6Builder rfc4884(boolean compliant) {
        this.compliant = compliant;
        return this;
    }

    public IcmpV6Builder checksumOverride(int checksum) {
        Bytes.requireRange("checksum", checksum, 0, 0xffff);
        this.checksumOverride = checksum;
        return this;
    }

    public byte[] build(InetAddress src, InetAddress dst) {
        if (type < 0) {
            throw new IllegalStateException("type must be set");
        }
        if (quote != null && payload != null) {
            throw new IllegalStateException("set either a payload or a quote, not both");
        }
        if (extensions != null && quote == null) {
            throw new IllegalStateException("extensions follow a quote: set the quote");
        }
        IcmpBody.Layout layout = quote != null
                ? IcmpBody.layout(quote, extensions, compliant, IcmpV6Message.LENGTH_UNIT)
                : new IcmpBody.Layout(payload != null ? payload : new byte[0], -1);
        byte[] m = new byte[IcmpV6Message.HEADER_LENGTH + layout.body().length];
        m[IcmpV6Message.OFFSET_TYPE] = (byte) type;
        m[IcmpV6Message.OFFSET_CODE] = (byte) code;
        if (restOfHeader != null) {
            Bytes.put32(m, IcmpV6Message.OFFSET_REST_OF_HEADER, restOfHeader);
        } else {
            Bytes.put16(m, IcmpV6Message.OFFSET_IDENTIFIER, identifier);
            Bytes.put16(m, IcmpV6Message.OFFSET_SEQUENCE, sequence);
        }
        if (layout.lengthAttribute() >= 0) {
            m[IcmpV6Message.OFFSET_LENGTH_ATTRIBUTE] = (byte) layout.lengthAttribute();
        }
        System.arraycopy(layout.body(), 0, m, IcmpV6Message.HEADER_LENGTH, layout.body().length);
        int checksum = checksumOverride;
        if (checksum < 0) {
            checksum = InternetChecksum.fold(InternetChecksum.pseudoHeaderSum(src, dst, IpProtocol.ICMPV6, m.length)
                    + InternetChecksum.partialSum(m, 0, m.length));
        }
        Bytes.put16(m, IcmpV6Message.OFFSET_CHECKSUM, checksum);
        return m;
    }
}
