package org.hopscope.engine.packet;

/** Hands an IP packet's upper-layer bytes to the right view after checking the protocol matches. */
final class UpperLayer {
    private UpperLayer() {
    }

    /**
     * @param data          the IP packet's available bytes
     * @param offset        where the upper-layer header starts in {@code data}
     * @param firstFragment false for a non-first fragment, which carries no upper-layer header
     * @param lenient       quoted packet: accept a cut-short upper layer
     * @param truncated     the IP packet is cut short
     */
    record Slice(byte[] data, int offset, int protocol, boolean firstFragment, boolean lenient, boolean truncated) {

        private void require(int expected, String name) throws MalformedPacketException {
            if (protocol != expected) {
                throw new MalformedPacketException("not " + name + ": protocol is " + IpProtocol.name(protocol), offset);
            }
            if (!firstFragment) {
                throw new MalformedPacketException("non-first fragment carries no " + name + " header", offset);
            }
        }

        UdpDatagram udp() throws MalformedPacketException {
            require(IpProtocol.UDP, "UDP");
            return UdpDatagram.parse(data, offset, data.length - offset, lenient);
        }

        TcpSegment tcp() throws MalformedPacketException {
            require(IpProtocol.TCP, "TCP");
            return TcpSegment.parse(data, offset, data.length - offset, lenient, truncated);
        }

        IcmpV4Message icmpv4() throws MalformedPacketException {
            require(IpProtocol.ICMP, "ICMP");
            return IcmpV4Message.parse(data, offset, data.length - offset, truncated);
        }

        IcmpV6Message icmpv6() throws MalformedPacketException {
            require(IpProtocol.ICMPV6, "ICMPv6");
            return IcmpV6Message.parse(data, offset, data.length - offset, truncated);
        }
    }
}
