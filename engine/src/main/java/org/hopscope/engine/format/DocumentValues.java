package org.hopscope.engine.format;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How values are spelled in a trace document, both ways. Never touches the network. */
final class DocumentValues {
    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DocumentValues() {
    }

    /** {@code TIME_EXCEEDED} → {@code "time_exceeded"}. */
    static String enumName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The constant spelled {@code text} as {@link #enumName} does, or null. */
    static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (enumName(e).equals(text)) {
                return e;
            }
        }
        return null;
    }

    /** ISO-8601 UTC with microseconds, e.g. {@code 2025-01-31T09:15:02.123456Z}. */
    static String isoTime(long epochMicros) {
        Instant i = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1000L);
        return ISO_MICROS.format(i);
    }

    /** Nanoseconds as exact milliseconds in plain notation: 1500000 → "1.5", 5000000000 → "5000". */
    static String millisText(long nanos) {
        BigDecimal ms = BigDecimal.valueOf(nanos, 6).stripTrailingZeros();
        return ms.scale() < 0 ? ms.setScale(0).toPlainString() : ms.toPlainString();
    }

    /** The address as a literal: dotted quad, or RFC 5952 IPv6 text. */
    static String addressText(InetAddress a) {
        return AddressLiterals.format(a);
    }

    /** Parses an address literal without any name lookup; null if {@code text} is not a literal. */
    static InetAddress parseAddress(String text) {
        return AddressLiterals.parse(text);
    }
}
