package org.hopscope.engine.packet;

/** ICMPv6 types and codes (RFC 4443 §2.1, §3). */
public final class IcmpV6Type {
    private IcmpV6Type() {
    }

    public static final int DEST_UNREACHABLE = 1;
    public static final int PACKET_TOO_BIG = 2;
    public static final int TIME_EXCEEDED = 3;
    public static final int PARAMETER_PROBLEM = 4;
    public static final int ECHO_REQUEST = 128;
    public static final int ECHO_REPLY = 129;

    // Destination unreachable codes (RFC 4443 §3.1; 7 RFC 6550, 8 RFC 8883).
    public static final int CODE_NO_ROUTE = 0;
    public static final int CODE_ADMINISTRATIVELY_PROHIBITED = 1;
    public static final int CODE_BEYOND_SCOPE_OF_SOURCE = 2;
    public static final int CODE_ADDRESS_UNREACHABLE = 3;
    public static final int CODE_PORT_UNREACHABLE = 4;
    public static final int CODE_SOURCE_ADDRESS_FAILED_POLICY = 5;
    public static final int CODE_REJECT_ROUTE = 6;
    public static final int CODE_SOURCE_ROUTING_HEADER_ERROR = 7;
    public static final int CODE_HEADERS_TOO_LONG = 8;

    // Time exceeded codes (RFC 4443 §3.3).
    public static final int CODE_HOP_LIMIT_EXCEEDED = 0;
    public static final int CODE_FRAGMENT_REASSEMBLY_TIME_EXCEEDED = 1;

    /** Error messages: types 0-127 (RFC 4443 §2.1); the four defined ones quote the invoking packet. */
    public static boolean isError(int type) {
        return type == DEST_UNREACHABLE || type == PACKET_TOO_BIG || type == TIME_EXCEEDED || type == PARAMETER_PROBLEM;
    }

    /** Short name of a destination-unreachable code, "code-N" when unassigned. */
    public static String unreachableCodeName(int code) {
        switch (code) {
            case CODE_NO_ROUTE: return "no-route";
            case CODE_ADMINISTRATIVELY_PROHIBITED: return "administratively-prohibited";
            case CODE_BEYOND_SCOPE_OF_SOURCE: return "beyond-scope-of-source";
            case CODE_ADDRESS_UNREACHABLE: return "address-unreachable";
            case CODE_PORT_UNREACHABLE: return "port-unreachable";
            case CODE_SOURCE_ADDRESS_FAILED_POLICY: return "source-address-failed-policy";
            case CODE_REJECT_ROUTE: return "reject-route";
            case CODE_SOURCE_ROUTING_HEADER_ERROR: return "source-routing-header-error";
            case CODE_HEADERS_TOO_LONG: return "headers-too-long";
            default: return "code-" + code;
        }
    }
}
