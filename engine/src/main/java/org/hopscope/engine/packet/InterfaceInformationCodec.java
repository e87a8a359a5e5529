package org.hopscope.engine.packet;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

import org.hopscope.engine.packet.IcmpExtensionObject.InterfaceInformation;

/**
 * RFC 5837 §4 Interface Information object payload: sub-objects in the fixed order ifIndex (32 bits),
 * IP address (§4.2: AFI 16 bits, reserved 16 bits, address), name (§4.3: one length octet counting
 * itself, UTF-8 name, padded to a multiple of 4, at most 64 octets), MTU (32 bits).
 */
final class InterfaceInformationCodec {
    static final int AFI_IPV4 = 1;
    static final int AFI_IPV6 = 2;
    private static final int AFI_HEADER_LENGTH = 4;

    private InterfaceInformationCodec() {
    }

    /** Empty when the payload does not match what the C-Type announces; the caller keeps it raw then. */
    static Optional<InterfaceInformation> decode(int cType, byte[] b, int off, int len) {
        int p = off;
        int end = off + len;
        OptionalInt ifIndex = OptionalInt.empty();
        Optional<InetAddress> address = Optional.empty();
        Optional<String> name = Optional.empty();
        OptionalInt mtu = OptionalInt.empty();
        if ((cType & InterfaceInformation.CTYPE_IFINDEX) != 0) {
            if (p + 4 > end) {
                return Optional.empty();
            }
            ifIndex = OptionalInt.of((int) Bytes.u32(b, p));
            p += 4;
        }
        if ((cType & InterfaceInformation.CTYPE_IPADDR) != 0) {
            if (p + AFI_HEADER_LENGTH > end) {
                return Optional.empty();
            }
            int afi = Bytes.u16(b, p);
            int size = afi == AFI_IPV4 ? 4 : afi == AFI_IPV6 ? 16 : -1;
            if (size < 0 || p + AFI_HEADER_LENGTH + size > end) {
                return Optional.empty();
            }
            p += AFI_HEADER_LENGTH;
            address = Optional.of(size == 4 ? Bytes.ipv4(b, p) : Bytes.ipv6(b, p));
            p += size;
        }
        if ((cType & InterfaceInformation.CTYPE_NAME) != 0) {
            if (p + 1 > end) {
                return Optional.empty();
            }
            int length = Bytes.u8(b, p);
            // §4.3 asks for a multiple of 4 up to 64; accept any length that frames, to keep the name.
            if (length < 1 || p + length > end) {
                return Optional.empty();
            }
            int nameEnd = p + length;
            while (nameEnd > p + 1 && b[nameEnd - 1] == 0) {
                nameEnd--;   // NUL padding
            }
            name = Optional.of(new String(b, p + 1, nameEnd - p - 1, StandardCharsets.UTF_8));
            p += length;
        }
        if ((cType & InterfaceInformation.CTYPE_MTU) != 0) {
            if (p + 4 > end) {
                return Optional.empty();
            }
            mtu = OptionalInt.of((int) Bytes.u32(b, p));
            p += 4;
        }
        if (p != end) {
            return Optional.empty();
        }
        return Optional.of(new InterfaceInformation(cType >>> InterfaceInformation.CTYPE_ROLE_SHIFT,
                ifIndex, address, name, mtu));
    }

    static int nameSubObjectLength(String name) {
        int raw = 1 + name.getBytes(StandardCharsets.UTF_8).length;
        return (raw + 3) & ~3;
    }

    static byte[] encode(InterfaceInformation info) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] word = new byte[4];
        if (info.ifIndex().isPresent()) {
            Bytes.put32(word, 0, Integer.toUnsignedLong(info.ifIndex().getAsInt()));
            out.writeBytes(word);
        }
        if (info.address().isPresent()) {
            InetAddress a = info.address().get();
            byte[] header = new byte[AFI_HEADER_LENGTH];
            Bytes.put16(header, 0, a instanceof Inet4Address ? AFI_IPV4 : AFI_IPV6);
            out.writeBytes(header);
            out.writeBytes(a.getAddress());
        }
        if (info.name().isPresent()) {
            byte[] utf8 = info.name().get().getBytes(StandardCharsets.UTF_8);
            byte[] sub = new byte[nameSubObjectLength(info.name().get())];
            sub[0] = (byte) sub.length;
            System.arraycopy(utf8, 0, sub, 1, utf8.length);
            out.writeBytes(sub);
        }
        if (info.mtu().isPresent()) {
            Bytes.put32(word, 0, Integer.toUnsignedLong(info.mtu().getAsInt()));
            out.writeBytes(word);
        }
        return out.toByteArray();
    }
}
