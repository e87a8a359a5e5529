package org.hopscope.engine.enrich;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tiny MaxMind DB (format 2.0) for tests, since MaxMind publishes no Java writer: an IPv6
 * search tree with 32-bit records (IPv4 networks under ::/96, where readers look IPv4 up), a data
 * section of maps, strings, doubles and unsigned integers, and the metadata. Spec:
 * https://maxmind.github.io/MaxMind-DB/ . Networks must not overlap.
 */
final class MmdbWriter {
    private static final class Node {
        final Object[] child = new Object[2]; // Node, Integer (data offset), or null
    }

    /** An unsigned 16-bit value (the default for Integer is uint32). */
    record U16(int value) {
    }

    private final String databaseType;
    private final Node root = new Node();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    MmdbWriter(String databaseType) {
        this.databaseType = databaseType;
    }

    MmdbWriter insert(String cidr, Map<String, Object> record) throws Exception {
        int slash = cidr.indexOf('/');
        InetAddress a = InetAddress.getByName(cidr.substring(0, slash));
        int len = Integer.parseInt(cidr.substring(slash + 1));
        byte[] bits = new byte[16];
        if (a instanceof Inet4Address) {
            System.arraycopy(a.getAddress(), 0, bits, 12, 4);
            len += 96;
        } else {
            bits = a.getAddress();
        }
        int offset = data.size();
        encode(record, data);
        Node n = root;
        for (int i = 0; i < len - 1; i++) {
            int b = bit(bits, i);
            if (!(n.child[b] instanceof Node)) {
                n.child[b] = new Node();
            }
            n = (Node) n.child[b];
        }
        n.child[bit(bits, len - 1)] = offset;
        return this;
    }

    private static int bit(byte[] a, int i) {
        return (a[i / 8] >> (7 - i % 8)) & 1;
    }

    byte[] build() {
        List<Node> order = new ArrayList<>();
        Map<Node, Integer> index = new IdentityHashMap<>();
        ArrayDeque<Node> q = new ArrayDeque<>(List.of(root));
        while (!q.isEmpty()) {
            Node n = q.poll();
            index.put(n, order.size());
            order.add(n);
            for (Object c : n.child) {
                if (c instanceof Node cn) {
                    q.add(cn);
                }
            }
        }
        long nodeCount = order.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node n : order) {
            for (Object c : n.child) {
                long v = c instanceof Node cn ? index.get(cn)
                        : c instanceof Integer off ? nodeCount + 16 + off : nodeCount;
                out.write((int) (v >>> 24));
                out.write((int) (v >>> 16));
                out.write((int) (v >>> 8));
                out.write((int) v);
            }
        }
        out.writeBytes(new byte[16]);
        out.writeBytes(data.toByteArray());
        out.writeBytes(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.writeBytes("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("node_count", nodeCount);
        meta.put("record_size", new U16(32));
        meta.put("ip_version", new U16(6));
        meta.put("database_type", databaseType);
        meta.put("languages", List.of("en"));
        meta.put("binary_format_major_version", new U16(2));
        meta.put("binary_format_minor_version", new U16(0));
        meta.put("build_epoch", new java.math.BigInteger("1700000000"));
        meta.put("description", Map.of("en", "Hopscope test database"));
        encode(meta, out);
        return out.toByteArray();
    }

    private static void control(ByteArrayOutputStream out, int type, int size) {
        int first = type <= 7 ? type << 5 : 0;
        byte[] extra;
        int sz;
        if (size < 29) {
            sz = size;
            extra = new byte[0];
        } else if (size < 285) {
            sz = 29;
            extra = new byte[] {(byte) (size - 29)};
        } else {
            sz = 30;
            int s = size - 285;
            extra = new byte[] {(byte) (s >> 8), (byte) s};
        }
        out.write(first | sz);
        if (type > 7) {
            out.write(type - 7);
        }
        out.writeBytes(extra);
    }

    private static byte[] unsigned(long v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        boolean started = false;
        for (int i = 7; i >= 0; i--) {
            int x = (int) (v >>> (8 * i)) & 0xFF;
            if (x != 0 || started) {
                b.write(x);
                started = true;
            }
        }
        return b.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void encode(Object o, ByteArrayOutputStream out) {
        if (o instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            control(out, 2, b.length);
            out.writeBytes(b);
        } else if (o instanceof Double d) {
            control(out, 3, 8);
            long bits = Double.doubleToLongBits(d);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (bits >>> (8 * i)));
            }
        } else if (o instanceof U16 u) {
            byte[] b = unsigned(u.value());
            control(out, 5, b.length);
            out.writeBytes(b);
        } else if (o instanceof Integer || o instanceof Long) {
            byte[] b = unsigned(((Number) o).longValue());
            control(out, 6, b.length);
            out.writeBytes(b);
        } else if (o instanceof java.math.BigInteger big) {
            byte[] b = unsigned(big.longValue());
            control(out, 9, b.length);
            out.writeBytes(b);
        } else if (o instanceof Map<?, ?> m) {
            control(out, 7, m.size());
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                encode(e.getKey(), out);
                encode(e.getValue(), out);
            }
        } else if (o instanceof List<?> l) {
            control(out, 11, l.size());
            for (Object x : l) {
                encode(x, out);
            }
        } else {
            throw new IllegalArgumentException("cannot encode " + o);
        }
    }

    /** A GeoLite2-City-shaped record. */
    static Map<String, Object> city(String iso, String country, String city, double lat, double lon) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("city", Map.of("names", Map.of("en", city)));
        m.put("country", Map.of("iso_code", iso, "names", Map.of("en", country)));
        m.put("location", Map.of("latitude", lat, "longitude", lon, "accuracy_radius", new U16(20)));
        return m;
    }
}
