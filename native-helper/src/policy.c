/* Send policy. The helper runs with privilege the engine does not have, so it
 * trusts nothing in a request: a packet is sent only if every rule below holds
 * (see SECURITY.md for why each rule exists). */
#include "policy.h"
#include "limits.h"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

uint16_t hs_inet_checksum(const uint8_t *p, size_t n)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < n; i += 2)
        sum += rd16(p + i);
    if (n & 1)
        sum += (uint32_t)p[n - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

void hs_hostaddrs_clear(struct hs_hostaddrs *h) { h->n4 = h->nb4 = h->n6 = 0; }

void hs_hostaddrs_add_bcast4(struct hs_hostaddrs *h, const uint8_t addr[4])
{
    if (h->nb4 < HS_MAX_ADDRS)
        memcpy(h->bcast4[h->nb4++], addr, 4);
}

void hs_hostaddrs_add4(struct hs_hostaddrs *h, const uint8_t addr[4], unsigned prefix_len)
{
    if (h->n4 < HS_MAX_ADDRS)
        memcpy(h->v4[h->n4++], addr, 4);
    /* /31 and /32 have no broadcast address (RFC 3021). Computing it here as
     * well as taking ifa_broadaddr covers interfaces without IFF_BROADCAST. */
    if (prefix_len < 31) {
        uint32_t a = rd32(addr), hostmask = prefix_len == 0 ? 0xffffffffu : (0xffffffffu >> prefix_len);
        uint32_t b = a | hostmask;
        uint8_t bb[4] = {(uint8_t)(b >> 24), (uint8_t)(b >> 16), (uint8_t)(b >> 8), (uint8_t)b};
        hs_hostaddrs_add_bcast4(h, bb);
    }
}

void hs_hostaddrs_add6(struct hs_hostaddrs *h, const uint8_t addr[16])
{
    if (h->n6 < HS_MAX_ADDRS)
        memcpy(h->v6[h->n6++], addr, 16);
}

static unsigned prefix_of_mask(const uint8_t m[4])
{
    uint32_t v = rd32(m);
    unsigned n = 0;
    while (n < 32 && (v & (0x80000000u >> n)))
        n++;
    return n;
}

int hs_hostaddrs_load(struct hs_hostaddrs *h)
{
    struct ifaddrs *list;
    if (getifaddrs(&list) != 0)
        return -1;
    /* Build into a scratch copy so a failure never leaves h half-filled. */
    struct hs_hostaddrs *n = malloc(sizeof *n);
    if (!n) {
        freeifaddrs(list);
        return -1;
    }
    hs_hostaddrs_clear(n);
    for (struct ifaddrs *i = list; i; i = i->ifa_next) {
        if (!i->ifa_addr)
            continue;
        if (i->ifa_addr->sa_family == AF_INET) {
            const uint8_t *a = (const uint8_t *)&((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr;
            unsigned plen = 32;
            if (i->ifa_netmask)
                plen = prefix_of_mask((const uint8_t *)&((struct sockaddr_in *)(void *)i->ifa_netmask)->sin_addr);
            hs_hostaddrs_add4(n, a, plen);
            if ((i->ifa_flags & IFF_BROADCAST) && i->ifa_broadaddr &&
                i->ifa_broadaddr->sa_family == AF_INET)
                hs_hostaddrs_add_bcast4(n, (const uint8_t *)&((struct sockaddr_in *)(void *)i->ifa_broadaddr)->sin_addr);
        } else if (i->ifa_addr->sa_family == AF_INET6) {
            hs_hostaddrs_add6(n, ((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr.s6_addr);
        }
    }
    freeifaddrs(list);
    memcpy(h, n, sizeof *n);
    free(n);
    return 0;
}

static int in_list(const uint8_t (*list)[4], size_t n, const uint8_t *a)
{
    for (size_t i = 0; i < n; i++)
        if (memcmp(list[i], a, 4) == 0)
            return 1;
    return 0;
}

static int in_list6(const uint8_t (*list)[16], size_t n, const uint8_t *a)
{
    for (size_t i = 0; i < n; i++)
        if (memcmp(list[i], a, 16) == 0)
            return 1;
    return 0;
}

static const uint8_t zero16[16];

static enum hs_policy_result check_dst4(const uint8_t *d, const struct hs_hostaddrs *h)
{
    if (d[0] == 0)
        return HS_POLICY_DEST_UNSPECIFIED; /* 0.0.0.0/8 "this network" */
    if (d[0] >= 224 && d[0] <= 239)
        return HS_POLICY_DEST_MULTICAST;
    if (d[0] == 255 && d[1] == 255 && d[2] == 255 && d[3] == 255)
        return HS_POLICY_DEST_BROADCAST;
    if (d[0] >= 240)
        return HS_POLICY_DEST_RESERVED;
    if (in_list(h->bcast4, h->nb4, d))
        return HS_POLICY_DEST_BROADCAST;
    return HS_POLICY_OK;
}

static enum hs_policy_result check_dst6(const uint8_t *d)
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (memcmp(d, zero16, 16) == 0)
        return HS_POLICY_DEST_UNSPECIFIED;
    if (d[0] == 0xff)
        return HS_POLICY_DEST_MULTICAST;
    if (memcmp(d, mapped, 12) == 0)
        return HS_POLICY_DEST_RESERVED;
    return HS_POLICY_OK;
}

static int is_ext_header(uint8_t nh)
{
    switch (nh) {
    case 0: case 43: case 44: case 50: case 51: case 60: case 135: case 139: case 140: case 253: case 254:
        return 1;
    default:
        return 0;
    }
}

/* Transport rules, shared by both IP versions. t points at the transport
 * header, tl is its length including payload (at least 8, by the size rules). */
static enum hs_policy_result check_transport(int family, uint8_t proto, const uint8_t *t, size_t tl,
                                             struct hs_probe_info *info)
{
    memcpy(info->th8, t, 8);
    /* Kept so replies can be checked against everything we sent (probes.c). */
    info->tlen = (uint16_t)(tl < sizeof info->tbytes ? tl : sizeof info->tbytes);
    memcpy(info->tbytes, t, info->tlen);
    if (proto == 17) {
        if (rd16(t + 4) != tl)
            return HS_POLICY_UDP_LENGTH;
        /* RFC 8200: a zero UDP checksum is not allowed over IPv6. */
        if (family == 6 && rd16(t + 6) == 0)
            return HS_POLICY_UDP_CHECKSUM;
    } else if (proto == 6) {
        if (tl < 20)
            return HS_POLICY_TCP_HEADER_LENGTH;
        unsigned doff = t[12] >> 4;
        if (doff < 5 || doff * 4u > tl)
            return HS_POLICY_TCP_HEADER_LENGTH;
        /* Only the probes traceroutes need. RST/FIN could tear down other
         * people's connections; SYN+FIN and friends are scan tricks. */
        uint8_t fl = t[13];
        if ((t[12] & 0x0f) != 0 || (fl != 0x02 && fl != 0x10 && fl != 0x18))
            return HS_POLICY_TCP_FLAGS;
        info->tcp_flags = fl;
        info->tcp_seq = rd32(t + 4);
        info->tcp_next_seq = info->tcp_seq + (uint32_t)(tl - doff * 4u) + (fl == 0x02 ? 1u : 0u);
    } else { /* ICMP / ICMPv6 */
        uint8_t echo = family == 4 ? 8 : 128;
        if (t[0] != echo || t[1] != 0)
            return HS_POLICY_ICMP_TYPE;
        info->echo_id = rd16(t + 4);
        info->echo_seq = rd16(t + 6);
        return HS_POLICY_OK;
    }
    info->sport = rd16(t);
    info->dport = rd16(t + 2);
    if (info->dport == 0)
        return HS_POLICY_PORT_ZERO;
    /* Ports below 1024 belong to system services; an unprivileged caller must
     * not be able to speak as one (mtr-packet has the same rule). */
    if (info->sport < 1024)
        return HS_POLICY_PRIVILEGED_SOURCE_PORT;
    return HS_POLICY_OK;
}

enum hs_policy_result hs_policy_check(const uint8_t *pkt, size_t len, const struct hs_hostaddrs *h,
                                      struct hs_probe_info *info)
{
    memset(info, 0, sizeof *info);
    if (len < HS_MIN_PACKET)
        return HS_POLICY_TOO_SHORT;
    if (len > HS_MAX_PACKET)
        return HS_POLICY_TOO_LONG;
    unsigned version = pkt[0] >> 4;
    enum hs_policy_result r;

    if (version == 4) {
        info->family = 4;
        if ((pkt[0] & 0x0f) != 5)
            return HS_POLICY_IP_OPTIONS;
        if (rd16(pkt + 2) != len)
            return HS_POLICY_IP_LENGTH;
        if (rd16(pkt + 10) != 0 && hs_inet_checksum(pkt, 20) != 0)
            return HS_POLICY_IP_CHECKSUM;
        if ((rd16(pkt + 6) & 0xbfff) != 0) /* everything but DF: reserved bit, MF, offset */
            return HS_POLICY_FRAGMENT;
        uint8_t proto = pkt[9];
        if (proto != 17 && proto != 6 && proto != 1)
            return HS_POLICY_PROTOCOL;
        if (pkt[8] == 0)
            return HS_POLICY_TTL_ZERO;
        info->proto = proto;
        info->ip_id = rd16(pkt + 4);
        if ((r = check_transport(4, proto, pkt + 20, len - 20, info)) != HS_POLICY_OK)
            return r;
        memcpy(info->src, pkt + 12, 4);
        memcpy(info->dst, pkt + 16, 4);
        info->src_specified = memcmp(info->src, zero16, 4) != 0;
        /* TCP needs the source for the connection-owner check (main.c). */
        if (!info->src_specified && proto == 6)
            return HS_POLICY_SOURCE_UNSPECIFIED;
        if (info->src_specified && !in_list(h->v4, h->n4, info->src))
            return HS_POLICY_SOURCE_NOT_LOCAL;
        return check_dst4(info->dst, h);
    }
    if (version == 6) {
        info->family = 6;
        if (len < HS_MIN_PACKET6)
            return HS_POLICY_TOO_SHORT;
        if (rd16(pkt + 4) != len - 40)
            return HS_POLICY_IP_LENGTH;
        uint8_t nh = pkt[6];
        if (is_ext_header(nh))
            return HS_POLICY_EXTENSION_HEADER;
        if (nh != 17 && nh != 6 && nh != 58)
            return HS_POLICY_PROTOCOL;
        if (pkt[7] == 0)
            return HS_POLICY_TTL_ZERO;
        info->proto = nh;
        if ((r = check_transport(6, nh, pkt + 40, len - 40, info)) != HS_POLICY_OK)
            return r;
        memcpy(info->src, pkt + 8, 16);
        memcpy(info->dst, pkt + 24, 16);
        /* Unlike IPv4, Linux does not fill in the source of a header-included
         * IPv6 packet: "::" would go on the wire as is (invalid, RFC 4291),
         * and the engine needs the real source for the checksum anyway. */
        info->src_specified = 1;
        if (memcmp(info->src, zero16, 16) == 0)
            return HS_POLICY_SOURCE_UNSPECIFIED;
        if (!in_list6(h->v6, h->n6, info->src))
            return HS_POLICY_SOURCE_NOT_LOCAL;
        return check_dst6(info->dst);
    }
    return HS_POLICY_IP_VERSION;
}

enum hs_policy_result hs_watch_check(int family, const uint8_t *src, uint16_t sport, const uint8_t *dst,
                                     uint16_t dport, const struct hs_hostaddrs *h,
                                     struct hs_probe_info *info)
{
    memset(info, 0, sizeof *info);
    if (family != 4 && family != 6)
        return HS_POLICY_IP_VERSION;
    size_t alen = family == 4 ? 4 : 16;
    info->family = family;
    info->proto = 6;
    info->watch = 1;
    info->src_specified = 1;
    memcpy(info->src, src, alen);
    memcpy(info->dst, dst, alen);
    info->sport = sport;
    info->dport = dport;
    if (sport == 0 || dport == 0)
        return HS_POLICY_PORT_ZERO;
    if (sport < 1024)
        return HS_POLICY_PRIVILEGED_SOURCE_PORT;
    if (memcmp(src, zero16, alen) == 0)
        return HS_POLICY_SOURCE_UNSPECIFIED;
    if (family == 4 ? !in_list(h->v4, h->n4, src) : !in_list6(h->v6, h->n6, src))
        return HS_POLICY_SOURCE_NOT_LOCAL;
    return family == 4 ? check_dst4(dst, h) : check_dst6(dst);
}

const char *hs_policy_reason(enum hs_policy_result r)
{
    switch (r) {
    case HS_POLICY_OK: return "ok";
    case HS_POLICY_TOO_SHORT: return "too-short";
    case HS_POLICY_TOO_LONG: return "too-long";
    case HS_POLICY_IP_VERSION: return "ip-version";
    case HS_POLICY_IP_OPTIONS: return "ip-options";
    case HS_POLICY_IP_LENGTH: return "ip-length";
    case HS_POLICY_IP_CHECKSUM: return "ip-checksum";
    case HS_POLICY_FRAGMENT: return "fragment";
    case HS_POLICY_EXTENSION_HEADER: return "extension-header";
    case HS_POLICY_PROTOCOL: return "protocol";
    case HS_POLICY_TTL_ZERO: return "ttl-zero";
    case HS_POLICY_UDP_LENGTH: return "udp-length";
    case HS_POLICY_UDP_CHECKSUM: return "udp-checksum";
    case HS_POLICY_TCP_HEADER_LENGTH: return "tcp-header-length";
    case HS_POLICY_TCP_FLAGS: return "tcp-flags";
    case HS_POLICY_PORT_ZERO: return "port-zero";
    case HS_POLICY_PRIVILEGED_SOURCE_PORT: return "privileged-source-port";
    case HS_POLICY_ICMP_TYPE: return "icmp-type";
    case HS_POLICY_SOURCE_UNSPECIFIED: return "source-unspecified";
    case HS_POLICY_SOURCE_NOT_LOCAL: return "source-not-local";
    case HS_POLICY_DEST_UNSPECIFIED: return "destination-unspecified";
    case HS_POLICY_DEST_MULTICAST: return "destination-multicast";
    case HS_POLICY_DEST_BROADCAST: return "destination-broadcast";
    case HS_POLICY_DEST_RESERVED: return "destination-reserved";
    case HS_POLICY_TCP_FOREIGN_CONNECTION: return "tcp-foreign-connection";
    case HS_POLICY_TCP_OWNER_UNKNOWN: return "tcp-owner-unknown";
    }
    return "unknown";
}

void hs_bucket_init(struct hs_bucket *b, unsigned rate, uint64_t now_ns)
{
    b->rate = rate;
    b->burst = rate / 10 ? rate / 10 : 1; /* 100 ms worth of probes */
    /* Round the cost up so the long-run rate never exceeds `rate`. */
    b->cost_ns = (1000000000ull + rate - 1) / rate;
    b->cap_ns = b->cost_ns * b->burst;
    b->credit_ns = b->cap_ns; /* starts full */
    b->last_ns = now_ns;
}

static void bucket_accrue(struct hs_bucket *b, uint64_t now_ns)
{
    if (now_ns > b->last_ns) {
        uint64_t add = now_ns - b->last_ns;
        b->credit_ns = add >= b->cap_ns - b->credit_ns ? b->cap_ns : b->credit_ns + add;
        b->last_ns = now_ns;
    }
}

int hs_bucket_take(struct hs_bucket *b, uint64_t now_ns)
{
    bucket_accrue(b, now_ns);
    if (b->credit_ns < b->cost_ns)
        return 0;
    b->credit_ns -= b->cost_ns;
    return 1;
}

void hs_bucket_set_rate(struct hs_bucket *b, unsigned rate, uint64_t now_ns)
{
    bucket_accrue(b, now_ns); /* credit up to now at the old rate */
    uint64_t avail = b->credit_ns / b->cost_ns; /* whole probes left */
    hs_bucket_init(b, rate, now_ns);
    if (avail < b->burst)
        b->credit_ns = avail * b->cost_ns;
}

void hs_config_defaults(struct hs_config *c)
{
    c->rate_ceiling = HS_RATE_CEILING;
    c->max_in_flight = HS_MAX_IN_FLIGHT;
}

int hs_config_parse(const char *text, size_t len, struct hs_config *c, char *err, size_t errlen)
{
    size_t pos = 0;
    unsigned lineno = 0;
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        lineno++;
        char line[256];
        size_t n = end - pos;
        if (n >= sizeof line) {
            snprintf(err, errlen, "line %u: too long", lineno);
            return -1;
        }
        memcpy(line, text + pos, n);
        line[n] = '\0';
        pos = end + 1;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char key[64], val[64], extra[2];
        int got = sscanf(line, "%63s %63s %1s", key, val, extra);
        if (got <= 0)
            continue; /* blank or comment */
        if (got != 2) {
            snprintf(err, errlen, "line %u: expected \"key value\"", lineno);
            return -1;
        }
        uint64_t v = 0;
        int ok = 1;
        for (const char *p = val; *p; p++)
            if (*p < '0' || *p > '9' || p - val >= 9)
                ok = 0;
        if (ok)
            v = strtoull(val, NULL, 10);
        if (strcmp(key, "rate-ceiling") == 0) {
            if (!ok || v < 1 || v > HS_RATE_CEILING) {
                snprintf(err, errlen, "line %u: rate-ceiling must be 1..%u", lineno, HS_RATE_CEILING);
                return -1;
            }
            c->rate_ceiling = (unsigned)v;
        } else if (strcmp(key, "max-in-flight") == 0) {
            if (!ok || v < 1 || v > HS_MAX_IN_FLIGHT) {
                snprintf(err, errlen, "line %u: max-in-flight must be 1..%u", lineno, HS_MAX_IN_FLIGHT);
                return -1;
            }
            c->max_in_flight = (unsigned)v;
        } else {
            snprintf(err, errlen, "line %u: unknown key \"%s\"", lineno, key);
            return -1;
        }
    }
    return 0;
}
