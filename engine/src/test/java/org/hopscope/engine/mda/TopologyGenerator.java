package org.hopscope.engine.mda;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes topology files (docs/simulated-network.md) for MDA validation, fakeroute-style: load
 * balancers of any width, in series, nested, meshed, with branches of unequal length or uneven
 * widths. Every generated network has IPv4 and IPv6 addresses, a gateway at TTL 1 and the host
 * {@value #DESTINATION} (2001:db8:ffff::10) at the end; balancers are per-flow unless told otherwise
 * and hash the 5-tuple, TOS, the ICMP checksum and the IPv6 flow label.
 */
final class TopologyGenerator {
    static final String DESTINATION = "198.19.0.10";
    static final String DESTINATION6 = "2001:db8:ffff::10";
    static final String HASH = "hash=5tuple,tos,icmp,flowlabel";

    private final StringBuilder sb = new StringBuilder();
    private final List<String> links = new ArrayList<>();
    private int routers;

    private TopologyGenerator(String name, String description) {
        sb.append("name ").append(name).append('\n');
        sb.append("description ").append(description).append('\n');
        sb.append("source me 198.18.0.2 2001:db8::2\n");
    }

    /** A new router (per-flow balancer if it ends up with several next hops). */
    private String router(String options) {
        int i = ++routers;
        String name = "r" + i;
        sb.append(String.format(Locale.ROOT, "router %s 198.18.%d.%d 2001:db8:%x::1 %s %s%n", name, 1 + i / 200,
                1 + i % 200, i, HASH, options));
        return name;
    }

    private String router() {
        return router("");
    }

    private void link(String a, String b) {
        links.add("link " + a + " " + b + " 1ms");
    }

    private String finish(String last) {
        sb.append("host dst ").append(DESTINATION).append(' ').append(DESTINATION6).append(" tcp=80\n");
        link(last, "dst");
        for (String l : links) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    /** Start: me → gw (TTL 1) → r (TTL 2), returning r. */
    private String start() {
        String gw = router();
        link("me", gw);
        String r = router();
        link(gw, r);
        return r;
    }

    /** A diamond from {@code lb}: {@code width} parallel routers that merge again; returns the merge point. */
    private String diamond(String lb, int width, String lbOptions) {
        String merge = router();
        for (int i = 0; i < width; i++) {
            String b = router();
            link(lb, b);
            link(b, merge);
        }
        return merge;
    }

    /** One balancer of width {@code k} (TTL 2), branches of one hop. */
    static String single(int k) {
        return serial(new int[] {k});
    }

    /** Balancers in series, one diamond each: widths {@code ks}. */
    static String serial(int[] ks) {
        TopologyGenerator g = new TopologyGenerator("serial-" + join(ks), ks.length + " load balancer(s) in series");
        String at = g.start();
        for (int k : ks) {
            at = g.diamond(at, k, "");
            String next = g.router();
            g.link(at, next);
            at = next;
        }
        return g.finish(at);
    }

    /** A balancer of width {@code outer} whose every branch balances again over {@code inner} routers. */
    static String nested(int outer, int inner) {
        TopologyGenerator g = new TopologyGenerator("nested-" + outer + "x" + inner,
                "a balancer of width " + outer + " whose branches balance again over " + inner);
        String lb = g.start();
        String merge = g.router();
        for (int i = 0; i < outer; i++) {
            String b = g.router();
            g.link(lb, b);
            for (int j = 0; j < inner; j++) {
                String c = g.router();
                g.link(b, c);
                g.link(c, merge);
            }
        }
        String next = g.router();
        g.link(merge, next);
        return g.finish(next);
    }

    /** Two layers of {@code k} routers, every one of the first linked to every one of the second. */
    static String meshed(int k) {
        TopologyGenerator g = new TopologyGenerator("meshed-" + k, "a full mesh between two layers of " + k);
        String lb = g.start();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            first.add(g.router());
        }
        for (int i = 0; i < k; i++) {
            second.add(g.router());
        }
        String merge = g.router();
        for (String a : first) {
            g.link(lb, a);
            for (String b : second) {
                g.link(a, b);
            }
        }
        for (String b : second) {
            g.link(b, merge);
        }
        return g.finish(merge);
    }

    /** Branches of 1, 2, ... {@code k} hops from one balancer, merging at one router. */
    static String unequal(int k) {
        TopologyGenerator g = new TopologyGenerator("unequal-" + k, k + " branches of lengths 1.." + k);
        String lb = g.start();
        String merge = g.router();
        for (int len = 1; len <= k; len++) {
            String prev = lb;
            for (int h = 0; h < len; h++) {
                String r = g.router();
                g.link(prev, r);
                prev = r;
            }
            g.link(prev, merge);
        }
        String next = g.router();
        g.link(merge, next);
        return g.finish(next);
    }

    /**
     * Width-asymmetric: the first branch balances again over {@code wide} routers, the other
     * {@code narrowBranches} branches do not; flows are spread unevenly at the second TTL.
     */
    static String asymmetric(int wide, int narrowBranches) {
        TopologyGenerator g = new TopologyGenerator("asymmetric-" + wide + "-" + narrowBranches,
                "one branch balances again over " + wide + ", " + narrowBranches + " do not");
        String lb = g.start();
        String merge = g.router();
        String a = g.router();
        g.link(lb, a);
        for (int j = 0; j < wide; j++) {
            String c = g.router();
            g.link(a, c);
            g.link(c, merge);
        }
        for (int i = 0; i < narrowBranches; i++) {
            String b = g.router();
            g.link(lb, b);
            String c = g.router();
            g.link(b, c);
            g.link(c, merge);
        }
        return g.finish(merge);
    }

    /**
     * A random network, as fakeroute's validation uses: 1 to 3 load balancers in series, each a plain
     * diamond of width 2..16, a nested one (2..4 × 2..4), one with branches of unequal length (2..3
     * branches) or a meshed one (2..4 routers per layer). The same seed gives the same network.
     */
    static String random(long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        TopologyGenerator g = new TopologyGenerator("random-" + seed, "random load balancers, seed " + seed);
        String at = g.start();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            at = switch (rnd.nextInt(4)) {
                case 0 -> g.diamond(at, 2 + rnd.nextInt(15), "");
                case 1 -> g.nestedFrom(at, 2 + rnd.nextInt(3), 2 + rnd.nextInt(3));
                case 2 -> g.unequalFrom(at, 2 + rnd.nextInt(2));
                default -> g.meshedFrom(at, 2 + rnd.nextInt(3));
            };
            String next = g.router();
            g.link(at, next);
            at = next;
        }
        return g.finish(at);
    }

    private String nestedFrom(String lb, int outer, int inner) {
        String merge = router();
        for (int i = 0; i < outer; i++) {
            String b = router();
            link(lb, b);
            for (int j = 0; j < inner; j++) {
                String c = router();
                link(b, c);
                link(c, merge);
            }
        }
        return merge;
    }

    private String unequalFrom(String lb, int k) {
        String merge = router();
        for (int len = 1; len <= k; len++) {
            String prev = lb;
            for (int h = 0; h < len; h++) {
                String r = router();
                link(prev, r);
                prev = r;
            }
            link(prev, merge);
        }
        return merge;
    }

    private String meshedFrom(String lb, int k) {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            first.add(router());
        }
        for (int i = 0; i < k; i++) {
            second.add(router());
        }
        String merge = router();
        for (String a : first) {
            link(lb, a);
            for (String b : second) {
                link(a, b);
            }
        }
        for (String b : second) {
            link(b, merge);
        }
        return merge;
    }

    /** A plain path of {@code hops} routers. */
    static String chain(int hops) {
        TopologyGenerator g = new TopologyGenerator("chain-" + hops, "a plain path");
        String at = g.router();
        g.link("me", at);
        for (int i = 1; i < hops; i++) {
            String r = g.router();
            g.link(at, r);
            at = r;
        }
        return g.finish(at);
    }

    private static String join(int[] ks) {
        StringBuilder s = new StringBuilder();
        for (int k : ks) {
            s.append(s.length() == 0 ? "" : "-").append(k);
        }
        return s.toString();
    }
}
