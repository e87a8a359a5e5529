package org.hopscope.engine.transport.datagram;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What unprivileged datagram sockets can do for this process, found by opening them (the only check
 * that cannot disagree with the kernel): UDP always works; ICMP "ping" sockets only when the process's
 * group is inside {@code net.ipv4.ping_group_range} (which also governs ICMPv6); IPv6 when the family
 * is enabled; extensions (MPLS labels) when the kernel locates them for us (IP_RECVERR_RFC4884).
 *
 * @param reason when not {@code usable}, why; otherwise notes on what is missing, or ""
 */
public record DatagramSupport(boolean usable, boolean icmp, boolean ipv6, boolean icmpExtensions, String reason) {

    private static final Path PING_RANGE = Path.of("/proc/sys/net/ipv4/ping_group_range");

    /** Probes the kernel; never throws. */
    public static DatagramSupport detect() {
        if (!Platform.isLinux() || Native.POINTER_SIZE != 8) {
            return new DatagramSupport(false, false, false, false,
                    "datagram probing needs 64-bit Linux (IP_RECVERR), this is " + System.getProperty("os.name"));
        }
        try {
            boolean udp4 = opens(false, Linux.IPPROTO_UDP);
            if (!udp4) {
                return new DatagramSupport(false, false, false, false, "cannot open a UDP socket");
            }
            boolean icmp = opens(false, Linux.IPPROTO_ICMP);
            boolean ipv6 = opens(true, Linux.IPPROTO_UDP);
            boolean ext;
            try (NativeSocket s = NativeSocket.open(false, Linux.IPPROTO_UDP)) {
                ext = s.trySetInt(Linux.IPPROTO_IP, Linux.IP_RECVERR_RFC4884, 1);
            }
            return new DatagramSupport(true, icmp, ipv6, ext, icmp ? "" : pingRangeNote());
        } catch (NativeException | LinkageError e) {
            return new DatagramSupport(false, false, false, false, "native sockets unavailable: " + e.getMessage());
        }
    }

    private static boolean opens(boolean v6, int protocol) {
        try (NativeSocket s = NativeSocket.open(v6, protocol)) {
            return true;
        } catch (NativeException e) {
            return false;
        }
    }

    /** "ICMP datagram sockets are not allowed for gid 1000 (net.ipv4.ping_group_range = 1 0)". */
    static String pingRangeNote() {
        String range;
        try {
            range = Files.readString(PING_RANGE).strip().replaceAll("\\s+", " ");
        } catch (IOException e) {
            range = "unreadable";
        }
        return "ICMP datagram sockets are not allowed for this user's group (net.ipv4.ping_group_range = " + range
                + "; an administrator can widen it with sysctl)";
    }
}
