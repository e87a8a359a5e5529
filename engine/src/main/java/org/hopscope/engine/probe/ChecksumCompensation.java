package org.hopscope.engine.probe;

/**
 * Choosing a payload word so that a packet carries a checksum of our choice and is still valid: the
 * Internet checksum is a ones'-complement sum (RFC 1071 §1), so moving a value between the checksum
 * field and a payload word leaves the sum unchanged. Paris traceroute uses this to put the probe
 * identity into the UDP checksum, and to hold the ICMP checksum constant while the sequence varies.
 */
final class ChecksumCompensation {
    private ChecksumCompensation() {
    }

    /**
     * @param validChecksumWithZeroWord the correct checksum of the packet when the word is 0
     * @param wanted the checksum field value we want on the wire
     * @return the payload word that makes {@code wanted} the correct checksum
     */
    static int word(int validChecksumWithZeroWord, int wanted) {
        // wanted + word == valid (ones' complement)  =>  word = valid + ~wanted
        int s = (validChecksumWithZeroWord & 0xFFFF) + (~wanted & 0xFFFF);
        s = (s & 0xFFFF) + (s >>> 16);
        return s & 0xFFFF;
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static int get16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }
}
