package org.hopscope.engine.packet;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** One object of an ICMP extension structure (RFC 4884 §8). */
public sealed interface IcmpExtensionObject permits IcmpExtensionObject.MplsLabelStack,
        IcmpExtensionObject.InterfaceInformation, IcmpExtensionObject.UnknownExtensionObject {

    /** RFC 4950 §7. */
    int CLASS_MPLS_LABEL_STACK = 1;
    int CTYPE_MPLS_INCOMING_LABEL_STACK = 1;
    /** RFC 5837 §4. */
    int CLASS_INTERFACE_INFORMATION = 2;

    int classNum();

    int cType();

    /** Class 1, C-Type 1: the label stack of the packet as it arrived (RFC 4950 §7), top entry first. */
    record MplsLabelStack(List<MplsLabel> entries) implements IcmpExtensionObject {
        public MplsLabelStack {
            entries = List.copyOf(entries);
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("an MPLS label stack object holds at least one entry");
            }
        }

        @Override public int classNum() {
            return CLASS_MPLS_LABEL_STACK;
        }

        @Override public int cType() {
            return CTYPE_MPLS_INCOMING_LABEL_STACK;
        }
    }

    /**
     * Class 2 (RFC 5837 §4.1): which interface the router received the probe on (role 0), sent it out of
     * (2), etc.; each part is present when its C-Type bit is set.
     *
     * @param ifIndex unsigned 32-bit ifIndex, as its int bit pattern
     * @param mtu     unsigned 32-bit MTU, as its int bit pattern
     */
    record InterfaceInformation(int role, OptionalInt ifIndex, Optional<InetAddress> address,
                                Optional<String> name, OptionalInt mtu) implements IcmpExtensionObject {
        public static final int ROLE_INCOMING_IP_INTERFACE = 0;
        public static final int ROLE_INCOMING_SUB_IP_COMPONENT = 1;
        public static final int ROLE_OUTGOING_IP_INTERFACE = 2;
        public static final int ROLE_IP_NEXT_HOP = 3;

        static final int CTYPE_ROLE_SHIFT = 6;
        static final int CTYPE_IFINDEX = 0x08;
        static final int CTYPE_IPADDR = 0x04;
        static final int CTYPE_NAME = 0x02;
        static final int CTYPE_MTU = 0x01;
        /** RFC 5837 §4.3: the name sub-object, its length octet included, is at most 64 octets. */
        static final int MAX_NAME_SUB_OBJECT_LENGTH = 64;

        public InterfaceInformation {
            Bytes.requireRange("role", role, 0, 3);
            if (name.isPresent() && InterfaceInformationCodec.nameSubObjectLength(name.get()) > MAX_NAME_SUB_OBJECT_LENGTH) {
                throw new IllegalArgumentException("interface name too long for RFC 5837 §4.3: " + name.get());
            }
        }

        @Override public int classNum() {
            return CLASS_INTERFACE_INFORMATION;
        }

        @Override public int cType() {
            return (role << CTYPE_ROLE_SHIFT)
                    | (ifIndex.isPresent() ? CTYPE_IFINDEX : 0)
                    | (address.isPresent() ? CTYPE_IPADDR : 0)
                    | (name.isPresent() ? CTYPE_NAME : 0)
                    | (mtu.isPresent() ? CTYPE_MTU : 0);
        }
    }

    /** Any other class, or a known class whose payload does not decode: raw payload kept. */
    record UnknownExtensionObject(int classNum, int cType, byte[] data) implements IcmpExtensionObject {
        public UnknownExtensionObject {
            Bytes.requireRange("class-num", classNum, 0, 0xff);
            Bytes.requireRange("c-type", cType, 0, 0xff);
            Bytes.requireRange("object data length", data.length, 0, 0xffff - IcmpExtensions.OBJECT_HEADER_LENGTH);
            data = data.clone();
        }

        @Override public byte[] data() {
            return data.clone();
        }

        @Override public boolean equals(Object o) {
            return o instanceof UnknownExtensionObject other && other.classNum == classNum
                    && other.cType == cType && Arrays.equals(other.data, data);
        }

        @Override public int hashCode() {
            return (classNum * 31 + cType) * 31 + Arrays.hashCode(data);
        }

        @Override public String toString() {
            return "UnknownExtensionObject[classNum=" + classNum + ", cType=" + cType + ", data=" + Bytes.hex(data) + "]";
        }
    }
}
