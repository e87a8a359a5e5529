package org.hopscope.engine.packet;

import java.util.ArrayList;
import java.util.List;

import org.hopscope.engine.packet.IcmpExtensionObject.InterfaceInformation;
import org.hopscope.engine.packet.IcmpExtensionObject.MplsLabelStack;
import org.hopscope.engine.packet.IcmpExtensionObject.UnknownExtensionObject;

/** Turns an object payload into the matching record and back. */
final class ExtensionObjectCodec {
    private ExtensionObjectCodec() {
    }

    /** Never fails: a payload that does not decode as its class says is kept as an unknown object. */
    static IcmpExtensionObject decode(int classNum, int cType, byte[] b, int off, int len) {
        if (classNum == IcmpExtensionObject.CLASS_MPLS_LABEL_STACK
                && cType == IcmpExtensionObject.CTYPE_MPLS_INCOMING_LABEL_STACK
                && len > 0 && len % MplsLabel.ENTRY_LENGTH == 0) {
            // RFC 4950 §7: the object payload is the label stack, one 4-octet entry after another.
            List<MplsLabel> entries = new ArrayList<>(len / MplsLabel.ENTRY_LENGTH);
            for (int p = off; p < off + len; p += MplsLabel.ENTRY_LENGTH) {
                entries.add(MplsLabel.decode(b, p));
            }
            return new MplsLabelStack(entries);
        }
        if (classNum == IcmpExtensionObject.CLASS_INTERFACE_INFORMATION) {
            var info = InterfaceInformationCodec.decode(cType, b, off, len);
            if (info.isPresent()) {
                return info.get();
            }
        }
        return new UnknownExtensionObject(classNum, cType, Bytes.copy(b, off, len));
    }

    static byte[] encodePayload(IcmpExtensionObject object) {
        if (object instanceof MplsLabelStack stack) {
            byte[] out = new byte[stack.entries().size() * MplsLabel.ENTRY_LENGTH];
            for (int i = 0; i < stack.entries().size(); i++) {
                stack.entries().get(i).encode(out, i * MplsLabel.ENTRY_LENGTH);
            }
            return out;
        }
        if (object instanceof InterfaceInformation info) {
            return InterfaceInformationCodec.encode(info);
        }
        return ((UnknownExtensionObject) object).data();
    }
}
