package org.hopscope.engine.packet;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Decodes and encodes the TCP option list (RFC 9293 §3.2). */
final class TcpOptions {
    /** Data offset is 4 bits of 32-bit words: 60 - 20 octets of options at most. */
    static final int MAX_LENGTH = 40;

    private static final int LENGTH_MSS = 4;
    private static final int LENGTH_WINDOW_SCALE = 3;
    private static final int LENGTH_SACK_PERMITTED = 2;
    private static final int LENGTH_TIMESTAMPS = 10;
    private static final int SACK_BLOCK_LENGTH = 8;

    private TcpOptions() {
    }

    /**
     * Decodes {@code b[off, end)}. Framing errors (length octet below 2 or past the header) are
     * malformed when {@code lenient} is false; when true (a quote) the options before them are kept.
     */
    static List<TcpOption> decode(byte[] b, int off, int end, boolean lenient) throws MalformedPacketException {
        List<TcpOption> options = new ArrayList<>();
        int i = off;
        while (i < end) {
            int kind = Bytes.u8(b, i);
            if (kind == TcpOption.KIND_END_OF_OPTIONS) {
                options.add(new TcpOption.EndOfOptions());
                break;
            }
            if (kind == TcpOption.KIND_NO_OPERATION) {
                options.add(new TcpOption.NoOperation());
                i++;
                continue;
            }
            int length = i + 1 < end ? Bytes.u8(b, i + 1) : -1;
            if (length < 2 || i + length > end) {
                if (lenient) {
                    break;
                }
                throw new MalformedPacketException("TCP option kind " + kind + " has length " + length
                        + " with " + (end - i) + " bytes of header left", i);
            }
            options.add(decodeOne(kind, b, i, length));
            i += length;
        }
        return Collections.unmodifiableList(options);
    }

    private static TcpOption decodeOne(int kind, byte[] b, int at, int length) {
        int data = at + 2;
        switch (kind) {
            case TcpOption.KIND_MSS:
                if (length == LENGTH_MSS) {
                    return new TcpOption.Mss(Bytes.u16(b, data));
                }
                break;
            case TcpOption.KIND_WINDOW_SCALE:
                if (length == LENGTH_WINDOW_SCALE) {
                    return new TcpOption.WindowScale(Bytes.u8(b, data));
                }
                break;
            case TcpOption.KIND_SACK_PERMITTED:
                if (length == LENGTH_SACK_PERMITTED) {
                    return new TcpOption.SackPermitted();
                }
                break;
            case TcpOption.KIND_SACK:
                int n = (length - 2) / SACK_BLOCK_LENGTH;
                if ((length - 2) % SACK_BLOCK_LENGTH == 0 && n >= 1 && n <= TcpOption.Sack.MAX_BLOCKS) {
                    List<TcpOption.SackBlock> blocks = new ArrayList<>(n);
                    for (int k = 0; k < n; k++) {
                        int p = data + k * SACK_BLOCK_LENGTH;
                        blocks.add(new TcpOption.SackBlock(Bytes.u32(b, p), Bytes.u32(b, p + 4)));
                    }
                    return new TcpOption.Sack(blocks);
                }
                break;
            case TcpOption.KIND_TIMESTAMPS:
                if (length == LENGTH_TIMESTAMPS) {
                    return new TcpOption.Timestamps(Bytes.u32(b, data), Bytes.u32(b, data + 4));
                }
                break;
            default:
                break;
        }
        return new TcpOption.UnknownTcpOption(kind, Bytes.copy(b, data, length - 2));
    }

    /** Encodes the list and pads it with zero octets (end-of-options) to a multiple of 4. */
    static byte[] encode(List<TcpOption> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TcpOption o : options) {
            if (o instanceof TcpOption.EndOfOptions || o instanceof TcpOption.NoOperation) {
                out.write(o.kind());
            } else if (o instanceof TcpOption.Mss m) {
                out.writeBytes(new byte[] {(byte) o.kind(), LENGTH_MSS, (byte) (m.value() >>> 8), (byte) m.value()});
            } else if (o instanceof TcpOption.WindowScale w) {
                out.writeBytes(new byte[] {(byte) o.kind(), LENGTH_WINDOW_SCALE, (byte) w.shift()});
            } else if (o instanceof TcpOption.SackPermitted) {
                out.writeBytes(new byte[] {(byte) o.kind(), LENGTH_SACK_PERMITTED});
            } else if (o instanceof TcpOption.Sack s) {
                byte[] e = new byte[2 + SACK_BLOCK_LENGTH * s.blocks().size()];
                e[0] = (byte) o.kind();
                e[1] = (byte) e.length;
                for (int k = 0; k < s.blocks().size(); k++) {
                    Bytes.put32(e, 2 + k * SACK_BLOCK_LENGTH, s.blocks().get(k).left());
                    Bytes.put32(e, 6 + k * SACK_BLOCK_LENGTH, s.blocks().get(k).right());
                }
                out.writeBytes(e);
            } else if (o instanceof TcpOption.Timestamps t) {
                byte[] e = new byte[LENGTH_TIMESTAMPS];
                e[0] = (byte) o.kind();
                e[1] = LENGTH_TIMESTAMPS;
                Bytes.put32(e, 2, t.value());
                Bytes.put32(e, 6, t.echoReply());
                out.writeBytes(e);
            } else if (o instanceof TcpOption.UnknownTcpOption u) {
                byte[] d = u.data();
                out.write(u.kind());
                out.write(2 + d.length);
                out.writeBytes(d);
            }
        }
        while (out.size() % 4 != 0) {
            out.write(TcpOption.KIND_END_OF_OPTIONS);
        }
        if (out.size() > MAX_LENGTH) {
            throw new IllegalArgumentException("TCP options take " + out.size() + " bytes, at most "
                    + MAX_LENGTH + " fit");
        }
        return out.toByteArray();
    }
}
