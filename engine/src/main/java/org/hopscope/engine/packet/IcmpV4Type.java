package org.hopscope.engine.packet;

/** ICMPv4 types and codes (RFC 792, RFC 1122 §3.2.2.1, RFC 1812 §5.2.7.1). */
public final class IcmpV4Type {
    private IcmpV4Type() {
    }

    public static final int ECHO_REPLY = 0;
    public static final int DEST_UNREACHABLE = 3;
    public static final int ECHO_REQUEST = 8;
    public static final int TIME_EXCEEDED = 11;
    public static final int PARAMETER_PROBLEM = 12;

    // Destination unreachable codes.
    public static final int CODE_NET_UNREACHABLE = 0;
    public static final int CODE_HOST_UNREACHABLE = 1;
    public static final int CODE_PROTOCOL_UNREACHABLE = 2;
    public static final int CODE_PORT_UNREACHABLE = 3;
    /** "Fragmentation needed and DF set"; next-hop MTU in octets 6-7 (RFC 1191 §4). */
    public static final int CODE_FRAGMENTATION_NEEDED = 4;
    public static final int CODE_SOURCE_ROUTE_FAILED = 5;
    public static final int CODE_DEST_NETWORK_UNKNOWN = 6;
    public static final int CODE_DEST_HOST_UNKNOWN = 7;
    public static final int CODE_SOURCE_HOST_ISOLATED = 8;
    public static final int CODE_NETWORK_PROHIBITED = 9;
    public static final int CODE_HOST_PROHIBITED = 10;
    public static final int CODE_NETWORK_UNREACHABLE_FOR_TOS = 11;
    public static final int CODE_HOST_UNREACHABLE_FOR_TOS = 12;
    public static final int CODE_COMMUNICATION_PROHIBITED = 13;
    public static final int CODE_HOST_PRECEDENCE_VIOLATION = 14;
    public static final int CODE_PRECEDENCE_CUTOFF = 15;

    // Time exceeded codes.
    public static final int CODE_TTL_EXCEEDED_IN_TRANSIT = 0;
    public static final int CODE_FRAGMENT_REASSEMBLY_TIME_EXCEEDED = 1;

    /** Types that quote the original datagram (RFC 792) and may carry RFC 4884 extensions. */
    public static boolean isError(int type) {
        return type == DEST_UNREACHABLE || type == TIME_EXCEEDED || type == PARAMETER_PROBLEM;
    }

    /** Short name of a destination-unreachable code, "code-N" when unassigned. */
    public static String unreachableCodeName(int code) {
        switch (code) {
            case CODE_NET_UNREACHABLE: return "net-unreachable";
            case CODE_HOST_UNREACHABLE: return "host-unreachable";
            case CODE_PROTOCOL_UNREACHABLE: return "protocol-unreachable";
            case CODE_PORT_UNREACHABLE: return "port-unreachable";
            case CODE_FRAGMENTATION_NEEDED: return "fragmentation-needed";
            case CODE_SOURCE_ROUTE_FAILED: return "source-route-failed";
            case CODE_DEST_NETWORK_UNKNOWN: return "dest-network-unknown";
            case CODE_DEST_HOST_UNKNOWN: return "dest-host-unknown";
            case CODE_SOURCE_HOST_ISOLATED: return "source-host-isolated";
            case CODE_NETWORK_PROHIBITED: return "network-prohibited";
            case CODE_HOST_PROHIBITED: return "host-prohibited";
            case CODE_NETWORK_UNREACHABLE_FOR_TOS: return "network-unreachable-for-tos";
            case CODE_HOST_UNREACHABLE_FOR_TOS: return "host-unreachable-for-tos";
            case CODE_COMMUNICATION_PROHIBITED: return "communication-prohibited";
            case CODE_HOST_PRECEDENCE_VIOLATION: return "host-precedence-violation";
            case CODE_PRECEDENCE_CUTOFF: return "precedence-cutoff";
            default: return "code-" + code;
        }
    }
}
