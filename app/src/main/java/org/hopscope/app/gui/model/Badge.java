package org.hopscope.app.gui.model;

/** Short markers shown next to a hop or interface; each has a sentence for its tooltip. */
public enum Badge {
    DESTINATION("dest", "This is the destination you traced to."),
    NAT("NAT", "Probes came back rewritten: a NAT between you and this hop changed the probe's source or checksum."),
    MPLS("MPLS", "This router reported MPLS labels: the hop is inside an MPLS tunnel, so hidden hops may sit around it."),
    TTL_ZERO("TTL0", "This router forwards packets whose TTL is already 0, so the next router appears twice (a false loop)."),
    QUOTED_TTL("qTTL", "The quoted TTL was above 1: a tunnel or middlebox between here and the previous hop hid routers."),
    REPLY_TTL("rTTL", "Replies from this address arrived with different TTLs: they may take different return paths."),
    LOOP("loop", "This address also answers at another hop: usually load balancing, NAT or a TTL-0 forwarder, rarely a real loop."),
    UNREACHABLE("!", "This router said the destination cannot be reached (see the mark)."),
    MULTIPATH("ECMP", "Several addresses answer at this hop: traffic is load-balanced over parallel paths."),
    SILENT("silent", "Nothing answered at this hop. Many routers are configured not to reply; traffic still passes through.");

    private final String label;
    private final String explanation;

    Badge(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    public String label() {
        return label;
    }

    public String explanation() {
        return explanation;
    }
}
