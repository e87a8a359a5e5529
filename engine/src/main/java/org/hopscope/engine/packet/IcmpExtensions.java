package org.hopscope.engine.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Read-only view of an ICMP extension structure (RFC 4884 §7): a 4-octet header (version 4 bits = 2,
 * 12 reserved bits, checksum over the whole structure) followed by objects (§8: length 16 bits counting
 * the 4-octet object header, class-num, C-Type, payload).
 */
public final class IcmpExtensions {
    static final int OFFSET_VERSION = 0;
    static final int OFFSET_CHECKSUM = 2;
    static final int HEADER_LENGTH = 4;
    static final int VERSION = 2;

    static final int OBJECT_OFFSET_LENGTH = 0;
    static final int OBJECT_OFFSET_CLASS_NUM = 2;
    static final int OBJECT_OFFSET_CTYPE = 3;
    static final int OBJECT_HEADER_LENGTH = 4;

    private final byte[] data;
    private final List<IcmpExtensionObject> objects;
    private final boolean compliant;

    private IcmpExtensions(byte[] data, List<IcmpExtensionObject> objects, boolean compliant) {
        this.data = data;
        this.objects = objects;
        this.compliant = compliant;
    }

    /** Parses a structure on its own (as located by the caller); {@link #rfc4884Compliant()} is true. */
    public static IcmpExtensions parse(byte[] structure) throws MalformedPacketException {
        Objects.requireNonNull(structure, "structure");
        return parse(structure, 0, structure.length, true);
    }

    static IcmpExtensions parse(byte[] b, int off, int len, boolean compliant) throws MalformedPacketException {
        if (len < HEADER_LENGTH) {
            throw new MalformedPacketException("ICMP extension header needs 4 bytes, " + len + " available", off);
        }
        int version = Bytes.u8(b, off + OFFSET_VERSION) >>> 4;
        if (version != VERSION) {
            throw new MalformedPacketException("ICMP extension version " + version + ", expected 2", off);
        }
        List<IcmpExtensionObject> objects = new ArrayList<>();
        int p = off + HEADER_LENGTH;
        int end = off + len;
        while (p < end) {
            if (p + OBJECT_HEADER_LENGTH > end) {
                throw new MalformedPacketException("ICMP extension object header cut off: " + (end - p)
                        + " bytes left", p);
            }
            int length = Bytes.u16(b, p + OBJECT_OFFSET_LENGTH);
            if (length < OBJECT_HEADER_LENGTH || p + length > end) {
                throw new MalformedPacketException("ICMP extension object length " + length + " with "
                        + (end - p) + " bytes left", p);
            }
            objects.add(ExtensionObjectCodec.decode(Bytes.u8(b, p + OBJECT_OFFSET_CLASS_NUM),
                    Bytes.u8(b, p + OBJECT_OFFSET_CTYPE), b, p + OBJECT_HEADER_LENGTH, length - OBJECT_HEADER_LENGTH));
            p += length;
        }
        return new IcmpExtensions(Bytes.copy(b, off, len), List.copyOf(objects), compliant);
    }

    /** Like {@link #parse(byte[], int, int, boolean)}, empty instead of an error. */
    static Optional<IcmpExtensions> tryParse(byte[] b, int off, int len, boolean compliant) {
        try {
            return Optional.of(parse(b, off, len, compliant));
        } catch (MalformedPacketException e) {
            return Optional.empty();
        }
    }

    public int version() {
        return Bytes.u8(data, OFFSET_VERSION) >>> 4;
    }

    public int checksum() {
        return Bytes.u16(data, OFFSET_CHECKSUM);
    }

    /** The checksum over the whole structure verifies (a zero "not computed" checksum does not). */
    public boolean checksumValid() {
        return InternetChecksum.verifies(InternetChecksum.partialSum(data, 0, data.length));
    }

    public List<IcmpExtensionObject> objects() {
        return objects;
    }

    /**
     * True when found through the RFC 4884 length attribute; false for the pre-RFC 4884 form that
     * appends the structure after a fixed 128-octet original datagram with the attribute left at 0.
     */
    public boolean rfc4884Compliant() {
        return compliant;
    }

    /** Copy of the structure's bytes. */
    public byte[] bytes() {
        return data.clone();
    }

    @Override public String toString() {
        return "IcmpExtensions[" + (compliant ? "rfc4884" : "non-compliant") + " cksum=0x"
                + Integer.toHexString(checksum()) + (checksumValid() ? "" : "(bad)") + " " + objects + "]";
    }
}
