/* The send policy (SECURITY.md): which packets the helper agrees to put on the
 * wire, plus the rate limiter and the administrator's config file. Pure
 * functions over explicit state, so every rule is unit-tested and fuzzed. */
#ifndef HS_POLICY_H
#define HS_POLICY_H

#include <stddef.h>
#include <stdint.h>
#include "limits.h"

#define HS_MAX_ADDRS 1024

/* The host's own addresses, and the broadcast addresses of its IPv4 subnets
 * (directed broadcasts must never be a destination). Network byte order. */
struct hs_hostaddrs {
    size_t n4, nb4, n6;
    uint8_t v4[HS_MAX_ADDRS][4];
    uint8_t bcast4[HS_MAX_ADDRS][4];
    uint8_t v6[HS_MAX_ADDRS][16];
};

void hs_hostaddrs_clear(struct hs_hostaddrs *h);
/* Adds an IPv4 interface address; prefix_len < 31 also records its subnet's
 * broadcast address. */
void hs_hostaddrs_add4(struct hs_hostaddrs *h, const uint8_t addr[4], unsigned prefix_len);
void hs_hostaddrs_add_bcast4(struct hs_hostaddrs *h, const uint8_t addr[4]);
void hs_hostaddrs_add6(struct hs_hostaddrs *h, const uint8_t addr[16]);
/* Reads the addresses with getifaddrs(); returns 0 or -1 (h then unchanged). */
int hs_hostaddrs_load(struct hs_hostaddrs *h);

/* What the matcher needs to know about an accepted probe. */
struct hs_probe_info {
    int family;          /* 4 or 6 */
    uint8_t proto;       /* 17 UDP, 6 TCP, 1 ICMP, 58 ICMPv6 */
    int src_specified;
    int watch;           /* a connection watch (version 2), not a probe: see hs_watch_check */
    uint8_t src[16];     /* IPv4 uses the first 4 bytes */
    uint8_t dst[16];
    uint16_t ip_id;      /* IPv4 identification (0: the kernel picks one) */
    uint8_t th8[8];      /* first 8 transport bytes, as every ICMP error quotes them */
    uint16_t sport, dport;   /* UDP/TCP */
    uint16_t echo_id, echo_seq;
    uint8_t tcp_flags;
    uint32_t tcp_seq;
    uint32_t tcp_next_seq;   /* what an ACK of this whole segment acknowledges */
    uint16_t tlen;           /* transport bytes kept in tbytes (header + payload) */
    uint8_t tbytes[HS_MAX_PACKET - 20];
};

enum hs_policy_result {
    HS_POLICY_OK = 0,
    HS_POLICY_TOO_SHORT,
    HS_POLICY_TOO_LONG,
    HS_POLICY_IP_VERSION,
    HS_POLICY_IP_OPTIONS,
    HS_POLICY_IP_LENGTH,
    HS_POLICY_IP_CHECKSUM,
    HS_POLICY_FRAGMENT,
    HS_POLICY_EXTENSION_HEADER,
    HS_POLICY_PROTOCOL,
    HS_POLICY_TTL_ZERO,
    HS_POLICY_UDP_LENGTH,
    HS_POLICY_UDP_CHECKSUM,
    HS_POLICY_TCP_HEADER_LENGTH,
    HS_POLICY_TCP_FLAGS,
    HS_POLICY_PORT_ZERO,
    HS_POLICY_PRIVILEGED_SOURCE_PORT,
    HS_POLICY_ICMP_TYPE,
    HS_POLICY_SOURCE_UNSPECIFIED,
    HS_POLICY_SOURCE_NOT_LOCAL,
    HS_POLICY_DEST_UNSPECIFIED,
    HS_POLICY_DEST_MULTICAST,
    HS_POLICY_DEST_BROADCAST,
    HS_POLICY_DEST_RESERVED,
    /* Decided by the caller (they need a netlink lookup), named here. */
    HS_POLICY_TCP_FOREIGN_CONNECTION,
    HS_POLICY_TCP_OWNER_UNKNOWN,
};

/* Checks one engine-crafted packet against every rule; on HS_POLICY_OK fills
 * *info. Rules are checked in the order of PROTOCOL.md section 4. */
enum hs_policy_result hs_policy_check(const uint8_t *pkt, size_t len, const struct hs_hostaddrs *h,
                                      struct hs_probe_info *info);
const char *hs_policy_reason(enum hs_policy_result r);

/* A connection watch (PROTOCOL.md 3.6): the local side must be an address of
 * this host with an unprivileged port, the remote side a unicast destination
 * (the same destination rules as a probe's). On HS_POLICY_OK fills *info as a
 * TCP table entry with watch = 1, which only TCP segments from dst:dport to
 * src:sport can match, never an ICMP quote. The owner check (sock_diag) is the
 * caller's: at registration and again for every segment forwarded. */
enum hs_policy_result hs_watch_check(int family, const uint8_t *src, uint16_t sport, const uint8_t *dst,
                                     uint16_t dport, const struct hs_hostaddrs *h,
                                     struct hs_probe_info *info);

/* Token bucket in integer nanoseconds of credit: each probe costs 1e9/rate ns,
 * credit accrues with monotonic time and is capped at `burst` probes. */
struct hs_bucket {
    unsigned rate, burst;
    uint64_t cost_ns, cap_ns, credit_ns, last_ns;
};
void hs_bucket_init(struct hs_bucket *b, unsigned rate, uint64_t now_ns);
int hs_bucket_take(struct hs_bucket *b, uint64_t now_ns); /* 1 = allowed, 0 = rate-limited */
/* Changes the rate without refilling: otherwise repeated set-rate requests
 * would be a way around the limit. */
void hs_bucket_set_rate(struct hs_bucket *b, unsigned rate, uint64_t now_ns);

/* Administrator limits: can only lower the compiled-in ones. */
struct hs_config {
    unsigned rate_ceiling;
    unsigned max_in_flight;
};
void hs_config_defaults(struct hs_config *c);
/* Parses "key value" lines ('#' comments). Returns 0, or -1 with a message. */
int hs_config_parse(const char *text, size_t len, struct hs_config *c, char *err, size_t errlen);

uint16_t hs_inet_checksum(const uint8_t *p, size_t n);

#endif
