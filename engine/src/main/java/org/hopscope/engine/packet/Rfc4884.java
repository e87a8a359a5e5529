package org.hopscope.engine.packet;

import java.util.Optional;

/**
 * Splits the body of an ICMP error into "original datagram" and extension structure (RFC 4884).
 *
 * <p>Three shapes are met on the wire:
 * <ol>
 * <li>Compliant (§4.1-§4.5): the length attribute gives the original datagram length; with extensions
 *     it MUST be at least 128 octets, zero padded (§3), and the structure follows it.</li>
 * <li>Attribute set to the unpadded length (below 128) with the structure still after a 128-octet
 *     padded datagram: seen from real routers (trippy issue #804, and its captured IPv6 test vector).
 *     Still located through the attribute, so reported as compliant.</li>
 * <li>Non-compliant (§5.4, pre-RFC 4884 MPLS implementations, RFC 4950 §5): attribute 0, structure
 *     after a fixed 128-octet datagram. Nothing announces it, so it is accepted only when the bytes
 *     there look like a structure: version 2 and a checksum that is 0 or verifies.</li>
 * </ol>
 */
final class Rfc4884 {
    /** §3: with an extension the original datagram field holds at least 128 octets. */
    static final int MIN_ORIGINAL_DATAGRAM = 128;

    private Rfc4884() {
    }

    /** @param quotedLength bytes of the body that belong to the original datagram */
    record Split(int quotedLength, Optional<IcmpExtensions> extensions) {
    }

    /**
     * @param body         the ICMP message bytes
     * @param bodyOff      where the original datagram field starts (after the 8-octet ICMP header)
     * @param bodyLen      bytes from {@code bodyOff} to the end of the message
     * @param lengthOctets the length attribute converted to octets (0 when absent)
     * @param extensible   the message type is one that RFC 4884 §4.6 lets carry a structure
     */
    static Split split(byte[] body, int bodyOff, int bodyLen, int lengthOctets, boolean extensible) {
        if (!extensible) {
            return new Split(bodyLen, Optional.empty());
        }
        if (lengthOctets > 0) {
            if (lengthOctets <= bodyLen) {   // a larger attribute is bogus: treat as no extension
                int[] candidates = lengthOctets >= MIN_ORIGINAL_DATAGRAM
                        ? new int[] {lengthOctets}
                        : new int[] {MIN_ORIGINAL_DATAGRAM, lengthOctets};
                for (int at : candidates) {
                    if (bodyLen - at >= IcmpExtensions.HEADER_LENGTH) {
                        Optional<IcmpExtensions> ext = IcmpExtensions.tryParse(body, bodyOff + at, bodyLen - at, true);
                        if (ext.isPresent()) {
                            return new Split(lengthOctets, ext);
                        }
                    }
                }
            }
            return new Split(bodyLen, Optional.empty());
        }
        int extLen = bodyLen - MIN_ORIGINAL_DATAGRAM;
        if (extLen > IcmpExtensions.HEADER_LENGTH) {
            int at = bodyOff + MIN_ORIGINAL_DATAGRAM;
            boolean version2 = Bytes.u8(body, at + IcmpExtensions.OFFSET_VERSION) >>> 4 == IcmpExtensions.VERSION;
            boolean checksumOk = Bytes.u16(body, at + IcmpExtensions.OFFSET_CHECKSUM) == 0
                    || InternetChecksum.verifies(InternetChecksum.partialSum(body, at, extLen));
            if (version2 && checksumOk) {
                Optional<IcmpExtensions> ext = IcmpExtensions.tryParse(body, at, extLen, false);
                if (ext.isPresent()) {
                    return new Split(MIN_ORIGINAL_DATAGRAM, ext);
                }
            }
        }
        return new Split(bodyLen, Optional.empty());
    }
}
