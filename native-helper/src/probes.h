/* The in-flight probe table and the reply matcher. Raw sockets see every
 * process's traffic; this is the filter that lets through only packets that
 * answer one of our own probes (PROTOCOL.md section 5). Pure: no sockets. */
#ifndef HS_PROBES_H
#define HS_PROBES_H

#include <stddef.h>
#include <stdint.h>
#include "limits.h"
#include "policy.h"

#define HS_TOKEN_BUCKETS 8192u  /* power of two, 2x the table size */
#define HS_FLOW_BUCKETS 8192u

struct hs_probe {
    char token[HS_MAX_TOKEN + 1];
    struct hs_probe_info info;
    uint64_t deadline_ns; /* CLOCK_MONOTONIC */
    uint64_t order;       /* send order: breaks ties between matching probes */
    int32_t next_tok, next_flow, prev_dl, next_dl;
    uint32_t flow_hash;
    int used;
    int verified; /* watch: a segment already passed the owner check */
};

struct hs_table {
    unsigned capacity, count;
    uint64_t next_order;
    int32_t free_head;
    int32_t dl_head, dl_tail; /* doubly linked, sorted by deadline */
    int32_t tok_bucket[HS_TOKEN_BUCKETS];
    int32_t flow_bucket[HS_FLOW_BUCKETS];
    struct hs_probe slot[HS_MAX_IN_FLIGHT];
};

void hs_table_init(struct hs_table *t, unsigned capacity);
int hs_table_find(const struct hs_table *t, const char *token);
/* Returns the slot, or -1 when the table is full. The token must be new. */
int hs_table_add(struct hs_table *t, const char *token, const struct hs_probe_info *info,
                 uint64_t deadline_ns);
void hs_table_remove(struct hs_table *t, int idx);
/* Slot with the earliest deadline, or -1. */
static inline int hs_table_first_deadline(const struct hs_table *t) { return t->dl_head; }

enum hs_match_kind { HS_MATCH_QUOTE, HS_MATCH_QUOTE_NAT, HS_MATCH_ECHO, HS_MATCH_TCP,
                     HS_MATCH_SESSION /* a segment of a watched connection (version 2) */ };
#define HS_MATCH_FOREIGN (-1)
#define HS_MATCH_MALFORMED (-2)

/* Matches one received full IP packet (IPv4 as received, IPv6 with the
 * synthesised header). Returns the probe slot, HS_MATCH_FOREIGN or
 * HS_MATCH_MALFORMED. */
int hs_match(const struct hs_table *t, const uint8_t *pkt, size_t len, enum hs_match_kind *kind);
const char *hs_match_kind_name(enum hs_match_kind k);

/* How many bytes of a matched packet are forwarded. TCP segments from the
 * destination lose their payload: the engine needs flags, numbers and
 * options only, and a probe sharing another user's ports must never become
 * a way to read that user's data. Everything else is forwarded whole. */
size_t hs_forward_len(const uint8_t *pkt, size_t len, enum hs_match_kind kind);

/* Builds the IPv6 header the kernel does not deliver on raw sockets in front
 * of `payload` into out. Flow label is always 0 (not reported by the kernel).
 * Returns the full length, or 0 if it does not fit in cap or 65535. */
size_t hs_synth_ip6(uint8_t *out, size_t cap, const uint8_t *payload, size_t plen,
                    const uint8_t src[16], const uint8_t dst[16], unsigned hop_limit,
                    unsigned tclass, uint8_t next_header);

#endif
