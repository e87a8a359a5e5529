package org.hopscope.engine.sim;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hopscope.engine.packet.IcmpV4Type;
import org.hopscope.engine.packet.IcmpV6Type;
import org.hopscope.engine.packet.IpProtocol;

/** Reads the line-based topology format of docs/simulated-network.md; every error names its line. */
final class TopologyParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s)");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)(?:/s)?");

    private static final Set<String> DIRECTIVES = Set.of("name", "description", "seed", "source", "router", "host",
            "link", "mpls");
    private static final Set<String> BALANCING = Set.of("lb", "hash", "lb-seed");
    private static final Set<String> REPLYING = Set.of("ttl", "quote", "silent", "rate", "burst", "loss", "drop",
            "unreachable", "icmp-delay");
    private static final Set<String> ROUTER_ONLY = Set.of("zero-ttl", "nat", "nat-ports", "nat-fixup", "nat-broken");
    private static final Set<String> HOST_ONLY = Set.of("udp", "tcp", "echo");
    private static final Set<String> FLAGS = Set.of("silent", "zero-ttl", "nat-broken");
    private static final Set<String> REPEATABLE = Set.of("drop", "unreachable");

    private final String origin;
    private int lineNo;

    private String name;
    private String description = "";
    private Long seed;
    private int seedLine;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final List<MplsTunnel> tunnels = new ArrayList<>();

    private TopologyParser(String origin) {
        this.origin = origin;
    }

    static Topology parse(String text, String origin) throws TopologyException {
        TopologyParser p = new TopologyParser(origin);
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            p.lineNo = i + 1;
            p.line(lines[i]);
        }
        p.lineNo = 0;
        String defaultName = origin.replaceFirst("\\.topo$", "");
        return new Topology(origin, p.name != null ? p.name : defaultName, p.description,
                p.seed != null ? p.seed : 1L, p.nodes, p.links, p.tunnels);
    }

    private TopologyException error(String message) {
        return new TopologyException(origin, lineNo, message);
    }

    private void line(String raw) throws TopologyException {
        int hash = raw.indexOf('#');
        String text = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (text.isEmpty()) {
            return;
        }
        String[] t = text.split("\\s+");
        String directive = t[0].toLowerCase(Locale.ROOT);
        switch (directive) {
            case "name" -> {
                requireCount(t, 2, 2, "name <word>");
                if (name != null) {
                    throw error("'name' given twice");
                }
                name = t[1];
            }
            case "description" -> description = text.substring(t[0].length()).strip();
            case "seed" -> {
                requireCount(t, 2, 2, "seed <integer>");
                if (seed != null) {
                    throw error("'seed' given twice (first on line " + seedLine + ")");
                }
                try {
                    seed = Long.parseLong(t[1]);
                } catch (NumberFormatException e) {
                    throw error("seed '" + t[1] + "' is not an integer");
                }
                seedLine = lineNo;
            }
            case "source" -> node(t, Node.Kind.SOURCE);
            case "router" -> node(t, Node.Kind.ROUTER);
            case "host" -> node(t, Node.Kind.HOST);
            case "link" -> link(t);
            case "mpls" -> mpls(t);
            default -> throw error("unknown directive '" + t[0] + "' (expected one of "
                    + String.join(", ", new TreeSet<>(DIRECTIVES)) + ")");
        }
    }

    private void requireCount(String[] t, int min, int max, String usage) throws TopologyException {
        if (t.length < min || t.length > max) {
            throw error("expected: " + usage);
        }
    }

    // ---------------------------------------------------------------- nodes

    private void node(String[] t, Node.Kind kind) throws TopologyException {
        String what = kind.name().toLowerCase(Locale.ROOT);
        if (t.length < 3) {
            throw error("expected: " + what + " <name> <address> [<address>] [options]");
        }
        String n = t[1];
        if (!NAME.matcher(n).matches()) {
            throw error("'" + n + "' is not a valid name (a letter, then letters, digits, '_', '.', '-')");
        }
        if (nodes.containsKey(n)) {
            throw error("node '" + n + "' already declared on line " + nodes.get(n).line());
        }
        Inet4Address v4 = null;
        Inet6Address v6 = null;
        Map<String, List<String>> opts = new LinkedHashMap<>();
        Set<String> allowed = allowedOptions(kind);
        for (int i = 2; i < t.length; i++) {
            String tok = t[i];
            int eq = tok.indexOf('=');
            if (eq < 0 && !FLAGS.contains(tok.toLowerCase(Locale.ROOT))) {
                InetAddress a = Addresses.parse(tok);
                if (a == null) {
                    if (allowed.contains(tok.toLowerCase(Locale.ROOT))) {
                        throw error("option '" + tok + "' needs a value: " + tok + "=...");
                    }
                    throw error("'" + tok + "' is neither an IP address nor an option of a " + what
                            + " (options: " + String.join(", ", new TreeSet<>(allowed)) + ")");
                }
                if (!opts.isEmpty()) {
                    throw error("address " + tok + " must come before the options");
                }
                if (a instanceof Inet4Address a4) {
                    if (v4 != null) {
                        throw error(what + " '" + n + "' has two IPv4 addresses");
                    }
                    v4 = a4;
                } else {
                    if (v6 != null) {
                        throw error(what + " '" + n + "' has two IPv6 addresses");
                    }
                    v6 = (Inet6Address) a;
                }
                continue;
            }
            String key = (eq < 0 ? tok : tok.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : tok.substring(eq + 1);
            if (!allowed.contains(key)) {
                throw error("unknown option '" + key + "' for a " + what + " (expected one of "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            if (FLAGS.contains(key) && value != null) {
                throw error("option '" + key + "' is a flag and takes no value");
            }
            if (!FLAGS.contains(key) && (value == null || value.isEmpty())) {
                throw error("option '" + key + "' needs a value");
            }
            if (opts.containsKey(key) && !REPEATABLE.contains(key)) {
                throw error("option '" + key + "' given twice");
            }
            opts.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        if (v4 == null && v6 == null) {
            throw error(what + " '" + n + "' needs at least one address");
        }
        nodes.put(n, buildNode(n, kind, v4, v6, opts));
    }

    private static Set<String> allowedOptions(Node.Kind kind) {
        Set<String> s = new HashSet<>();
        switch (kind) {
            case SOURCE -> s.addAll(BALANCING);
            case ROUTER -> {
                s.addAll(BALANCING);
                s.addAll(REPLYING);
                s.addAll(ROUTER_ONLY);
            }
            case HOST -> {
                s.addAll(REPLYING);
                s.addAll(HOST_ONLY);
            }
        }
        return s;
    }

    private String one(Map<String, List<String>> o, String key) {
        List<String> v = o.get(key);
        return v == null ? null : v.get(0);
    }

    private Node buildNode(String n, Node.Kind kind, Inet4Address v4, Inet6Address v6, Map<String, List<String>> o)
            throws TopologyException {
        int ttl = kind == Node.Kind.ROUTER ? 255 : 64;
        if (o.containsKey("ttl")) {
            ttl = intIn("ttl", one(o, "ttl"), 1, 255);
        }
        Node.Quote quote = kind == Node.Kind.HOST ? Node.Quote.FULL : Node.Quote.RFC792;
        if (o.containsKey("quote")) {
            quote = quote(one(o, "quote"));
        }
        Node.RateLimit rate = null;
        if (o.containsKey("rate")) {
            Matcher m = RATE.matcher(one(o, "rate"));
            if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
                throw error("rate '" + one(o, "rate") + "' is not a positive rate such as 10/s");
            }
            double perSecond = Double.parseDouble(m.group(1));
            int burst = o.containsKey("burst") ? intIn("burst", one(o, "burst"), 1, 1_000_000)
                    : (int) Math.max(1, Math.ceil(perSecond));
            rate = new Node.RateLimit(perSecond, burst);
        } else if (o.containsKey("burst")) {
            throw error("'burst' needs a 'rate' (e.g. rate=10/s burst=5)");
        }
        double loss = o.containsKey("loss") ? probability("loss", one(o, "loss")) : 0;
        List<Node.Rule> rules = new ArrayList<>();
        for (String v : o.getOrDefault("drop", List.of())) {
            rules.add(new Node.Rule(protocols(v), null));
        }
        for (String v : o.getOrDefault("unreachable", List.of())) {
            int colon = v.indexOf(':');
            Node.Unreachable u = unreachable(colon < 0 ? v : v.substring(0, colon));
            rules.add(new Node.Rule(colon < 0 ? Set.of() : protocols(v.substring(colon + 1)), u));
        }
        Node.Balancer balancer = balancer(o);
        Node.Nat nat = nat(o);
        Node.PortSet udp = o.containsKey("udp") ? ports("udp", one(o, "udp")) : Node.PortSet.NONE;
        Node.PortSet tcp = o.containsKey("tcp") ? ports("tcp", one(o, "tcp")) : Node.PortSet.NONE;
        boolean echo = true;
        if (o.containsKey("echo")) {
            String e = one(o, "echo").toLowerCase(Locale.ROOT);
            if (!e.equals("yes") && !e.equals("no")) {
                throw error("echo must be yes or no, not '" + one(o, "echo") + "'");
            }
            echo = e.equals("yes");
        }
        long icmpDelay = o.containsKey("icmp-delay") ? duration("icmp-delay", one(o, "icmp-delay")) : 0;
        return new Node(n, kind, v4, v6, ttl, quote, o.containsKey("silent"), rate, loss, o.containsKey("zero-ttl"),
                rules, balancer, nat, udp, tcp, echo, icmpDelay, lineNo);
    }

    private Node.Quote quote(String v) throws TopologyException {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.equals("rfc792")) {
            return Node.Quote.RFC792;
        }
        if (s.equals("full")) {
            return Node.Quote.FULL;
        }
        try {
            int n = Integer.parseInt(s);
            if (n >= 28 && n <= 1232) {
                return new Node.Quote(Node.Quote.Mode.BYTES, n);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw error("quote must be rfc792, full or a byte count in 28..1232, not '" + v + "'");
    }

    private Set<Integer> protocols(String v) throws TopologyException {
        Set<Integer> out = new TreeSet<>();
        for (String p : v.split(",", -1)) {
            switch (p.toLowerCase(Locale.ROOT)) {
                case "all" -> {
                    return Set.of();
                }
                case "udp" -> out.add(IpProtocol.UDP);
                case "tcp" -> out.add(IpProtocol.TCP);
                case "icmp" -> {
                    out.add(IpProtocol.ICMP);
                    out.add(IpProtocol.ICMPV6);
                }
                default -> throw error("unknown protocol '" + p + "' (expected udp, tcp, icmp or all)");
            }
        }
        return out;
    }

    static final Map<String, Node.Unreachable> UNREACHABLE_CODES = new LinkedHashMap<>();

    static {
        u("net", IcmpV4Type.CODE_NET_UNREACHABLE, IcmpV6Type.DEST_UNREACHABLE, IcmpV6Type.CODE_NO_ROUTE, true);
        u("host", IcmpV4Type.CODE_HOST_UNREACHABLE, IcmpV6Type.DEST_UNREACHABLE,
                IcmpV6Type.CODE_ADDRESS_UNREACHABLE, true);
        u("proto", IcmpV4Type.CODE_PROTOCOL_UNREACHABLE, IcmpV6Type.PARAMETER_PROBLEM, 1, false);
        u("port", IcmpV4Type.CODE_PORT_UNREACHABLE, IcmpV6Type.DEST_UNREACHABLE, IcmpV6Type.CODE_PORT_UNREACHABLE,
                false);
        u("admin", IcmpV4Type.CODE_COMMUNICATION_PROHIBITED, IcmpV6Type.DEST_UNREACHABLE,
                IcmpV6Type.CODE_ADMINISTRATIVELY_PROHIBITED, false);
        u("net-admin", IcmpV4Type.CODE_NETWORK_PROHIBITED, IcmpV6Type.DEST_UNREACHABLE,
                IcmpV6Type.CODE_ADMINISTRATIVELY_PROHIBITED, false);
        u("host-admin", IcmpV4Type.CODE_HOST_PROHIBITED, IcmpV6Type.DEST_UNREACHABLE,
                IcmpV6Type.CODE_ADMINISTRATIVELY_PROHIBITED, false);
    }

    private static void u(String name, int v4, int v6Type, int v6Code, boolean routing) {
        UNREACHABLE_CODES.put(name, new Node.Unreachable(name, v4, v6Type, v6Code, routing));
    }

    private Node.Unreachable unreachable(String v) throws TopologyException {
        Node.Unreachable u = UNREACHABLE_CODES.get(v.toLowerCase(Locale.ROOT));
        if (u != null) {
            return u;
        }
        try {
            int code = Integer.parseInt(v);
            if (code >= 0 && code <= 15) {
                return new Node.Unreachable(v, code, IcmpV6Type.DEST_UNREACHABLE, code, false);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw error("unknown unreachable code '" + v + "' (expected " + String.join(", ", UNREACHABLE_CODES.keySet())
                + ", or a number 0..15)");
    }

    private Node.Balancer balancer(Map<String, List<String>> o) throws TopologyException {
        Node.Balancer.Mode mode = Node.Balancer.Mode.PER_FLOW;
        if (o.containsKey("lb")) {
            mode = switch (one(o, "lb").toLowerCase(Locale.ROOT)) {
                case "per-flow" -> Node.Balancer.Mode.PER_FLOW;
                case "round-robin", "per-packet" -> Node.Balancer.Mode.ROUND_ROBIN;
                case "random" -> Node.Balancer.Mode.RANDOM;
                default -> throw error("lb must be per-flow, round-robin (or per-packet) or random, not '"
                        + one(o, "lb") + "'");
            };
        }
        Set<Node.HashField> fields = Node.Balancer.DEFAULT_FIELDS;
        if (o.containsKey("hash")) {
            if (mode != Node.Balancer.Mode.PER_FLOW) {
                throw error("'hash' only applies to lb=per-flow");
            }
            fields = EnumSet.noneOf(Node.HashField.class);
            for (String f : one(o, "hash").split(",", -1)) {
                String s = f.toLowerCase(Locale.ROOT);
                if (s.equals("5tuple")) {
                    fields.addAll(EnumSet.of(Node.HashField.SRC, Node.HashField.DST, Node.HashField.PROTO,
                            Node.HashField.SPORT, Node.HashField.DPORT));
                    continue;
                }
                try {
                    fields.add(Node.HashField.valueOf(s.toUpperCase(Locale.ROOT).replace("-", "")));
                } catch (IllegalArgumentException e) {
                    throw error("unknown hash field '" + f + "' (expected 5tuple, src, dst, proto, sport, dport, tos, "
                            + "icmp, flowlabel)");
                }
            }
        }
        OptionalLong lbSeed = OptionalLong.empty();
        if (o.containsKey("lb-seed")) {
            try {
                lbSeed = OptionalLong.of(Long.parseLong(one(o, "lb-seed")));
            } catch (NumberFormatException e) {
                throw error("lb-seed '" + one(o, "lb-seed") + "' is not an integer");
            }
        }
        return new Node.Balancer(mode, fields, lbSeed);
    }

    private Node.Nat nat(Map<String, List<String>> o) throws TopologyException {
        if (!o.containsKey("nat")) {
            for (String k : List.of("nat-ports", "nat-fixup", "nat-broken")) {
                if (o.containsKey(k)) {
                    throw error("'" + k + "' needs 'nat=<public IPv4 address>'");
                }
            }
            return null;
        }
        Inet4Address pub = Addresses.parseV4(one(o, "nat"));
        if (pub == null) {
            throw error("nat needs a public IPv4 address (NAT44 only), not '" + one(o, "nat") + "'");
        }
        int base = 0;
        if (o.containsKey("nat-ports")) {
            String v = one(o, "nat-ports");
            base = v.equalsIgnoreCase("preserve") ? 0 : intIn("nat-ports", v, 1024, 65000);
        }
        Node.Nat.Fixup fixup = Node.Nat.Fixup.FULL;
        if (o.containsKey("nat-fixup")) {
            fixup = switch (one(o, "nat-fixup").toLowerCase(Locale.ROOT)) {
                case "full" -> Node.Nat.Fixup.FULL;
                case "addresses" -> Node.Nat.Fixup.ADDRESSES;
                case "none" -> Node.Nat.Fixup.NONE;
                default -> throw error("nat-fixup must be full, addresses or none, not '" + one(o, "nat-fixup") + "'");
            };
        }
        if (o.containsKey("nat-broken")) {
            if (o.containsKey("nat-fixup")) {
                throw error("'nat-broken' is nat-fixup=none: give one of them");
            }
            fixup = Node.Nat.Fixup.NONE;
        }
        return new Node.Nat(pub, base, fixup);
    }

    private Node.PortSet ports(String key, String v) throws TopologyException {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return Node.PortSet.NONE;
        }
        if (s.equals("all")) {
            return Node.PortSet.ALL;
        }
        List<int[]> ranges = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            int dash = part.indexOf('-');
            int lo = intIn(key + " port", dash < 0 ? part : part.substring(0, dash), 1, 65535);
            int hi = dash < 0 ? lo : intIn(key + " port", part.substring(dash + 1), 1, 65535);
            if (hi < lo) {
                throw error(key + " port range '" + part + "' is reversed");
            }
            ranges.add(new int[] {lo, hi});
        }
        return new Node.PortSet(ranges, v);
    }

    // ---------------------------------------------------------------- links and tunnels

    private void link(String[] t) throws TopologyException {
        if (t.length < 4) {
            throw error("expected: link <from> <to> <delay> [loss=<p>] [jitter=<delay>]");
        }
        long delay = duration("link delay", t[3]);
        double loss = 0;
        long jitter = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 4; i < t.length; i++) {
            int eq = t[i].indexOf('=');
            String key = eq < 0 ? t[i] : t[i].substring(0, eq).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : t[i].substring(eq + 1);
            if (!seen.add(key)) {
                throw error("option '" + key + "' given twice");
            }
            switch (key) {
                case "loss" -> loss = probability("loss", value);
                case "jitter" -> jitter = duration("jitter", value);
                default -> throw error("unknown link option '" + t[i] + "' (expected loss=<p> or jitter=<delay>)");
            }
        }
        links.add(new Link(t[1], t[2], delay, jitter, loss, lineNo));
    }

    private void mpls(String[] t) throws TopologyException {
        if (t.length < 5) {
            throw error("expected: mpls <explicit|implicit|opaque|invisible> <ingress> <lsr>... <egress> "
                    + "[labels=<l1>,<l2>,...]");
        }
        MplsTunnel.Mode mode;
        try {
            mode = MplsTunnel.Mode.valueOf(t[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error("unknown MPLS tunnel kind '" + t[1] + "' (expected explicit, implicit, opaque or invisible)");
        }
        List<String> path = new ArrayList<>();
        List<Integer> labels = null;
        for (int i = 2; i < t.length; i++) {
            if (t[i].toLowerCase(Locale.ROOT).startsWith("labels=")) {
                if (labels != null) {
                    throw error("option 'labels' given twice");
                }
                labels = new ArrayList<>();
                for (String l : t[i].substring(7).split(",", -1)) {
                    labels.add(intIn("label", l, 16, 0xfffff));
                }
            } else if (t[i].indexOf('=') >= 0) {
                throw error("unknown mpls option '" + t[i] + "' (expected labels=<l1>,<l2>,...)");
            } else {
                path.add(t[i]);
            }
        }
        if (path.size() < 3) {
            throw error("an MPLS tunnel needs an ingress, at least one LSR and an egress");
        }
        if (new LinkedHashSet<>(path).size() != path.size()) {
            throw error("an MPLS tunnel lists a node twice");
        }
        if (labels == null) {
            labels = new ArrayList<>();
            for (int i = 1; i < path.size(); i++) {
                labels.add(24000 + 1000 * tunnels.size() + 16 * i);
            }
        } else if (labels.size() != path.size() - 1) {
            throw error("labels lists " + labels.size() + " labels; this tunnel needs " + (path.size() - 1)
                    + " (one per node after the ingress)");
        }
        tunnels.add(new MplsTunnel(mode, path, labels, lineNo));
    }

    // ---------------------------------------------------------------- values

    private int intIn(String what, String v, int min, int max) throws TopologyException {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw error(what + " must be an integer in " + min + ".." + max + ", not '" + v + "'");
    }

    private double probability(String what, String v) throws TopologyException {
        try {
            double p = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100
                    : Double.parseDouble(v);
            if (p >= 0 && p <= 1 && !Double.isNaN(p)) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw error(what + " must be a probability such as 0.05 or 5%, not '" + v + "'");
    }

    private long duration(String what, String v) throws TopologyException {
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw error(what + " '" + v + "' is not a duration such as 5ms, 250us or 1.5s");
        }
        double n = Double.parseDouble(m.group(1));
        double unit = switch (m.group(2)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            default -> 1e9;
        };
        double nanos = n * unit;
        if (nanos > 3_600e9) {
            throw error(what + " '" + v + "' is longer than an hour");
        }
        return Math.round(nanos);
    }
}
