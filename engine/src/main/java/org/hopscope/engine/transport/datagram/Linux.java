package org.hopscope.engine.transport.datagram;

/**
 * Linux ABI numbers this package needs (include/uapi/linux/*.h, asm-generic/socket.h). They are the
 * same on x86-64 and arm64; the layouts below assume a 64-bit (LP64) process.
 */
final class Linux {
    private Linux() {
    }

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    static final int SOL_SOCKET = 1;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_ICMP = 1;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_IPV6 = 41;
    static final int IPPROTO_ICMPV6 = 58;

    static final int SO_REUSEADDR = 2;
    static final int SO_ERROR = 4;
    static final int SO_RCVBUF = 8;
    /** SO_TIMESTAMPNS_OLD; the control message type is the same number. */
    static final int SO_TIMESTAMPNS = 35;
    /** SO_TIMESTAMPING_OLD; its control message carries three timespecs, [0] the software one. */
    static final int SO_TIMESTAMPING = 37;
    static final int SOF_TIMESTAMPING_TX_SOFTWARE = 1 << 1;
    static final int SOF_TIMESTAMPING_SOFTWARE = 1 << 4;
    static final int SOF_TIMESTAMPING_OPT_TSONLY = 1 << 11;

    static final int IP_TOS = 1;
    static final int IP_TTL = 2;
    static final int IP_MTU_DISCOVER = 10;
    static final int IP_RECVERR = 11;
    static final int IP_RECVTTL = 12;
    static final int IP_RECVTOS = 13;
    static final int IP_RECVERR_RFC4884 = 26;
    static final int IP_PMTUDISC_DONT = 0;
    static final int IP_PMTUDISC_PROBE = 3;

    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MTU_DISCOVER = 23;
    static final int IPV6_RECVERR = 25;
    static final int IPV6_V6ONLY = 26;
    static final int IPV6_RECVERR_RFC4884 = 31;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int IPV6_RECVTCLASS = 66;
    static final int IPV6_TCLASS = 67;
    static final int IPV6_PMTUDISC_DONT = 0;

    static final int MSG_CTRUNC = 0x8;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_ERRQUEUE = 0x2000;

    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EADDRINUSE = 98;
    static final int EAFNOSUPPORT = 97;
    static final int EPROTONOSUPPORT = 93;

    /** sock_extended_err.ee_origin values. */
    static final int SO_EE_ORIGIN_LOCAL = 1;
    static final int SO_EE_ORIGIN_ICMP = 2;
    static final int SO_EE_ORIGIN_ICMP6 = 3;
    static final int SO_EE_ORIGIN_TIMESTAMPING = 4;
    /** sock_ee_data_rfc4884.flags: the kernel found the extension structure malformed. */
    static final int SO_EE_RFC4884_FLAG_INVALID = 1;

    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    /** struct msghdr (LP64). */
    static final int MSGHDR_SIZE = 56;
    static final int MSG_NAME = 0;
    static final int MSG_NAMELEN = 8;
    static final int MSG_IOV = 16;
    static final int MSG_IOVLEN = 24;
    static final int MSG_CONTROL = 32;
    static final int MSG_CONTROLLEN = 40;
    static final int MSG_FLAGS = 48;
    /** struct cmsghdr (LP64): size_t len, int level, int type, then data aligned to 8. */
    static final int CMSG_HEADER = 16;
    /** struct sock_extended_err: the offender's sockaddr follows it (SO_EE_OFFENDER). */
    static final int SOCK_EXTENDED_ERR_SIZE = 16;
    static final int SOCKADDR_IN_SIZE = 16;
    static final int SOCKADDR_IN6_SIZE = 28;

    static int cmsgAlign(long n) {
        return (int) ((n + 7) & ~7L);
    }
}
