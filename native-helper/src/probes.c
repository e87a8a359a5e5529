/* In-flight table: fixed-size slot array (no allocation after start), hashed
 * by token (duplicate check, cancel) and by "flow key" = (family, protocol,
 * remote address, remote port or echo id). Every kind of answer carries those
 * fields, so matching a received packet costs one hash lookup plus a walk of
 * the probes sharing that flow, however much foreign traffic arrives. */
#include "probes.h"

#include <string.h>

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t fnv(uint32_t h, const void *data, size_t n)
{
    const uint8_t *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static uint32_t token_hash(const char *token) { return fnv(2166136261u, token, strlen(token)); }

static uint32_t flow_hash(int family, uint8_t proto, const uint8_t *remote, uint16_t key)
{
    uint8_t head[4] = {(uint8_t)family, proto, (uint8_t)(key >> 8), (uint8_t)key};
    return fnv(fnv(2166136261u, head, sizeof head), remote, family == 4 ? 4 : 16);
}

static uint16_t flow_key_of(const struct hs_probe_info *i)
{
    return (i->proto == 1 || i->proto == 58) ? i->echo_id : i->dport;
}

void hs_table_init(struct hs_table *t, unsigned capacity)
{
    if (capacity > HS_MAX_IN_FLIGHT)
        capacity = HS_MAX_IN_FLIGHT;
    t->capacity = capacity;
    t->count = 0;
    t->next_order = 0;
    t->dl_head = t->dl_tail = -1;
    for (unsigned i = 0; i < HS_TOKEN_BUCKETS; i++)
        t->tok_bucket[i] = -1;
    for (unsigned i = 0; i < HS_FLOW_BUCKETS; i++)
        t->flow_bucket[i] = -1;
    t->free_head = -1;
    for (int i = (int)capacity - 1; i >= 0; i--) {
        t->slot[i].used = 0;
        t->slot[i].next_tok = t->free_head; /* the free list reuses next_tok */
        t->free_head = i;
    }
}

int hs_table_find(const struct hs_table *t, const char *token)
{
    for (int i = t->tok_bucket[token_hash(token) & (HS_TOKEN_BUCKETS - 1)]; i >= 0; i = t->slot[i].next_tok)
        if (strcmp(t->slot[i].token, token) == 0)
            return i;
    return -1;
}

int hs_table_add(struct hs_table *t, const char *token, const struct hs_probe_info *info,
                 uint64_t deadline_ns)
{
    int idx = t->free_head;
    if (idx < 0)
        return -1;
    struct hs_probe *p = &t->slot[idx];
    t->free_head = p->next_tok;
    memset(p, 0, sizeof *p);
    p->used = 1;
    size_t tl = strlen(token);
    if (tl > HS_MAX_TOKEN)
        tl = HS_MAX_TOKEN;
    memcpy(p->token, token, tl);
    p->token[tl] = '\0';
    p->info = *info;
    p->deadline_ns = deadline_ns;
    p->order = t->next_order++;

    uint32_t tb = token_hash(p->token) & (HS_TOKEN_BUCKETS - 1);
    p->next_tok = t->tok_bucket[tb];
    t->tok_bucket[tb] = idx;

    p->flow_hash = flow_hash(info->family, info->proto, info->dst, flow_key_of(info));
    uint32_t fb = p->flow_hash & (HS_FLOW_BUCKETS - 1);
    p->next_flow = t->flow_bucket[fb];
    t->flow_bucket[fb] = idx;

    /* Timeouts are usually alike, so the new deadline is usually the latest:
     * scanning from the tail makes insertion O(1) in practice. */
    int after = t->dl_tail;
    while (after >= 0 && t->slot[after].deadline_ns > deadline_ns)
        after = t->slot[after].prev_dl;
    p->prev_dl = after;
    p->next_dl = after >= 0 ? t->slot[after].next_dl : t->dl_head;
    if (after >= 0)
        t->slot[after].next_dl = idx;
    else
        t->dl_head = idx;
    if (p->next_dl >= 0)
        t->slot[p->next_dl].prev_dl = idx;
    else
        t->dl_tail = idx;
    t->count++;
    return idx;
}

void hs_table_remove(struct hs_table *t, int idx)
{
    struct hs_probe *p = &t->slot[idx];
    if (!p->used)
        return;
    int32_t *link = &t->tok_bucket[token_hash(p->token) & (HS_TOKEN_BUCKETS - 1)];
    while (*link != idx)
        link = &t->slot[*link].next_tok;
    *link = p->next_tok;

    link = &t->flow_bucket[p->flow_hash & (HS_FLOW_BUCKETS - 1)];
    while (*link != idx)
        link = &t->slot[*link].next_flow;
    *link = p->next_flow;

    if (p->prev_dl >= 0)
        t->slot[p->prev_dl].next_dl = p->next_dl;
    else
        t->dl_head = p->next_dl;
    if (p->next_dl >= 0)
        t->slot[p->next_dl].prev_dl = p->prev_dl;
    else
        t->dl_tail = p->prev_dl;

    p->used = 0;
    p->next_tok = t->free_head;
    t->free_head = idx;
    t->count--;
}

static int first_in_flow(const struct hs_table *t, int family, uint8_t proto, const uint8_t *remote,
                         uint16_t key, uint32_t *hash)
{
    *hash = flow_hash(family, proto, remote, key);
    return t->flow_bucket[*hash & (HS_FLOW_BUCKETS - 1)];
}

/* Same flow key, not merely the same bucket. */
static int same_flow(const struct hs_probe *p, int family, uint8_t proto, const uint8_t *remote, uint16_t key)
{
    return p->info.family == family && p->info.proto == proto && flow_key_of(&p->info) == key &&
           memcmp(p->info.dst, remote, family == 4 ? 4 : 16) == 0;
}

static int is_icmp_error(int family, uint8_t type)
{
    if (family == 4)
        return type == 3 || type == 11 || type == 12;
    return type >= 1 && type <= 4;
}

/* Beyond the 8 bytes every quote has, a quote of a UDP or ICMP probe must
 * repeat our own payload as far as it goes (within the first 128 bytes of the
 * quoted datagram: RFC 4884 extensions may follow from there). Otherwise a
 * local user could craft a probe matching the first 8 bytes of another
 * user's packet and receive that packet's payload in a quote. NATs leave UDP
 * payloads alone. TCP is exempt: middleboxes rewrite options (MSS clamping),
 * and another user's sequence numbers are not guessable anyway. */
static int payload_ok(const struct hs_probe_info *i, uint8_t qproto, size_t qhl, const uint8_t *qt,
                      size_t qtn)
{
    if (qproto == 6)
        return 1;
    size_t n = qtn < i->tlen ? qtn : i->tlen;
    if (qhl + n > 128)
        n = qhl < 128 ? 128 - qhl : 0;
    return n <= 8 || memcmp(qt + 8, i->tbytes + 8, n - 8) == 0;
}

static int match_quote(const struct hs_table *t, int family, const uint8_t *q, size_t qn,
                       enum hs_match_kind *kind)
{
    size_t qhl;
    uint8_t qproto;
    const uint8_t *qsrc, *qdst;
    if (family == 4) {
        if (qn < 20 || (q[0] >> 4) != 4)
            return HS_MATCH_MALFORMED;
        qhl = (size_t)(q[0] & 15) * 4;
        qproto = q[9];
        qsrc = q + 12;
        qdst = q + 16;
    } else {
        if (qn < 40 || (q[0] >> 4) != 6)
            return HS_MATCH_MALFORMED;
        qhl = 40; /* we never send extension headers, so none can be quoted */
        qproto = q[6];
        qsrc = q + 8;
        qdst = q + 24;
    }
    /* RFC 792 guarantees 8 bytes of the original transport header. */
    if (qhl < 20 || qn < qhl + 8)
        return HS_MATCH_MALFORMED;
    const uint8_t *qt = q + qhl;
    uint16_t key;
    if (qproto == 17 || qproto == 6)
        key = rd16(qt + 2);
    else if (qproto == (family == 4 ? 1 : 58))
        key = rd16(qt + 4);
    else
        return HS_MATCH_FOREIGN;

    size_t alen = family == 4 ? 4 : 16;
    int best = -1, best_nat = -1;
    uint32_t h;
    for (int i = first_in_flow(t, family, qproto, qdst, key, &h); i >= 0; i = t->slot[i].next_flow) {
        const struct hs_probe *p = &t->slot[i];
        if (p->flow_hash != h || !same_flow(p, family, qproto, qdst, key) || p->info.watch)
            continue; /* a watch is no probe: nothing it sent can be quoted */
        if (!payload_ok(&p->info, qproto, qhl, qt, qn - qhl))
            continue;
        if (memcmp(p->info.th8, qt, 8) == 0 &&
            (!p->info.src_specified || memcmp(p->info.src, qsrc, alen) == 0)) {
            if (best < 0 || p->order < t->slot[best].order)
                best = i;
            continue;
        }
        /* NAT allowance (IPv4 UDP/TCP): the quoted source address, source port
         * and UDP checksum may have been rewritten; the IP ID survives, so it
         * stands in for them (Dublin traceroute's technique). Destination and
         * destination port already match through the flow key. */
        if (family == 4 && p->info.ip_id != 0 && rd16(q + 4) == p->info.ip_id &&
            (qproto == 17 || (qproto == 6 && rd32(qt + 4) == p->info.tcp_seq))) {
            if (best_nat < 0 || p->order < t->slot[best_nat].order)
                best_nat = i;
        }
    }
    if (best >= 0) {
        *kind = HS_MATCH_QUOTE;
        return best;
    }
    if (best_nat >= 0) {
        *kind = HS_MATCH_QUOTE_NAT;
        return best_nat;
    }
    return HS_MATCH_FOREIGN;
}

static int match_echo(const struct hs_table *t, int family, const uint8_t *src, const uint8_t *icmp,
                      size_t icmp_len, enum hs_match_kind *kind)
{
    uint8_t proto = family == 4 ? 1 : 58;
    uint16_t id = rd16(icmp + 4), seq = rd16(icmp + 6);
    int best = -1;
    uint32_t h;
    for (int i = first_in_flow(t, family, proto, src, id, &h); i >= 0; i = t->slot[i].next_flow) {
        const struct hs_probe *p = &t->slot[i];
        if (p->flow_hash != h || !same_flow(p, family, proto, src, id) || p->info.echo_seq != seq)
            continue;
        /* An echo reply repeats the request's data: require it, so another
         * user's ping replies with the same id and sequence are not ours. */
        if (icmp_len != p->info.tlen || memcmp(icmp + 8, p->info.tbytes + 8, icmp_len - 8) != 0)
            continue;
        if (best < 0 || p->order < t->slot[best].order)
            best = i;
    }
    if (best < 0)
        return HS_MATCH_FOREIGN;
    *kind = HS_MATCH_ECHO;
    return best;
}

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10

static int match_tcp(const struct hs_table *t, int family, const uint8_t *src, const uint8_t *dst,
                     const uint8_t *tcp, enum hs_match_kind *kind)
{
    uint16_t sport = rd16(tcp), dport = rd16(tcp + 2);
    uint32_t ack = rd32(tcp + 8);
    uint8_t fl = tcp[13];
    size_t alen = family == 4 ? 4 : 16;
    int exact = -1, latest = -1, watch = -1;
    uint32_t h;
    for (int i = first_in_flow(t, family, 6, src, sport, &h); i >= 0; i = t->slot[i].next_flow) {
        const struct hs_probe *p = &t->slot[i];
        if (p->flow_hash != h || !same_flow(p, family, 6, src, sport) || p->info.sport != dport)
            continue;
        if (p->info.src_specified && memcmp(p->info.src, dst, alen) != 0)
            continue;
        if (p->info.watch) {
            /* A connection watch (version 2) takes every ACK or RST of its
             * 4-tuple, before any probe on the same ports: the engine
             * follows the connection's numbers from them. */
            if (fl & (TH_ACK | TH_RST)) {
                watch = i;
                break;
            }
            continue;
        }
        int ok;
        if (fl & TH_RST)
            ok = 1;
        else if (p->info.tcp_flags == TH_SYN)
            ok = (fl & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK);
        else /* ACK or PSH+ACK probe (in-session): the peer's plain ACK answers */
            ok = (fl & TH_ACK) && !(fl & TH_SYN);
        if (!ok)
            continue;
        if ((fl & TH_ACK) && ack == p->info.tcp_next_seq && (exact < 0 || p->order < t->slot[exact].order))
            exact = i;
        if (latest < 0 || p->order > t->slot[latest].order)
            latest = i;
    }
    if (watch >= 0) {
        *kind = HS_MATCH_SESSION;
        return watch;
    }
    int r = exact >= 0 ? exact : latest;
    if (r < 0)
        return HS_MATCH_FOREIGN;
    *kind = HS_MATCH_TCP;
    return r;
}

int hs_match(const struct hs_table *t, const uint8_t *pkt, size_t len, enum hs_match_kind *kind)
{
    if (len < 20)
        return HS_MATCH_MALFORMED;
    int family;
    size_t hl;
    uint8_t proto;
    const uint8_t *src, *dst;
    if ((pkt[0] >> 4) == 4) {
        family = 4;
        hl = (size_t)(pkt[0] & 15) * 4;
        proto = pkt[9];
        src = pkt + 12;
        dst = pkt + 16;
    } else if ((pkt[0] >> 4) == 6) {
        family = 6;
        hl = 40;
        proto = pkt[6];
        src = pkt + 8;
        dst = pkt + 24;
    } else {
        return HS_MATCH_MALFORMED;
    }
    if (hl < 20 || len < hl)
        return HS_MATCH_MALFORMED;
    const uint8_t *l4 = pkt + hl;
    size_t l4n = len - hl;

    if (proto == (family == 4 ? 1 : 58)) {
        if (l4n < 8)
            return HS_MATCH_MALFORMED;
        uint8_t type = l4[0], code = l4[1];
        if (code == 0 && type == (family == 4 ? 0 : 129))
            return match_echo(t, family, src, l4, l4n, kind);
        if (is_icmp_error(family, type))
            return match_quote(t, family, l4 + 8, l4n - 8, kind);
        return HS_MATCH_FOREIGN;
    }
    if (proto == 6) {
        if (l4n < 20)
            return HS_MATCH_MALFORMED;
        return match_tcp(t, family, src, dst, l4, kind);
    }
    return HS_MATCH_FOREIGN;
}

size_t hs_forward_len(const uint8_t *pkt, size_t len, enum hs_match_kind kind)
{
    if ((kind != HS_MATCH_TCP && kind != HS_MATCH_SESSION) || len < 20)
        return len;
    size_t hl = (pkt[0] >> 4) == 4 ? (size_t)(pkt[0] & 15) * 4 : 40;
    if (hl < 20 || len < hl + 20)
        return len;
    size_t end = hl + (size_t)(pkt[hl + 12] >> 4) * 4;
    return end < len ? end : len;
}

const char *hs_match_kind_name(enum hs_match_kind k)
{
    switch (k) {
    case HS_MATCH_QUOTE: return "quote";
    case HS_MATCH_QUOTE_NAT: return "quote-nat";
    case HS_MATCH_ECHO: return "echo";
    case HS_MATCH_TCP: return "tcp";
    case HS_MATCH_SESSION: return "session";
    }
    return "unknown";
}

size_t hs_synth_ip6(uint8_t *out, size_t cap, const uint8_t *payload, size_t plen,
                    const uint8_t src[16], const uint8_t dst[16], unsigned hop_limit,
                    unsigned tclass, uint8_t next_header)
{
    if (plen > 65535 || cap < 40 || plen > cap - 40)
        return 0;
    tclass &= 0xff;
    out[0] = (uint8_t)(0x60 | tclass >> 4);
    out[1] = (uint8_t)((tclass & 0x0f) << 4); /* flow label: unknown, 0 */
    out[2] = 0;
    out[3] = 0;
    out[4] = (uint8_t)(plen >> 8);
    out[5] = (uint8_t)plen;
    out[6] = next_header;
    out[7] = (uint8_t)hop_limit;
    memcpy(out + 8, src, 16);
    memcpy(out + 24, dst, 16);
    memmove(out + 40, payload, plen);
    return plen + 40;
}
