package org.hopscope.engine.packet;

import java.util.Arrays;

/** Lays out "original datagram" + extension structure for the ICMP builders (RFC 4884 §3, §4, §5.4). */
final class IcmpBody {
    private IcmpBody() {
    }

    /** @param lengthAttribute value for the length attribute octet, or -1 to leave it alone */
    record Layout(byte[] body, int lengthAttribute) {
    }

    /**
     * @param unit 4 for ICMPv4 (32-bit words), 8 for ICMPv6 (64-bit words)
     */
    static Layout layout(byte[] quote, byte[] extensions, boolean compliant, int unit) {
        if (extensions == null) {
            return new Layout(quote, -1);
        }
        byte[] original;
        int attribute;
        if (compliant) {
            // §3: at least 128 octets, zero padded to the unit; §4.x: the attribute counts the padded field.
            int padded = Math.max(Rfc4884.MIN_ORIGINAL_DATAGRAM, (quote.length + unit - 1) / unit * unit);
            attribute = padded / unit;
            if (attribute > 0xff) {
                throw new IllegalStateException("quote of " + quote.length + " bytes too long for the length attribute");
            }
            original = Arrays.copyOf(quote, padded);
        } else {
            // §5.4 / RFC 4950 §5: the pre-RFC 4884 form, exactly 128 octets and attribute 0.
            original = Arrays.copyOf(quote, Rfc4884.MIN_ORIGINAL_DATAGRAM);
            attribute = -1;
        }
        byte[] body = Arrays.copyOf(original, original.length + extensions.length);
        System.arraycopy(extensions, 0, body, original.length, extensions.length);
        return new Layout(body, attribute);
    }
}
