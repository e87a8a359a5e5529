package org.hopscope.engine.transport.helper;

import java.util.List;
import org.hopscope.engine.transport.TransportError;

/** Maps the helper's {@code TOKEN error KIND [key=value]...} lines (PROTOCOL.md §6) to engine errors. */
final class HelperErrors {
    private HelperErrors() {
    }

    /** The error a line reports, with the helper's own words ("policy reason=fragment") as detail. */
    static TransportError kind(HelperLine errorLine) {
        String kind = errorLine.args().isEmpty() ? "" : errorLine.args().get(0);
        return switch (kind) {
            case "permission-denied" -> TransportError.PERMISSION_DENIED;
            case "unavailable" -> TransportError.UNSUPPORTED;
            case "no-route" -> TransportError.NO_ROUTE;
            case "network-unreachable" -> TransportError.NETWORK_UNREACHABLE;
            case "invalid-request", "unknown-command" -> TransportError.INVALID_REQUEST;
            case "policy" -> TransportError.POLICY;
            case "rate-limited" -> TransportError.RATE_LIMITED;
            case "too-many-in-flight" -> TransportError.TOO_MANY_IN_FLIGHT;
            default -> TransportError.SEND_FAILED; // send-failed, and kinds added by later helpers
        };
    }

    /** "helper: policy reason=fragment", plus the errno's name when the helper gave one. */
    static String detail(HelperLine errorLine) {
        List<String> a = errorLine.args();
        StringBuilder sb = new StringBuilder("helper: ").append(String.join(" ", a));
        for (String word : a) {
            if (word.startsWith("errno=")) {
                String name = errnoName(word.substring(6));
                if (!name.isEmpty()) {
                    sb.append(" (").append(name).append(')');
                }
            }
        }
        return sb.toString();
    }

    /** The few errnos sendto() reports in practice, named so a user can search for them. */
    private static String errnoName(String number) {
        return switch (number) {
            case "1" -> "EPERM: usually a local firewall rule";
            case "13" -> "EACCES";
            case "22" -> "EINVAL";
            case "90" -> "EMSGSIZE";
            case "97" -> "EAFNOSUPPORT: the address family is disabled";
            case "99" -> "EADDRNOTAVAIL";
            case "101" -> "ENETUNREACH";
            case "105" -> "ENOBUFS";
            case "113" -> "EHOSTUNREACH";
            default -> "";
        };
    }
}
