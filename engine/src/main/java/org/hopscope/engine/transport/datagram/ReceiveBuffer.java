package org.hopscope.engine.transport.datagram;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.net.InetAddress;

/**
 * Native buffers for recvmsg(2), reused for every read, and the decoding of what the kernel put in
 * them: the data, the peer address, and the control messages (TTL, TOS, timestamps, the extended
 * error of the error queue).
 */
final class ReceiveBuffer {
    private static final int DATA_SIZE = 65536;
    private static final int NAME_SIZE = 128;
    private static final int CONTROL_SIZE = 1024;

    private final Memory msg = new Memory(Linux.MSGHDR_SIZE);
    private final Memory iov = new Memory(16);
    private final Memory data = new Memory(DATA_SIZE);
    private final Memory name = new Memory(NAME_SIZE);
    private final Memory control = new Memory(CONTROL_SIZE);

    /** Outcome of one read: a message, or nothing left (EAGAIN), or errno. */
    record Result(ReceivedMessage message, int errno) {
        static final Result EMPTY = new Result(null, Linux.EAGAIN);
    }

    Result read(NativeSocket socket, boolean errorQueue) {
        iov.setPointer(0, data);
        iov.setLong(8, DATA_SIZE);
        msg.clear();
        msg.setPointer(Linux.MSG_NAME, name);
        msg.setInt(Linux.MSG_NAMELEN, NAME_SIZE);
        msg.setPointer(Linux.MSG_IOV, iov);
        msg.setLong(Linux.MSG_IOVLEN, 1);
        msg.setPointer(Linux.MSG_CONTROL, control);
        msg.setLong(Linux.MSG_CONTROLLEN, CONTROL_SIZE);
        int flags = Linux.MSG_DONTWAIT | (errorQueue ? Linux.MSG_ERRQUEUE : 0);
        long n = LibC.recvmsg(socket.fd(), msg, flags);
        if (n < 0) {
            int e = LibC.errno();
            return e == Linux.EAGAIN ? Result.EMPTY : new Result(null, e);
        }
        byte[] bytes = data.getByteArray(0, (int) Math.min(n, DATA_SIZE));
        int nameLen = msg.getInt(Linux.MSG_NAMELEN);
        InetAddress peer = nameLen >= 8 ? Sockaddr.address(name, 0) : null;
        int peerPort = nameLen >= 8 ? Sockaddr.port(name, 0) : 0;
        return new Result(controls(bytes, peer, peerPort, msg.getLong(Linux.MSG_CONTROLLEN)), 0);
    }

    /** Walks the control messages (CMSG_FIRSTHDR / CMSG_NXTHDR). */
    private ReceivedMessage controls(byte[] bytes, InetAddress peer, int peerPort, long controlLen) {
        int ttl = -1;
        int tos = -1;
        long rxStamp = -1;
        long txStamp = -1;
        ReceivedMessage.ExtendedError err = null;
        long off = 0;
        while (off + Linux.CMSG_HEADER <= controlLen) {
            long len = control.getLong(off);
            if (len < Linux.CMSG_HEADER || off + len > controlLen) {
                break;
            }
            int level = control.getInt(off + 8);
            int type = control.getInt(off + 12);
            long d = off + Linux.CMSG_HEADER;
            int dataLen = (int) (len - Linux.CMSG_HEADER);
            if (level == Linux.IPPROTO_IP && type == Linux.IP_TTL && dataLen >= 4) {
                ttl = control.getInt(d);
            } else if (level == Linux.IPPROTO_IP && type == Linux.IP_TOS && dataLen >= 1) {
                tos = control.getByte(d) & 0xff;
            } else if (level == Linux.IPPROTO_IPV6 && type == Linux.IPV6_HOPLIMIT && dataLen >= 4) {
                ttl = control.getInt(d);
            } else if (level == Linux.IPPROTO_IPV6 && type == Linux.IPV6_TCLASS && dataLen >= 4) {
                tos = control.getInt(d);
            } else if (level == Linux.SOL_SOCKET && type == Linux.SO_TIMESTAMPNS && dataLen >= 16) {
                rxStamp = timespec(control, d);
            } else if (level == Linux.SOL_SOCKET && type == Linux.SO_TIMESTAMPING && dataLen >= 16) {
                txStamp = timespec(control, d); // ts[0]: the software timestamp
            } else if ((level == Linux.IPPROTO_IP && type == Linux.IP_RECVERR)
                    || (level == Linux.IPPROTO_IPV6 && type == Linux.IPV6_RECVERR)) {
                err = extendedError(control, d, dataLen);
            }
            off += Linux.cmsgAlign(len);
        }
        boolean txMessage = err != null && err.origin() == Linux.SO_EE_ORIGIN_TIMESTAMPING;
        return new ReceivedMessage(bytes, peer, peerPort, ttl, tos, txMessage ? -1 : rxStamp,
                txMessage ? txStamp : -1, err);
    }

    private static long timespec(Pointer p, long off) {
        return p.getLong(off) * 1_000_000_000L + p.getLong(off + 8);
    }

    /** struct sock_extended_err { u32 errno; u8 origin, type, code, pad; u32 info; u32 data; } + offender. */
    private static ReceivedMessage.ExtendedError extendedError(Pointer p, long off, int len) {
        if (len < Linux.SOCK_EXTENDED_ERR_SIZE) {
            return null;
        }
        int errno = p.getInt(off);
        int origin = p.getByte(off + 4) & 0xff;
        int type = p.getByte(off + 5) & 0xff;
        int code = p.getByte(off + 6) & 0xff;
        long info = p.getInt(off + 8) & 0xffffffffL;
        // ee_data overlays struct sock_ee_data_rfc4884 { u16 len; u8 flags; u8 reserved; } (host order)
        int rfcLen = p.getShort(off + 12) & 0xffff;
        boolean rfcInvalid = ((p.getByte(off + 14) & 0xff) & Linux.SO_EE_RFC4884_FLAG_INVALID) != 0;
        InetAddress offender = len >= Linux.SOCK_EXTENDED_ERR_SIZE + 8
                ? Sockaddr.address(p, off + Linux.SOCK_EXTENDED_ERR_SIZE) : null;
        return new ReceivedMessage.ExtendedError(errno, origin, type, code, info, rfcLen, rfcInvalid, offender);
    }
}
