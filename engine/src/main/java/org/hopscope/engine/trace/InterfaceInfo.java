package org.hopscope.engine.trace;

/**
 * RFC 5837 interface information a router attached to its ICMP error.
 *
 * @param role 0 incoming interface, 1 incoming sub-IP, 2 outgoing, 3 next hop (RFC 5837 §4.1)
 * @param ifIndex interface index, or -1
 * @param address interface address as text, or null
 * @param name interface name, or null
 * @param mtu MTU in bytes, or -1
 */
public record InterfaceInfo(int role, long ifIndex, String address, String name, int mtu) {
    public String roleName() {
        return switch (role) {
            case 0 -> "incoming";
            case 1 -> "incoming sub-IP";
            case 2 -> "outgoing";
            default -> "next hop";
        };
    }
}
