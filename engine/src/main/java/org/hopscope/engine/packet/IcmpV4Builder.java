package org.hopscope.engine.packet;

/**
 * Crafts an ICMPv4 message. Octets 4-7 come from {@link #identifier}/{@link #sequence} (default 0), or
 * {@link #restOfHeader} verbatim; {@link #pointer} and {@link #nextHopMtu} then overwrite their octets.
 * The body is either {@link #payload} (echo) or {@link #quote} (errors), optionally followed by an
 * extension structure laid out per {@link #rfc4884}.
 */
public final class IcmpV4Builder {
    private int type = -1;
    private int code;
    private int identifier;
    private int sequence;
    private Long restOfHeader;
    private int pointer = -1;
    private int nextHopMtu = -1;
    private byte[] payload;
    private byte[] quote;
    private byte[] extensions;
    private boolean compliant = true;
    private int checksumOverride = -1;

    public IcmpV4Builder type(int type) {
        Bytes.requireRange("type", type, 0, 0xff);
        this.type = type;
        return this;
    }

    public IcmpV4Builder code(int code) {
        Bytes.requireRange("code", code, 0, 0xff);
        this.code = code;
        return this;
    }

    public IcmpV4Builder identifier(int identifier) {
        Bytes.requireRange("identifier", identifier, 0, 0xffff);
        this.identifier = identifier;
        return this;
    }

    public IcmpV4Builder sequence(int sequence) {
        Bytes.requireRange("sequence", sequence, 0, 0xffff);
        this.sequence = sequence;
        return this;
    }

    /** Octets 4-7 verbatim (the int's 32 bits). */
    public IcmpV4Builder restOfHeader(int rest) {
        this.restOfHeader = Integer.toUnsignedLong(rest);
        return this;
    }

    /** Octet 4 of a parameter problem. */
    public IcmpV4Builder pointer(int pointer) {
        Bytes.requireRange("pointer", pointer, 0, 0xff);
        this.pointer = pointer;
        return this;
    }

    /** Octets 6-7 of a fragmentation-needed unreachable (RFC 1191 §4). */
    public IcmpV4Builder nextHopMtu(int mtu) {
        Bytes.requireRange("next-hop MTU", mtu, 0, 0xffff);
        this.nextHopMtu = mtu;
        return this;
    }

    /** Body of a non-error message (echo data). */
    public IcmpV4Builder payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    /** The original IP packet (or its start) quoted by an error message. */
    public IcmpV4Builder quote(byte[] originalIpPacket) {
        this.quote = originalIpPacket.clone();
        return this;
    }

    /** An extension structure (see {@link IcmpExtensionsBuilder}) appended after the quote. */
    public IcmpV4Builder extensions(byte[] extensionStructure) {
        this.extensions = extensionStructure.clone();
        return this;
    }

    /**
     * True (default): RFC 4884 §4.1-§4.3 form, quote zero padded to at least 128 octets and the length
     * attribute (octet 5) set in 32-bit words. False: the non-compliant form, quote cut or padded to
     * exactly 128 octets and the attribute left 0.
     */
    public IcmpV4Builder rfc4884(boolean compliant) {
        this.compliant = compliant;
        return this;
    }

    public IcmpV4Builder checksumOverride(int checksum) {
        Bytes.requireRange("checksum", checksum, 0, 0xffff);
        this.checksumOverride = checksum;
        return this;
    }

    public byte[] build() {
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
                ? IcmpBody.layout(quote, extensions, compliant, IcmpV4Message.LENGTH_UNIT)
                : new IcmpBody.Layout(payload != null ? payload : new byte[0], -1);
        byte[] m = new byte[IcmpV4Message.HEADER_LENGTH + layout.body().length];
        m[IcmpV4Message.OFFSET_TYPE] = (byte) type;
        m[IcmpV4Message.OFFSET_CODE] = (byte) code;
        if (restOfHeader != null) {
            Bytes.put32(m, IcmpV4Message.OFFSET_REST_OF_HEADER, restOfHeader);
        } else {
            Bytes.put16(m, IcmpV4Message.OFFSET_IDENTIFIER, identifier);
            Bytes.put16(m, IcmpV4Message.OFFSET_SEQUENCE, sequence);
        }
        if (pointer >= 0) {
            m[IcmpV4Message.OFFSET_POINTER] = (byte) pointer;
        }
        if (nextHopMtu >= 0) {
            Bytes.put16(m, IcmpV4Message.OFFSET_NEXT_HOP_MTU, nextHopMtu);
        }
        if (layout.lengthAttribute() >= 0) {
            m[IcmpV4Message.OFFSET_LENGTH_ATTRIBUTE] = (byte) layout.lengthAttribute();
        }
        System.arraycopy(layout.body(), 0, m, IcmpV4Message.HEADER_LENGTH, layout.body().length);
        int checksum = checksumOverride >= 0 ? checksumOverride : InternetChecksum.checksum(m, 0, m.length);
        Bytes.put16(m, IcmpV4Message.OFFSET_CHECKSUM, checksum);
        return m;
    }
}
