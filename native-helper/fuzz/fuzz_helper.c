/* libFuzzer (or AFL++ -fsanitize=fuzzer) harness for everything the helper
 * does with untrusted bytes: request lines from the engine, and packets
 * arriving from the network.
 *
 * Input format, chosen by the first byte:
 *   'L' + text   request lines: line reader -> parser -> policy -> probe table
 *   other        binary: byte 1 = probe count k (mod 8), then k times
 *                [2-byte length, packet] sent through the policy into the
 *                table, then the rest is a received packet, matched as an
 *                IPv4/IPv6 packet and, via header synthesis, as the payload
 *                of an IPv6 raw socket.
 * Invariants that must hold are checked with __builtin_trap(). */
#include "../src/limits.h"
#include "../src/policy.h"
#include "../src/probes.h"
#include "../src/proto.h"

#include <stdint.h>
#include <string.h>

static struct hs_table table;
static struct hs_hostaddrs hosts;
static struct hs_request req;
static struct hs_linereader lr;
static uint8_t rx[40 + 70000];
static int initialised;

static void init_once(void)
{
    if (initialised)
        return;
    initialised = 1;
    static const uint8_t lo4[4] = {127, 0, 0, 1}, own4[4] = {192, 0, 2, 10};
    static const uint8_t lo6[16] = {[15] = 1};
    hs_hostaddrs_clear(&hosts);
    hs_hostaddrs_add4(&hosts, lo4, 8);
    hs_hostaddrs_add4(&hosts, own4, 24);
    hs_hostaddrs_add6(&hosts, lo6);
}

static uint64_t order;

static void add(const char *token, const uint8_t *p, size_t n)
{
    struct hs_probe_info info;
    if (hs_policy_check(p, n, &hosts, &info) != HS_POLICY_OK)
        return;
    /* What the policy accepted must be what the matcher can rely on. */
    if ((info.family != 4 && info.family != 6) || n < HS_MIN_PACKET || n > HS_MAX_PACKET)
        __builtin_trap();
    if (info.proto != 17 && info.proto != 6 && info.proto != 1 && info.proto != 58)
        __builtin_trap();
    if (info.proto == 6 && info.tcp_flags != 0x02 && info.tcp_flags != 0x10 && info.tcp_flags != 0x18)
        __builtin_trap();
    if (info.family == 4 && (info.dst[0] == 0 || info.dst[0] >= 224))
        __builtin_trap();
    if (info.family == 6 && info.dst[0] == 0xff)
        __builtin_trap();
    if (hs_table_find(&table, token) >= 0)
        return;
    if (table.count == table.capacity)
        hs_table_remove(&table, hs_table_first_deadline(&table));
    if (hs_table_add(&table, token, &info, order++ % 5) < 0)
        __builtin_trap();
}

static void on_line(void *ctx, const char *line, size_t len, int too_long)
{
    (void)ctx;
    if (too_long) {
        char tok[HS_MAX_TOKEN + 1];
        hs_extract_token(line, len, tok);
        if (strlen(tok) > HS_MAX_TOKEN)
            __builtin_trap();
        return;
    }
    const char *reason = NULL;
    enum hs_parse_result r = hs_parse_request(line, len, &req, &reason);
    if (r == HS_PARSE_INVALID && !reason)
        __builtin_trap();
    if (strlen(req.token) == 0 || strlen(req.token) > HS_MAX_TOKEN)
        __builtin_trap();
    if (r != HS_PARSE_OK)
        return;
    if (req.cmd == HS_CMD_SEND) {
        if (req.timeout_ms < 1 || req.timeout_ms > HS_MAX_TIMEOUT_MS || req.packet_len > sizeof req.packet)
            __builtin_trap();
        add(req.token, req.packet, req.packet_len);
        /* Hex round trip of what was decoded. */
        static char hex[2 * HS_PACKET_BUF];
        static uint8_t back[HS_PACKET_BUF];
        size_t bl;
        hs_hex_encode(req.packet, req.packet_len, hex);
        if (hs_hex_decode(hex, 2 * req.packet_len, back, sizeof back, &bl) != 0 || bl != req.packet_len ||
            memcmp(back, req.packet, bl) != 0)
            __builtin_trap();
    } else if (req.cmd == HS_CMD_WATCH) {
        struct hs_probe_info info;
        if (hs_watch_check(req.watch_family, req.watch_src, req.watch_sport, req.watch_dst, req.watch_dport, &hosts,
                           &info) != HS_POLICY_OK)
            return;
        if (!info.watch || info.proto != 6 || info.sport < 1024 || info.dport == 0)
            __builtin_trap();
        if (hs_table_find(&table, req.token) >= 0)
            return;
        if (table.count == table.capacity)
            hs_table_remove(&table, hs_table_first_deadline(&table));
        if (hs_table_add(&table, req.token, &info, order++ % 5) < 0)
            __builtin_trap();
    } else if (req.cmd == HS_CMD_CANCEL) {
        int i = hs_table_find(&table, req.probe_token);
        if (i >= 0)
            hs_table_remove(&table, i);
    }
}

static void match_one(const uint8_t *p, size_t n)
{
    enum hs_match_kind kind;
    int r = hs_match(&table, p, n, &kind);
    if (r >= 0 && (r >= (int)table.capacity || !table.slot[r].used))
        __builtin_trap();
    if (r < 0 && r != HS_MATCH_FOREIGN && r != HS_MATCH_MALFORMED)
        __builtin_trap();
    if (r >= 0 && hs_forward_len(p, n, kind) > n)
        __builtin_trap();
    /* A watch gets only its connection's segments, and only a watch gets those. */
    if (r >= 0 && (kind == HS_MATCH_SESSION) != (table.slot[r].info.watch != 0))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init_once();
    hs_table_init(&table, 16);
    order = 0;
    if (size < 2)
        return 0;
    if (data[0] == 'L') {
        memset(&lr, 0, sizeof lr);
        hs_lr_feed(&lr, (const char *)data + 1, size - 1, on_line, NULL);
        return 0;
    }
    size_t pos = 2, k = data[1] % 8;
    for (size_t i = 0; i < k && pos + 2 <= size; i++) {
        size_t n = (size_t)data[pos] << 8 | data[pos + 1];
        pos += 2;
        if (n > size - pos)
            n = size - pos;
        char token[8] = {'p', (char)('0' + i), 0};
        add(token, data + pos, n);
        pos += n;
    }
    const uint8_t *pkt = data + pos;
    size_t n = size - pos;
    match_one(pkt, n);
    /* The same bytes as an IPv6 raw-socket payload (ICMPv6 and TCP). */
    if (n <= sizeof rx - 40) {
        static const uint8_t src[16] = {[15] = 1}, dst[16] = {[15] = 1}; /* ::1, like the seeds */
        for (int nh = 0; nh < 2; nh++) {
            size_t fl = hs_synth_ip6(rx, sizeof rx, pkt, n, src, dst, 64, 0, nh ? 6 : 58);
            if (fl != n + 40)
                __builtin_trap();
            match_one(rx, fl);
        }
    }
    return 0;
}
