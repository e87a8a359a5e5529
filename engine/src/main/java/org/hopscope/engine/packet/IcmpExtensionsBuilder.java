package org.hopscope.engine.packet;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Crafts an ICMP extension structure: version 2 header, checksum over the whole structure (RFC 4884 §7). */
public final class IcmpExtensionsBuilder {
    private final List<IcmpExtensionObject> objects = new ArrayList<>();
    private int checksumOverride = -1;

    public IcmpExtensionsBuilder add(IcmpExtensionObject object) {
        objects.add(Objects.requireNonNull(object, "object"));
        return this;
    }

    /** Writes this value instead of the computed checksum (0 is "not computed" to some receivers). */
    public IcmpExtensionsBuilder checksumOverride(int checksum) {
        Bytes.requireRange("checksum", checksum, 0, 0xffff);
        this.checksumOverride = checksum;
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) (IcmpExtensions.VERSION << 4), 0, 0, 0});
        for (IcmpExtensionObject o : objects) {
            byte[] payload = ExtensionObjectCodec.encodePayload(o);
            int length = IcmpExtensions.OBJECT_HEADER_LENGTH + payload.length;
            if (length > 0xffff) {
                throw new IllegalStateException("extension object of " + length + " bytes exceeds 65535");
            }
            byte[] header = new byte[IcmpExtensions.OBJECT_HEADER_LENGTH];
            Bytes.put16(header, IcmpExtensions.OBJECT_OFFSET_LENGTH, length);
            header[IcmpExtensions.OBJECT_OFFSET_CLASS_NUM] = (byte) o.classNum();
            header[IcmpExtensions.OBJECT_OFFSET_CTYPE] = (byte) o.cType();
            out.writeBytes(header);
            out.writeBytes(payload);
        }
        byte[] s = out.toByteArray();
        int checksum = checksumOverride >= 0 ? checksumOverride : InternetChecksum.checksum(s, 0, s.length);
        Bytes.put16(s, IcmpExtensions.OFFSET_CHECKSUM, checksum);
        return s;
    }
}
