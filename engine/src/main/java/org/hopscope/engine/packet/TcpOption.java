package org.hopscope.engine.packet;

import java.util.Arrays;
import java.util.List;

/** One TCP option (RFC 9293 §3.2; SACK RFC 2018; window scale and timestamps RFC 7323). */
public sealed interface TcpOption permits TcpOption.EndOfOptions, TcpOption.NoOperation, TcpOption.Mss,
        TcpOption.WindowScale, TcpOption.SackPermitted, TcpOption.Sack, TcpOption.Timestamps,
        TcpOption.UnknownTcpOption {

    int KIND_END_OF_OPTIONS = 0;
    int KIND_NO_OPERATION = 1;
    int KIND_MSS = 2;
    int KIND_WINDOW_SCALE = 3;
    int KIND_SACK_PERMITTED = 4;
    int KIND_SACK = 5;
    int KIND_TIMESTAMPS = 8;

    /** The option kind octet. */
    int kind();

    /** Kind 0: ends the list; what follows is padding. */
    record EndOfOptions() implements TcpOption {
        @Override public int kind() {
            return KIND_END_OF_OPTIONS;
        }
    }

    /** Kind 1: one octet of alignment. */
    record NoOperation() implements TcpOption {
        @Override public int kind() {
            return KIND_NO_OPERATION;
        }
    }

    /** Kind 2, length 4: maximum segment size. */
    record Mss(int value) implements TcpOption {
        public Mss {
            Bytes.requireRange("mss", value, 0, 0xffff);
        }

        @Override public int kind() {
            return KIND_MSS;
        }
    }

    /** Kind 3, length 3: window scale shift count (RFC 7323 §2). */
    record WindowScale(int shift) implements TcpOption {
        public WindowScale {
            Bytes.requireRange("shift", shift, 0, 0xff);
        }

        @Override public int kind() {
            return KIND_WINDOW_SCALE;
        }
    }

    /** Kind 4, length 2 (RFC 2018 §2). */
    record SackPermitted() implements TcpOption {
        @Override public int kind() {
            return KIND_SACK_PERMITTED;
        }
    }

    /** Kind 5, length 2 + 8n: 1 to 4 blocks fit in the 40 octets of option space (RFC 2018 §3). */
    record Sack(List<SackBlock> blocks) implements TcpOption {
        public static final int MAX_BLOCKS = 4;

        public Sack {
            blocks = List.copyOf(blocks);
            Bytes.requireRange("SACK block count", blocks.size(), 1, MAX_BLOCKS);
        }

        @Override public int kind() {
            return KIND_SACK;
        }
    }

    /** One SACK block: unsigned 32-bit left and right edges. Not an option itself. */
    record SackBlock(long left, long right) {
        public SackBlock {
            Bytes.requireRange("left edge", left, 0, 0xffffffffL);
            Bytes.requireRange("right edge", right, 0, 0xffffffffL);
        }
    }

    /** Kind 8, length 10: TSval and TSecr, unsigned 32-bit (RFC 7323 §3). */
    record Timestamps(long value, long echoReply) implements TcpOption {
        public Timestamps {
            Bytes.requireRange("TSval", value, 0, 0xffffffffL);
            Bytes.requireRange("TSecr", echoReply, 0, 0xffffffffL);
        }

        @Override public int kind() {
            return KIND_TIMESTAMPS;
        }
    }

    /**
     * Any other kind, or a known kind whose length is not the one its RFC fixes: the raw data
     * (after kind and length octets) is kept rather than guessed at.
     */
    record UnknownTcpOption(int kind, byte[] data) implements TcpOption {
        public UnknownTcpOption {
            Bytes.requireRange("kind", kind, 0, 0xff);
            Bytes.requireRange("option data length", data.length, 0, TcpOptions.MAX_LENGTH - 2);
            data = data.clone();
        }

        @Override public byte[] data() {
            return data.clone();
        }

        @Override public boolean equals(Object o) {
            return o instanceof UnknownTcpOption other && other.kind == kind && Arrays.equals(other.data, data);
        }

        @Override public int hashCode() {
            return 31 * kind + Arrays.hashCode(data);
        }

        @Override public String toString() {
            return "UnknownTcpOption[kind=" + kind + ", data=" + Bytes.hex(data) + "]";
        }
    }
}
