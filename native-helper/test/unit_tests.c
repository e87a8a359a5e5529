/* Unit tests of the pure parts: request parser, hex, policy, rate limiter,
 * config, probe table, reply matcher, IPv6 header synthesis; plus, when run
 * as root, the privilege drop and descriptor closing in forked children.
 * Prints one "RESULT unit <passed> <failed> <skipped>" line for run-checks.sh. */
#define _GNU_SOURCE
#include "../src/limits.h"
#include "../src/policy.h"
#include "../src/privs.h"
#include "../src/probes.h"
#include "../src/proto.h"
#include "../src/sockdiag.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/wait.h>
#include <arpa/inet.h>
#include <unistd.h>

static int passed, failed, skipped, cur_failed, cur_skipped;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            fprintf(stderr, "  %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            cur_failed = 1;                                                             \
        }                                                                               \
    } while (0)
#define CHECK_STR(a, b)                                                                          \
    do {                                                                                         \
        const char *a_ = (a), *b_ = (b);                                                         \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                 \
            fprintf(stderr, "  %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, a_ ? a_ : "(null)", \
                    b_ ? b_ : "(null)");                                                         \
            cur_failed = 1;                                                                      \
        }                                                                                        \
    } while (0)
#define RUN(fn)                                                  \
    do {                                                         \
        cur_failed = cur_skipped = 0;                            \
        fn();                                                    \
        if (cur_skipped)                                         \
            skipped++;                                           \
        else if (cur_failed)                                     \
            failed++;                                            \
        else                                                     \
            passed++;                                            \
        printf("%s %s\n", cur_skipped ? "skip" : cur_failed ? "FAIL" : "ok  ", #fn); \
    } while (0)

/* ---------- packet builders ---------- */

static const uint8_t LO4[4] = {127, 0, 0, 1};
static const uint8_t OWN4[4] = {192, 0, 2, 10};    /* our fake interface address, 192.0.2.10/24 */
static const uint8_t OTHER4[4] = {192, 0, 2, 99};  /* same subnet, not ours */
static const uint8_t DST4[4] = {198, 51, 100, 7};  /* a documentation-range destination */
static const uint8_t ROUTER4[4] = {203, 0, 113, 1};
static uint8_t OWN6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10};
static uint8_t DST6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x07};
static uint8_t ROUTER6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};

static void wr16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void wr32(uint8_t *p, uint32_t v) { wr16(p, (uint16_t)(v >> 16)); wr16(p + 2, (uint16_t)v); }

/* IPv4 header (no checksum: the policy accepts 0) + transport bytes. */
static size_t ip4(uint8_t *b, uint8_t proto, const uint8_t src[4], const uint8_t dst[4], uint16_t id,
                  const uint8_t *l4, size_t l4n)
{
    memset(b, 0, 20);
    b[0] = 0x45;
    wr16(b + 2, (uint16_t)(20 + l4n));
    wr16(b + 4, id);
    wr16(b + 6, 0x4000); /* DF */
    b[8] = 64;
    b[9] = proto;
    memcpy(b + 12, src, 4);
    memcpy(b + 16, dst, 4);
    memcpy(b + 20, l4, l4n);
    return 20 + l4n;
}

static size_t ip6(uint8_t *b, uint8_t nh, const uint8_t src[16], const uint8_t dst[16], const uint8_t *l4,
                  size_t l4n)
{
    memset(b, 0, 40);
    b[0] = 0x60;
    wr16(b + 4, (uint16_t)l4n);
    b[6] = nh;
    b[7] = 64;
    memcpy(b + 8, src, 16);
    memcpy(b + 24, dst, 16);
    memcpy(b + 40, l4, l4n);
    return 40 + l4n;
}

static size_t udp(uint8_t *b, uint16_t sport, uint16_t dport, uint16_t csum, size_t datalen)
{
    wr16(b, sport);
    wr16(b + 2, dport);
    wr16(b + 4, (uint16_t)(8 + datalen));
    wr16(b + 6, csum);
    memset(b + 8, 0xab, datalen);
    return 8 + datalen;
}

static size_t tcp(uint8_t *b, uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
                  size_t datalen)
{
    memset(b, 0, 20 + datalen);
    wr16(b, sport);
    wr16(b + 2, dport);
    wr32(b + 4, seq);
    wr32(b + 8, ack);
    b[12] = 0x50;
    b[13] = flags;
    wr16(b + 14, 1024);
    return 20 + datalen;
}

static size_t icmp(uint8_t *b, uint8_t type, uint8_t code, uint16_t id, uint16_t seq, size_t datalen)
{
    b[0] = type;
    b[1] = code;
    wr16(b + 2, 0x1234); /* checksum: not the policy's business, but quoted */
    wr16(b + 4, id);
    wr16(b + 6, seq);
    memset(b + 8, 0, datalen);
    return 8 + datalen;
}

static struct hs_hostaddrs hosts;

static void setup_hosts(void)
{
    hs_hostaddrs_clear(&hosts);
    hs_hostaddrs_add4(&hosts, LO4, 8);
    hs_hostaddrs_add4(&hosts, OWN4, 24);
    static const uint8_t lo6[16] = {[15] = 1};
    hs_hostaddrs_add6(&hosts, lo6);
    hs_hostaddrs_add6(&hosts, OWN6);
}

static enum hs_policy_result pol(const uint8_t *p, size_t n)
{
    struct hs_probe_info info;
    return hs_policy_check(p, n, &hosts, &info);
}

/* A valid UDP/IPv4 probe from OWN4 to DST4 in b. */
static size_t good_udp4(uint8_t *b)
{
    uint8_t l4[64];
    size_t n = udp(l4, 40000, 33434, 0xbeef, 12);
    return ip4(b, 17, OWN4, DST4, 0x1111, l4, n);
}

/* ---------- parser ---------- */

static void test_parse_hello(void)
{
    static struct hs_request r;
    const char *why;
    CHECK(hs_parse_request("1 hello 1", 9, &r, &why) == HS_PARSE_OK);
    CHECK_STR(r.token, "1");
    CHECK(r.cmd == HS_CMD_HELLO && r.number == 1);
    CHECK(hs_parse_request("a.b-c_D hello 7\r", 16, &r, &why) == HS_PARSE_OK);
    CHECK_STR(r.token, "a.b-c_D");
    CHECK(r.number == 7);
    CHECK(hs_parse_request("1 hello 0", 9, &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(why, "bad-version");
    CHECK(hs_parse_request("1 hello x", 9, &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(why, "bad-version");
    CHECK(hs_parse_request("1 hello", 7, &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(why, "missing-argument");
    CHECK(hs_parse_request("1 hello 1 2", 11, &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(why, "extra-argument");
}

static void test_parse_send(void)
{
    static struct hs_request r;
    const char *why;
    const char *l = "42  send\ttimeout-ms 250 packet 45AbCd00";
    CHECK(hs_parse_request(l, strlen(l), &r, &why) == HS_PARSE_OK);
    CHECK(r.cmd == HS_CMD_SEND && r.timeout_ms == 250 && r.packet_len == 4);
    CHECK(r.packet[0] == 0x45 && r.packet[1] == 0xab && r.packet[2] == 0xcd && r.packet[3] == 0);
    l = "42 send packet 00 timeout-ms 60000";
    CHECK(hs_parse_request(l, strlen(l), &r, &why) == HS_PARSE_OK && r.timeout_ms == 60000);

    struct { const char *line, *reason; } bad[] = {
        {"1 send timeout-ms 0 packet 00", "bad-timeout"},
        {"1 send timeout-ms 60001 packet 00", "bad-timeout"},
        {"1 send timeout-ms -5 packet 00", "bad-timeout"},
        {"1 send timeout-ms 10 packet 0", "bad-hex"},
        {"1 send timeout-ms 10 packet 0g", "bad-hex"},
        {"1 send timeout-ms 10", "missing-argument"},
        {"1 send packet 00", "missing-argument"},
        {"1 send timeout-ms 10 packet", "missing-argument"},
        {"1 send timeout-ms 10 timeout-ms 10 packet 00", "duplicate-argument"},
        {"1 send timeout-ms 10 packet 00 packet 00", "duplicate-argument"},
        {"1 send timeout-ms 10 packet 00 ttl 5", "unknown-argument"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        enum hs_parse_result pr = hs_parse_request(bad[i].line, strlen(bad[i].line), &r, &why);
        CHECK(pr == HS_PARSE_INVALID);
        if (pr == HS_PARSE_INVALID)
            CHECK_STR(why, bad[i].reason);
        CHECK_STR(r.token, "1");
    }
}

static void test_parse_tokens_and_junk(void)
{
    static struct hs_request r;
    const char *why;
    CHECK(hs_parse_request("", 0, &r, &why) == HS_PARSE_EMPTY);
    CHECK(hs_parse_request("   \t", 4, &r, &why) == HS_PARSE_EMPTY);
    CHECK(hs_parse_request("7", 1, &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(why, "missing-command");
    CHECK(hs_parse_request("7 frobnicate", 12, &r, &why) == HS_PARSE_UNKNOWN_CMD);
    CHECK_STR(r.token, "7");
    CHECK(hs_parse_request("- hello 1", 9, &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(why, "bad-token");
    CHECK_STR(r.token, "-");
    CHECK(hs_parse_request("a@b hello 1", 11, &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(why, "bad-token");
    const char *t33 = "123456789012345678901234567890123 stats";
    CHECK(hs_parse_request(t33, strlen(t33), &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(r.token, "-");
    const char *t32 = "12345678901234567890123456789012 stats";
    CHECK(hs_parse_request(t32, strlen(t32), &r, &why) == HS_PARSE_OK && r.cmd == HS_CMD_STATS);
    CHECK(hs_parse_request("5 hello\0 1", 10, &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(why, "bad-character");
    CHECK_STR(r.token, "5");
    CHECK(hs_parse_request("5 hello \xc3\xa9", 10, &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(why, "bad-character");
    CHECK(hs_parse_request("5 stats now", 11, &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(why, "extra-argument");
    CHECK(hs_parse_request("5 cancel 42", 11, &r, &why) == HS_PARSE_OK && r.cmd == HS_CMD_CANCEL);
    CHECK_STR(r.probe_token, "42");
    CHECK(hs_parse_request("5 cancel -", 10, &r, &why) == HS_PARSE_INVALID);
    CHECK(hs_parse_request("5 set-rate 500", 14, &r, &why) == HS_PARSE_OK && r.number == 500);
    CHECK(hs_parse_request("5 set-rate 0", 12, &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(why, "bad-number");
    /* More fields than the parser keeps. */
    const char *many = "5 send a b c d e f g h i j k l m n o p q";
    CHECK(hs_parse_request(many, strlen(many), &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(why, "extra-argument");
}

static void test_hex_and_numbers(void)
{
    uint8_t out[8];
    size_t n = 99;
    CHECK(hs_hex_decode("00ff7Fa0", 8, out, sizeof out, &n) == 0 && n == 4);
    CHECK(out[0] == 0 && out[1] == 0xff && out[2] == 0x7f && out[3] == 0xa0);
    char enc[9] = {0};
    hs_hex_encode(out, 4, enc);
    CHECK_STR(enc, "00ff7fa0");
    CHECK(hs_hex_decode("abc", 3, out, sizeof out, &n) != 0);            /* odd */
    CHECK(hs_hex_decode("zz", 2, out, sizeof out, &n) != 0);             /* not hex */
    CHECK(hs_hex_decode("0 ", 2, out, sizeof out, &n) != 0);
    CHECK(hs_hex_decode("000000000000000000", 18, out, sizeof out, &n) != 0); /* 9 > cap 8 */
    CHECK(hs_hex_decode("", 0, out, sizeof out, &n) == 0 && n == 0);
    uint64_t v;
    CHECK(hs_parse_u64("9223372036854775807", 19, &v) == 0 && v == 9223372036854775807ull);
    CHECK(hs_parse_u64("12345678901234567890", 20, &v) != 0);
    CHECK(hs_parse_u64("+1", 2, &v) != 0);
    CHECK(hs_parse_u64("", 0, &v) != 0);
    char tok[HS_MAX_TOKEN + 1];
    hs_extract_token("abc send 0000", 13, tok);
    CHECK_STR(tok, "abc");
    hs_extract_token("abcdef", 6, tok); /* token runs into the cut: not trusted */
    CHECK_STR(tok, "-");
    hs_extract_token("a!c send", 8, tok);
    CHECK_STR(tok, "-");
}

struct lines {
    int n, too_long;
    char last[64];
    size_t last_len;
};
static void collect(void *ctx, const char *line, size_t len, int too_long)
{
    struct lines *l = ctx;
    l->n++;
    l->too_long += too_long;
    l->last_len = len;
    size_t c = len < sizeof l->last - 1 ? len : sizeof l->last - 1;
    memcpy(l->last, line, c);
    l->last[c] = '\0';
}

static void test_line_reader(void)
{
    static struct hs_linereader lr;
    struct lines l = {0};
    hs_lr_feed(&lr, "1 hel", 5, collect, &l);
    CHECK(l.n == 0);
    hs_lr_feed(&lr, "lo 1\n2 stats\n", 13, collect, &l);
    CHECK(l.n == 2 && l.too_long == 0);
    CHECK_STR(l.last, "2 stats");

    /* Exactly the limit: 4095 bytes + '\n' is accepted. */
    static char big[HS_MAX_LINE + 100];
    memset(big, 'a', sizeof big);
    memset(&l, 0, sizeof l);
    big[HS_MAX_LINE - 1] = '\n';
    hs_lr_feed(&lr, big, HS_MAX_LINE, collect, &l);
    CHECK(l.n == 1 && l.too_long == 0 && l.last_len == HS_MAX_LINE - 1);

    /* One byte more: reported once, skipped to the newline, then resynced. */
    memset(&l, 0, sizeof l);
    memcpy(big, "77 send ", 8);
    memset(big + 8, 'a', sizeof big - 8);
    hs_lr_feed(&lr, big, HS_MAX_LINE, collect, &l);
    hs_lr_feed(&lr, big, 50, collect, &l);
    CHECK(l.n == 1 && l.too_long == 1);
    char tok[HS_MAX_TOKEN + 1];
    hs_extract_token(lr.buf, 0, tok);
    hs_lr_feed(&lr, "tail\n3 stats\n", 13, collect, &l);
    CHECK(l.n == 2 && l.too_long == 1);
    CHECK_STR(l.last, "3 stats");
}

/* ---------- policy ---------- */

static void test_policy_accepts_probes(void)
{
    uint8_t b[1600], l4[1600];
    struct hs_probe_info info;
    size_t n = good_udp4(b);
    CHECK(hs_policy_check(b, n, &hosts, &info) == HS_POLICY_OK);
    CHECK(info.family == 4 && info.proto == 17 && info.sport == 40000 && info.dport == 33434);
    CHECK(info.ip_id == 0x1111 && info.src_specified && memcmp(info.dst, DST4, 4) == 0);

    n = ip4(b, 6, OWN4, DST4, 1, l4, tcp(l4, 40001, 443, 1000, 0, 0x02, 0));
    CHECK(hs_policy_check(b, n, &hosts, &info) == HS_POLICY_OK && info.tcp_next_seq == 1001);
    n = ip4(b, 6, OWN4, DST4, 1, l4, tcp(l4, 40001, 443, 1000, 5, 0x10, 0));
    CHECK(pol(b, n) == HS_POLICY_OK);
    n = ip4(b, 6, OWN4, DST4, 1, l4, tcp(l4, 40001, 443, 1000, 5, 0x18, 1));
    CHECK(hs_policy_check(b, n, &hosts, &info) == HS_POLICY_OK && info.tcp_next_seq == 1001);
    n = ip4(b, 1, LO4, LO4, 1, l4, icmp(l4, 8, 0, 7, 9, 0));
    CHECK(hs_policy_check(b, n, &hosts, &info) == HS_POLICY_OK && info.echo_id == 7 && info.echo_seq == 9);
    static const uint8_t zero4[4] = {0};
    n = ip4(b, 17, zero4, DST4, 1, l4, udp(l4, 40000, 33434, 1, 0));
    CHECK(hs_policy_check(b, n, &hosts, &info) == HS_POLICY_OK && !info.src_specified);
    n = ip4(b, 6, zero4, DST4, 1, l4, tcp(l4, 40001, 443, 1000, 0, 0x02, 0)); /* owner check needs it */
    CHECK(pol(b, n) == HS_POLICY_SOURCE_UNSPECIFIED);
    /* Maximum size is allowed; a correct header checksum is allowed. */
    n = ip4(b, 17, OWN4, DST4, 1, l4, udp(l4, 40000, 33434, 1, HS_MAX_PACKET - 28));
    CHECK(n == HS_MAX_PACKET && pol(b, n) == HS_POLICY_OK);
    n = good_udp4(b);
    wr16(b + 10, hs_inet_checksum(b, 20));
    CHECK(pol(b, n) == HS_POLICY_OK);

    n = ip6(b, 58, OWN6, DST6, l4, icmp(l4, 128, 0, 1, 1, 8));
    CHECK(hs_policy_check(b, n, &hosts, &info) == HS_POLICY_OK && info.family == 6 && info.proto == 58);
    n = ip6(b, 17, OWN6, DST6, l4, udp(l4, 40000, 33434, 0x1, 0));
    CHECK(pol(b, n) == HS_POLICY_OK);
    n = ip6(b, 6, OWN6, DST6, l4, tcp(l4, 40000, 80, 1, 0, 0x02, 0));
    CHECK(pol(b, n) == HS_POLICY_OK);
}

static void test_policy_tcp_flags(void)
{
    uint8_t b[200], l4[100];
    static const uint8_t bad_flags[] = {0x04 /*RST*/, 0x01 /*FIN*/, 0x03 /*SYN|FIN*/, 0x12 /*SYN|ACK*/,
                                        0x14 /*RST|ACK*/, 0x00, 0x29 /*xmas*/, 0x42 /*SYN|ECE*/,
                                        0x82 /*SYN|CWR*/, 0x08 /*PSH*/, 0x20 /*URG*/, 0x11 /*FIN|ACK*/};
    for (size_t i = 0; i < sizeof bad_flags; i++) {
        size_t n = ip4(b, 6, OWN4, DST4, 1, l4, tcp(l4, 40001, 443, 1, 0, bad_flags[i], 0));
        CHECK(pol(b, n) == HS_POLICY_TCP_FLAGS);
    }
    size_t n = ip4(b, 6, OWN4, DST4, 1, l4, tcp(l4, 40001, 443, 1, 0, 0x02, 0));
    b[32] |= 0x01; /* NS bit */
    CHECK(pol(b, n) == HS_POLICY_TCP_FLAGS);
    n = ip4(b, 6, OWN4, DST4, 1, l4, tcp(l4, 40001, 443, 1, 0, 0x02, 0));
    b[32] = 0x40; /* data offset 4 */
    CHECK(pol(b, n) == HS_POLICY_TCP_HEADER_LENGTH);
    b[32] = 0xf0; /* data offset 15 = 60 bytes, packet has 20 */
    CHECK(pol(b, n) == HS_POLICY_TCP_HEADER_LENGTH);
    n = ip4(b, 6, OWN4, DST4, 1, l4, udp(l4, 40001, 443, 1, 4)); /* 12 bytes: no room for TCP */
    CHECK(pol(b, n) == HS_POLICY_TCP_HEADER_LENGTH);
}

static void test_policy_icmp_types(void)
{
    uint8_t b[200], l4[100];
    static const uint8_t t4[][2] = {{0, 0}, {3, 3}, {5, 0}, {11, 0}, {13, 0}, {8, 1}};
    for (size_t i = 0; i < sizeof t4 / sizeof t4[0]; i++) {
        size_t n = ip4(b, 1, OWN4, DST4, 1, l4, icmp(l4, t4[i][0], t4[i][1], 1, 1, 0));
        CHECK(pol(b, n) == HS_POLICY_ICMP_TYPE);
    }
    static const uint8_t t6[][2] = {{129, 0}, {135, 0}, {134, 0}, {1, 4}, {128, 1}, {8, 0}};
    for (size_t i = 0; i < sizeof t6 / sizeof t6[0]; i++) {
        size_t n = ip6(b, 58, OWN6, DST6, l4, icmp(l4, t6[i][0], t6[i][1], 1, 1, 0));
        CHECK(pol(b, n) == HS_POLICY_ICMP_TYPE);
    }
}

static void test_policy_addresses(void)
{
    uint8_t b[200], l4[100];
    size_t ln = udp(l4, 40000, 33434, 1, 0);
    struct { uint8_t d[4]; enum hs_policy_result r; } dst4[] = {
        {{224, 0, 0, 1}, HS_POLICY_DEST_MULTICAST},   {{239, 255, 255, 250}, HS_POLICY_DEST_MULTICAST},
        {{255, 255, 255, 255}, HS_POLICY_DEST_BROADCAST}, {{192, 0, 2, 255}, HS_POLICY_DEST_BROADCAST},
        {{0, 0, 0, 0}, HS_POLICY_DEST_UNSPECIFIED},   {{0, 1, 2, 3}, HS_POLICY_DEST_UNSPECIFIED},
        {{240, 0, 0, 1}, HS_POLICY_DEST_RESERVED},    {{254, 1, 1, 1}, HS_POLICY_DEST_RESERVED},
        {{127, 255, 255, 255}, HS_POLICY_DEST_BROADCAST}, /* lo is 127.0.0.1/8 */
        {{192, 0, 2, 254}, HS_POLICY_OK},             {{127, 0, 0, 1}, HS_POLICY_OK},
    };
    for (size_t i = 0; i < sizeof dst4 / sizeof dst4[0]; i++) {
        size_t n = ip4(b, 17, OWN4, dst4[i].d, 1, l4, ln);
        CHECK(pol(b, n) == dst4[i].r);
    }
    /* An explicit interface broadcast address (ifa_broadaddr) is refused too. */
    static const uint8_t odd_bcast[4] = {10, 9, 8, 7};
    hs_hostaddrs_add_bcast4(&hosts, odd_bcast);
    size_t n = ip4(b, 17, OWN4, odd_bcast, 1, l4, ln);
    CHECK(pol(b, n) == HS_POLICY_DEST_BROADCAST);
    setup_hosts();

    n = ip4(b, 17, OTHER4, DST4, 1, l4, ln); /* foreign source: spoofing */
    CHECK(pol(b, n) == HS_POLICY_SOURCE_NOT_LOCAL);
    n = ip4(b, 17, DST4, DST4, 1, l4, ln);
    CHECK(pol(b, n) == HS_POLICY_SOURCE_NOT_LOCAL);

    uint8_t d6[16] = {0};
    n = ip6(b, 17, OWN6, d6, l4, ln);
    CHECK(pol(b, n) == HS_POLICY_DEST_UNSPECIFIED);
    d6[0] = 0xff; d6[1] = 0x02; d6[15] = 1;
    n = ip6(b, 17, OWN6, d6, l4, ln);
    CHECK(pol(b, n) == HS_POLICY_DEST_MULTICAST);
    memset(d6, 0, 16);
    d6[10] = d6[11] = 0xff; d6[12] = 192; d6[15] = 1;
    n = ip6(b, 17, OWN6, d6, l4, ln);
    CHECK(pol(b, n) == HS_POLICY_DEST_RESERVED);
    uint8_t s6[16];
    memcpy(s6, OWN6, 16);
    s6[15] = 0x11;
    n = ip6(b, 17, s6, DST6, l4, ln);
    CHECK(pol(b, n) == HS_POLICY_SOURCE_NOT_LOCAL);
    memset(s6, 0, 16);
    n = ip6(b, 17, s6, DST6, l4, ln);
    CHECK(pol(b, n) == HS_POLICY_SOURCE_UNSPECIFIED); /* the kernel would not fill it in */
}

static void test_policy_malformed(void)
{
    uint8_t b[1700], l4[1700];
    size_t n = good_udp4(b);

    b[0] = 0x46; /* IHL 6: options */
    CHECK(pol(b, n) == HS_POLICY_IP_OPTIONS);
    b[0] = 0x44;
    CHECK(pol(b, n) == HS_POLICY_IP_OPTIONS);
    b[0] = 0x55;
    CHECK(pol(b, n) == HS_POLICY_IP_VERSION);

    n = good_udp4(b);
    wr16(b + 6, 0x2000); /* MF */
    CHECK(pol(b, n) == HS_POLICY_FRAGMENT);
    wr16(b + 6, 0x0001); /* offset 8 */
    CHECK(pol(b, n) == HS_POLICY_FRAGMENT);
    wr16(b + 6, 0x8000); /* reserved ("evil") bit */
    CHECK(pol(b, n) == HS_POLICY_FRAGMENT);
    wr16(b + 6, 0x0000); /* no DF is fine */
    CHECK(pol(b, n) == HS_POLICY_OK);

    n = good_udp4(b);
    wr16(b + 2, (uint16_t)(n + 1)); /* total length says more than given */
    CHECK(pol(b, n) == HS_POLICY_IP_LENGTH);
    wr16(b + 2, (uint16_t)(n - 1));
    CHECK(pol(b, n) == HS_POLICY_IP_LENGTH);

    n = good_udp4(b);
    wr16(b + 10, 0xdead);
    CHECK(pol(b, n) == HS_POLICY_IP_CHECKSUM);

    n = good_udp4(b);
    wr16(b + 24, 99); /* UDP length */
    CHECK(pol(b, n) == HS_POLICY_UDP_LENGTH);

    n = good_udp4(b);
    b[9] = 47; /* GRE */
    CHECK(pol(b, n) == HS_POLICY_PROTOCOL);
    b[9] = 132; /* SCTP */
    CHECK(pol(b, n) == HS_POLICY_PROTOCOL);

    n = good_udp4(b);
    b[8] = 0;
    CHECK(pol(b, n) == HS_POLICY_TTL_ZERO);

    n = ip4(b, 17, OWN4, DST4, 1, l4, udp(l4, 40000, 0, 1, 0));
    CHECK(pol(b, n) == HS_POLICY_PORT_ZERO);
    n = ip4(b, 17, OWN4, DST4, 1, l4, udp(l4, 53, 33434, 1, 0));
    CHECK(pol(b, n) == HS_POLICY_PRIVILEGED_SOURCE_PORT);
    n = ip4(b, 6, OWN4, DST4, 1, l4, tcp(l4, 0, 80, 1, 0, 0x02, 0));
    CHECK(pol(b, n) == HS_POLICY_PRIVILEGED_SOURCE_PORT);

    /* Sizes. */
    n = ip4(b, 17, OWN4, DST4, 1, l4, udp(l4, 40000, 33434, 1, 0));
    CHECK(n == 28 && pol(b, n) == HS_POLICY_OK);
    CHECK(pol(b, 27) == HS_POLICY_TOO_SHORT);
    CHECK(pol(b, 0) == HS_POLICY_TOO_SHORT);
    n = ip4(b, 17, OWN4, DST4, 1, l4, udp(l4, 40000, 33434, 1, HS_MAX_PACKET - 27));
    CHECK(n == HS_MAX_PACKET + 1 && pol(b, n) == HS_POLICY_TOO_LONG);

    /* IPv6. */
    n = ip6(b, 17, OWN6, DST6, l4, udp(l4, 40000, 33434, 1, 0));
    CHECK(n == 48 && pol(b, 47) == HS_POLICY_TOO_SHORT);
    wr16(b + 4, 9);
    CHECK(pol(b, n) == HS_POLICY_IP_LENGTH);
    n = ip6(b, 17, OWN6, DST6, l4, udp(l4, 40000, 33434, 0, 0));
    CHECK(pol(b, n) == HS_POLICY_UDP_CHECKSUM);
    static const uint8_t ext[] = {0, 43, 44, 50, 51, 60};
    for (size_t i = 0; i < sizeof ext; i++) {
        n = ip6(b, ext[i], OWN6, DST6, l4, udp(l4, 40000, 33434, 1, 0));
        CHECK(pol(b, n) == HS_POLICY_EXTENSION_HEADER);
    }
    n = ip6(b, 59, OWN6, DST6, l4, udp(l4, 40000, 33434, 1, 0));
    CHECK(pol(b, n) == HS_POLICY_PROTOCOL);
    n = ip6(b, 1, OWN6, DST6, l4, icmp(l4, 8, 0, 1, 1, 0)); /* ICMPv4 inside IPv6 */
    CHECK(pol(b, n) == HS_POLICY_PROTOCOL);
    n = ip6(b, 17, OWN6, DST6, l4, udp(l4, 40000, 33434, 1, 0));
    b[7] = 0;
    CHECK(pol(b, n) == HS_POLICY_TTL_ZERO);

    /* Bad hex never reaches the policy: the parser refuses it. */
    static struct hs_request r;
    const char *why;
    CHECK(hs_parse_request("9 send timeout-ms 5 packet 45xx", 31, &r, &why) == HS_PARSE_INVALID);
    CHECK_STR(why, "bad-hex");
    CHECK_STR(hs_policy_reason(HS_POLICY_DEST_BROADCAST), "destination-broadcast");
}

static void test_rate_limit(void)
{
    struct hs_bucket b;
    uint64_t t = 1000000000ull;
    hs_bucket_init(&b, 1000, t);
    CHECK(b.burst == 100);
    int ok = 0;
    for (int i = 0; i < 150; i++)
        ok += hs_bucket_take(&b, t);
    CHECK(ok == 100); /* burst, then "rate-limited" */
    CHECK(hs_bucket_take(&b, t) == 0);
    CHECK(hs_bucket_take(&b, t + 1000000) == 1); /* 1 ms later: one more */
    CHECK(hs_bucket_take(&b, t + 1000000) == 0);
    /* Long run: 10 s at a steady 5000 requests/s lets through at most ~rate. */
    ok = 0;
    for (uint64_t k = 0; k < 50000; k++)
        ok += hs_bucket_take(&b, t + 1000000 + k * 200000);
    CHECK(ok >= 9990 && ok <= 10001);

    /* set-rate must not refill an empty bucket. */
    hs_bucket_init(&b, 20000, t);
    while (hs_bucket_take(&b, t))
        ;
    hs_bucket_set_rate(&b, 20000, t);
    CHECK(hs_bucket_take(&b, t) == 0);
    hs_bucket_set_rate(&b, 5, t);
    CHECK(b.burst == 1 && hs_bucket_take(&b, t) == 0);
    CHECK(hs_bucket_take(&b, t + 200000000ull) == 1);
}

static void test_config(void)
{
    struct hs_config c;
    char err[160];
    hs_config_defaults(&c);
    CHECK(c.rate_ceiling == HS_RATE_CEILING && c.max_in_flight == HS_MAX_IN_FLIGHT);
    const char *good = "# lower the limits\nrate-ceiling 500   # per second\n\nmax-in-flight 64\n";
    CHECK(hs_config_parse(good, strlen(good), &c, err, sizeof err) == 0);
    CHECK(c.rate_ceiling == 500 && c.max_in_flight == 64);
    const char *bad[] = {"rate-ceiling 20001\n", "rate-ceiling 0\n", "max-in-flight 5000\n",
                         "rate-ceiling\n", "rate-ceiling 10O\n", "rate-limit 5\n", "rate-ceiling 5 6\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hs_config_defaults(&c);
        CHECK(hs_config_parse(bad[i], strlen(bad[i]), &c, err, sizeof err) != 0);
    }
}

/* ---------- probe table and matcher ---------- */

static struct hs_table table;

static int add_probe(const char *token, const uint8_t *pkt, size_t n, uint64_t deadline)
{
    struct hs_probe_info info;
    if (hs_policy_check(pkt, n, &hosts, &info) != HS_POLICY_OK)
        return -100;
    return hs_table_add(&table, token, &info, deadline);
}

/* ICMPv4 error from ROUTER4 to OWN4 quoting `quoted` (first qn bytes). */
static size_t icmp4_error(uint8_t *out, uint8_t type, uint8_t code, const uint8_t *quoted, size_t qn)
{
    uint8_t l4[1600];
    memset(l4, 0, 8);
    l4[0] = type;
    l4[1] = code;
    memcpy(l4 + 8, quoted, qn);
    return ip4(out, 1, ROUTER4, OWN4, 0x7777, l4, 8 + qn);
}

static void test_table_basics(void)
{
    hs_table_init(&table, 3);
    uint8_t b[100];
    size_t n = good_udp4(b);
    CHECK(add_probe("a", b, n, 300) >= 0);
    CHECK(add_probe("b", b, n, 100) >= 0);
    CHECK(add_probe("c", b, n, 200) >= 0);
    CHECK(add_probe("d", b, n, 50) == -1); /* full: too-many-in-flight */
    CHECK(table.count == 3);
    int first = hs_table_first_deadline(&table);
    CHECK(first >= 0 && strcmp(table.slot[first].token, "b") == 0);
    int c = hs_table_find(&table, "c");
    CHECK(c >= 0 && hs_table_find(&table, "zz") == -1);
    hs_table_remove(&table, c); /* cancel */
    CHECK(hs_table_find(&table, "c") == -1 && hs_table_find(&table, "a") >= 0);
    hs_table_remove(&table, hs_table_find(&table, "b"));
    first = hs_table_first_deadline(&table);
    CHECK(first >= 0 && strcmp(table.slot[first].token, "a") == 0);
    CHECK(add_probe("e", b, n, 10) >= 0 && add_probe("f", b, n, 20) >= 0);
    first = hs_table_first_deadline(&table);
    CHECK(first >= 0 && strcmp(table.slot[first].token, "e") == 0);
    CHECK(table.count == 3);
    /* Removing everything in deadline order empties the list. */
    while ((first = hs_table_first_deadline(&table)) >= 0)
        hs_table_remove(&table, first);
    CHECK(table.count == 0 && table.dl_tail == -1);
}

static void test_match_time_exceeded_udp(void)
{
    hs_table_init(&table, HS_MAX_IN_FLIGHT);
    uint8_t probe[100], other[100], reply[300], l4[100];
    size_t pn = good_udp4(probe);
    int slot = add_probe("p1", probe, pn, 1);
    CHECK(slot >= 0);
    /* Decoys sharing the flow key but not the 8 quoted bytes. */
    size_t on = ip4(other, 17, OWN4, DST4, 0x2222, l4, udp(l4, 40000, 33434, 0xbef0, 12));
    CHECK(add_probe("decoy", other, on, 1) >= 0);

    enum hs_match_kind kind;
    /* Routers quote the IP header + 8 bytes, TTL decremented to 0 or 1. */
    uint8_t q[100];
    memcpy(q, probe, 28);
    q[8] = 1;
    size_t rn = icmp4_error(reply, 11, 0, q, 28);
    CHECK(hs_match(&table, reply, rn, &kind) == slot && kind == HS_MATCH_QUOTE);
    /* Full quote (port unreachable from the destination) matches too. */
    rn = icmp4_error(reply, 3, 3, probe, pn);
    CHECK(hs_match(&table, reply, rn, &kind) == slot && kind == HS_MATCH_QUOTE);

    /* A foreign packet: somebody else's UDP traceroute to the same place. */
    size_t fn = ip4(other, 17, OWN4, DST4, 0x3333, l4, udp(l4, 45000, 33434, 0x0101, 12));
    rn = icmp4_error(reply, 11, 0, other, 28);
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    fn = ip4(other, 17, OWN4, DST4, 0x3333, l4, udp(l4, 40000, 33435, 0xbeef, 12)); /* other dport */
    rn = icmp4_error(reply, 11, 0, other, fn);
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    static const uint8_t dst2[4] = {198, 51, 100, 8};
    fn = ip4(other, 17, OWN4, dst2, 0x1111, l4, udp(l4, 40000, 33434, 0xbeef, 12)); /* other dst */
    rn = icmp4_error(reply, 11, 0, other, fn);
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    fn = ip4(other, 6, OWN4, DST4, 0x1111, l4, tcp(l4, 40000, 33434, 1, 0, 2, 0)); /* other proto */
    rn = icmp4_error(reply, 11, 0, other, fn);
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    /* Another local user's probe from another source address, same ports and
     * checksum, different IP ID: not ours. */
    fn = ip4(other, 17, OTHER4, DST4, 0x4444, l4, udp(l4, 40000, 33434, 0xbeef, 12));
    rn = icmp4_error(reply, 11, 0, other, fn);
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    /* Types we never forward, even quoting our probe. */
    rn = icmp4_error(reply, 5, 0, probe, pn); /* redirect */
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    /* Truncated quote (< 8 transport bytes) and runts are malformed. */
    rn = icmp4_error(reply, 11, 0, probe, 24);
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_MALFORMED);
    CHECK(hs_match(&table, reply, 19, &kind) == HS_MATCH_MALFORMED);
    /* After expiry/cancel the same quote is foreign. */
    hs_table_remove(&table, slot);
    rn = icmp4_error(reply, 11, 0, q, 28);
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
}

static void test_match_nat(void)
{
    hs_table_init(&table, HS_MAX_IN_FLIGHT);
    uint8_t probe[100], q[100], reply[300], l4[100];
    size_t pn = good_udp4(probe);
    int slot = add_probe("n1", probe, pn, 1);
    /* NAT rewrote source address, source port and UDP checksum in the quote. */
    static const uint8_t public4[4] = {203, 0, 113, 50};
    size_t qn = ip4(q, 17, public4, DST4, 0x1111, l4, udp(l4, 61000, 33434, 0x4242, 12));
    size_t rn = icmp4_error(reply, 11, 0, q, qn);
    enum hs_match_kind kind;
    CHECK(hs_match(&table, reply, rn, &kind) == slot && kind == HS_MATCH_QUOTE_NAT);
    /* IP ID differs: no match. */
    qn = ip4(q, 17, public4, DST4, 0x1112, l4, udp(l4, 61000, 33434, 0x4242, 12));
    rn = icmp4_error(reply, 11, 0, q, qn);
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    /* Probe with IP ID 0 (kernel-chosen): the NAT path is off. */
    hs_table_init(&table, HS_MAX_IN_FLIGHT);
    size_t p0 = ip4(probe, 17, OWN4, DST4, 0, l4, udp(l4, 40000, 33434, 0xbeef, 12));
    CHECK(add_probe("n0", probe, p0, 1) >= 0);
    qn = ip4(q, 17, public4, DST4, 0, l4, udp(l4, 61000, 33434, 0x4242, 12));
    rn = icmp4_error(reply, 11, 0, q, qn);
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
}

static void test_match_tcp_and_icmp_quotes(void)
{
    hs_table_init(&table, HS_MAX_IN_FLIGHT);
    uint8_t probe[100], reply[300], l4[100];
    size_t pn = ip4(probe, 6, OWN4, DST4, 0x10, l4, tcp(l4, 40001, 443, 5000, 0, 0x02, 0));
    int t = add_probe("t", probe, pn, 1);
    size_t en = ip4(probe + 50, 1, OWN4, DST4, 0x11, l4, icmp(l4, 8, 0, 77, 3, 4));
    int e = add_probe("e", probe + 50, en, 1);
    enum hs_match_kind kind;
    size_t rn = icmp4_error(reply, 11, 0, probe, 28);
    CHECK(hs_match(&table, reply, rn, &kind) == t && kind == HS_MATCH_QUOTE);
    rn = icmp4_error(reply, 11, 0, probe + 50, 28);
    CHECK(hs_match(&table, reply, rn, &kind) == e && kind == HS_MATCH_QUOTE);
    /* Same TCP ports, other sequence number: not this probe. */
    uint8_t q[100];
    memcpy(q, probe, pn);
    q[27] ^= 1;
    rn = icmp4_error(reply, 11, 0, q, 28);
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    /* ICMP echo quote with another sequence. */
    memcpy(q, probe + 50, en);
    q[27] ^= 1;
    rn = icmp4_error(reply, 11, 0, q, 28);
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
}

static void test_match_echo_reply(void)
{
    hs_table_init(&table, HS_MAX_IN_FLIGHT);
    uint8_t probe[100], reply[100], l4[100];
    size_t pn = ip4(probe, 1, OWN4, DST4, 1, l4, icmp(l4, 8, 0, 0x4242, 7, 8));
    int e = add_probe("e", probe, pn, 1);
    enum hs_match_kind kind;
    size_t rn = ip4(reply, 1, DST4, OWN4, 9, l4, icmp(l4, 0, 0, 0x4242, 7, 8));
    CHECK(hs_match(&table, reply, rn, &kind) == e && kind == HS_MATCH_ECHO);
    rn = ip4(reply, 1, DST4, OWN4, 9, l4, icmp(l4, 0, 0, 0x4242, 8, 8)); /* other seq */
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    rn = ip4(reply, 1, DST4, OWN4, 9, l4, icmp(l4, 0, 0, 0x4243, 7, 8)); /* other id */
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    rn = ip4(reply, 1, ROUTER4, OWN4, 9, l4, icmp(l4, 0, 0, 0x4242, 7, 8)); /* not from the target */
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    rn = ip4(reply, 1, DST4, OWN4, 9, l4, icmp(l4, 8, 0, 0x4242, 7, 8)); /* a request, not a reply */
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);

    /* ICMPv6 echo reply (header synthesised, as from the raw socket). */
    uint8_t p6[100], raw[100], full[200];
    size_t n6 = ip6(p6, 58, OWN6, DST6, l4, icmp(l4, 128, 0, 0x99, 1, 4));
    int e6 = add_probe("e6", p6, n6, 1);
    size_t rl = icmp(raw, 129, 0, 0x99, 1, 4);
    size_t fl = hs_synth_ip6(full, sizeof full, raw, rl, DST6, OWN6, 60, 0, 58);
    CHECK(fl == 40 + rl && hs_match(&table, full, fl, &kind) == e6 && kind == HS_MATCH_ECHO);
}

static void test_match_tcp_replies(void)
{
    hs_table_init(&table, HS_MAX_IN_FLIGHT);
    uint8_t probe[100], reply[100], l4[100];
    size_t pn = ip4(probe, 6, OWN4, DST4, 1, l4, tcp(l4, 40001, 443, 1000, 0, 0x02, 0));
    int s1 = add_probe("s1", probe, pn, 1);
    pn = ip4(probe, 6, OWN4, DST4, 2, l4, tcp(l4, 40001, 443, 2000, 0, 0x02, 0));
    int s2 = add_probe("s2", probe, pn, 1);
    enum hs_match_kind kind;
    /* SYN-ACK acknowledging s1's SYN (ack = 1001): s1, though s2 is later. */
    size_t rn = ip4(reply, 6, DST4, OWN4, 0, l4, tcp(l4, 443, 40001, 777, 1001, 0x12, 0));
    CHECK(hs_match(&table, reply, rn, &kind) == s1 && kind == HS_MATCH_TCP);
    rn = ip4(reply, 6, DST4, OWN4, 0, l4, tcp(l4, 443, 40001, 777, 2001, 0x12, 0));
    CHECK(hs_match(&table, reply, rn, &kind) == s2);
    /* RST (closed port) matches; unknown ack: the latest probe. */
    rn = ip4(reply, 6, DST4, OWN4, 0, l4, tcp(l4, 443, 40001, 0, 5, 0x14, 0));
    CHECK(hs_match(&table, reply, rn, &kind) == s2 && kind == HS_MATCH_TCP);
    /* Plain ACK does not answer a SYN. */
    rn = ip4(reply, 6, DST4, OWN4, 0, l4, tcp(l4, 443, 40001, 0, 1001, 0x10, 0));
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    /* Wrong ports / wrong source / our own SYN seen on loopback. */
    rn = ip4(reply, 6, DST4, OWN4, 0, l4, tcp(l4, 444, 40001, 0, 1001, 0x12, 0));
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    rn = ip4(reply, 6, DST4, OWN4, 0, l4, tcp(l4, 443, 40002, 0, 1001, 0x12, 0));
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    rn = ip4(reply, 6, ROUTER4, OWN4, 0, l4, tcp(l4, 443, 40001, 0, 1001, 0x12, 0));
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    rn = ip4(reply, 6, DST4, OTHER4, 0, l4, tcp(l4, 443, 40001, 0, 1001, 0x12, 0)); /* to another host */
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    rn = ip4(reply, 6, OWN4, DST4, 0, l4, tcp(l4, 40001, 443, 1000, 0, 0x02, 0));
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);

    /* In-session: PSH+ACK probe answered by a plain ACK (with SACK). */
    pn = ip4(probe, 6, OWN4, DST4, 3, l4, tcp(l4, 40009, 80, 9000, 1, 0x18, 1));
    int ps = add_probe("ps", probe, pn, 1);
    rn = ip4(reply, 6, DST4, OWN4, 0, l4, tcp(l4, 80, 40009, 1, 8999, 0x10, 0));
    CHECK(hs_match(&table, reply, rn, &kind) == ps && kind == HS_MATCH_TCP);
    rn = ip4(reply, 6, DST4, OWN4, 0, l4, tcp(l4, 80, 40009, 1, 8999, 0x12, 0)); /* SYN-ACK: no */
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    /* A truncated TCP header is malformed. */
    CHECK(hs_match(&table, reply, 30, &kind) == HS_MATCH_MALFORMED);
}


/* ---------- connection watch (version 2) ---------- */

static void test_parse_watch(void)
{
    static struct hs_request r;
    const char *why;
    const char *l = "w1 watch timeout-ms 5000 src 192.0.2.10 sport 40000 dst 198.51.100.7 dport 80";
    CHECK(hs_parse_request(l, strlen(l), &r, &why) == HS_PARSE_OK);
    CHECK(r.cmd == HS_CMD_WATCH && r.timeout_ms == 5000 && r.watch_family == 4);
    CHECK(memcmp(r.watch_src, OWN4, 4) == 0 && memcmp(r.watch_dst, DST4, 4) == 0);
    CHECK(r.watch_sport == 40000 && r.watch_dport == 80);
    l = "w2 watch dport 443 dst 2001:db8:1::7 sport 50000 src 2001:db8::10 timeout-ms 1";
    CHECK(hs_parse_request(l, strlen(l), &r, &why) == HS_PARSE_OK);
    CHECK(r.watch_family == 6 && memcmp(r.watch_src, OWN6, 16) == 0 && memcmp(r.watch_dst, DST6, 16) == 0);
    struct { const char *line, *reason; } bad[] = {
        {"1 watch timeout-ms 5 src 192.0.2.10 sport 40000 dst 198.51.100.7", "missing-argument"},
        {"1 watch timeout-ms 5 src 192.0.2.10 sport 40000 dst 198.51.100.7 dport", "missing-argument"},
        {"1 watch timeout-ms 5 src 192.0.2.10 sport 40000 dst 2001:db8::7 dport 80", "bad-address"},
        {"1 watch timeout-ms 5 src 192.0.2.300 sport 40000 dst 198.51.100.7 dport 80", "bad-address"},
        {"1 watch timeout-ms 5 src localhost sport 40000 dst 198.51.100.7 dport 80", "bad-address"},
        {"1 watch timeout-ms 5 src 192.0.2.10 sport 0 dst 198.51.100.7 dport 80", "bad-number"},
        {"1 watch timeout-ms 5 src 192.0.2.10 sport 40000 dst 198.51.100.7 dport 65536", "bad-number"},
        {"1 watch timeout-ms 0 src 192.0.2.10 sport 40000 dst 198.51.100.7 dport 80", "bad-timeout"},
        {"1 watch timeout-ms 5 src 192.0.2.10 src 192.0.2.10 dst 198.51.100.7 dport 80", "duplicate-argument"},
        {"1 watch timeout-ms 5 src 192.0.2.10 sport 40000 dst 198.51.100.7 dport 80 ttl 3", "unknown-argument"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        enum hs_parse_result pr = hs_parse_request(bad[i].line, strlen(bad[i].line), &r, &why);
        CHECK(pr == HS_PARSE_INVALID);
        if (pr == HS_PARSE_INVALID)
            CHECK_STR(why, bad[i].reason);
    }
}

static void test_watch_policy(void)
{
    struct hs_probe_info w;
    CHECK(hs_watch_check(4, OWN4, 40000, DST4, 80, &hosts, &w) == HS_POLICY_OK && w.watch == 1 && w.proto == 6);
    CHECK(hs_watch_check(6, OWN6, 40000, DST6, 80, &hosts, &w) == HS_POLICY_OK);
    CHECK(hs_watch_check(4, OTHER4, 40000, DST4, 80, &hosts, &w) == HS_POLICY_SOURCE_NOT_LOCAL);
    CHECK(hs_watch_check(4, OWN4, 1023, DST4, 80, &hosts, &w) == HS_POLICY_PRIVILEGED_SOURCE_PORT);
    static const uint8_t mc[4] = {224, 0, 0, 1}, bc[4] = {192, 0, 2, 255}, z[16] = {0};
    CHECK(hs_watch_check(4, OWN4, 40000, mc, 80, &hosts, &w) == HS_POLICY_DEST_MULTICAST);
    CHECK(hs_watch_check(4, OWN4, 40000, bc, 80, &hosts, &w) == HS_POLICY_DEST_BROADCAST);
    CHECK(hs_watch_check(6, OWN6, 40000, z, 80, &hosts, &w) == HS_POLICY_DEST_UNSPECIFIED);
    CHECK(hs_watch_check(6, z, 40000, DST6, 80, &hosts, &w) == HS_POLICY_SOURCE_UNSPECIFIED);
}

static void test_match_watch(void)
{
    hs_table_init(&table, HS_MAX_IN_FLIGHT);
    struct hs_probe_info w;
    CHECK(hs_watch_check(4, OWN4, 40009, DST4, 80, &hosts, &w) == HS_POLICY_OK);
    int ws = hs_table_add(&table, "w", &w, 1);
    /* An in-session probe on the same connection. */
    uint8_t probe[100], reply[300], l4[100];
    size_t pn = ip4(probe, 6, OWN4, DST4, 3, l4, tcp(l4, 40009, 80, 9001, 1, 0x18, 1));
    int ps = add_probe("ps", probe, pn, 1);
    enum hs_match_kind kind;
    /* SYN-ACK, ACK, FIN+ACK and RST of the 4-tuple all go to the watch, before the probe. */
    uint8_t flags[] = {0x12, 0x10, 0x11, 0x04, 0x14};
    for (size_t i = 0; i < sizeof flags; i++) {
        size_t rn = ip4(reply, 6, DST4, OWN4, 0, l4, tcp(l4, 80, 40009, 1, 9000, flags[i], 0));
        CHECK(hs_match(&table, reply, rn, &kind) == ws && kind == HS_MATCH_SESSION);
    }
    /* A bare SYN (no ACK) is no answer; other ports or hosts are foreign. */
    size_t rn = ip4(reply, 6, DST4, OWN4, 0, l4, tcp(l4, 80, 40009, 1, 0, 0x02, 0));
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    rn = ip4(reply, 6, DST4, OWN4, 0, l4, tcp(l4, 80, 40010, 1, 9000, 0x10, 0));
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    rn = ip4(reply, 6, ROUTER4, OWN4, 0, l4, tcp(l4, 80, 40009, 1, 9000, 0x10, 0));
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    rn = ip4(reply, 6, DST4, OTHER4, 0, l4, tcp(l4, 80, 40009, 1, 9000, 0x10, 0));
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    /* A router's quote of the probe still goes to the probe, never the watch. */
    rn = icmp4_error(reply, 11, 0, probe, 28);
    CHECK(hs_match(&table, reply, rn, &kind) == ps && kind == HS_MATCH_QUOTE);
    /* A quote of a segment the kernel sent (seq 0 ports 40009->80) matches nothing. */
    pn = ip4(probe, 6, OWN4, DST4, 4, l4, tcp(l4, 40009, 80, 0, 0, 0x10, 0));
    rn = icmp4_error(reply, 11, 0, probe, 28);
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    /* Segments of a watch lose their payload when forwarded. */
    rn = ip4(reply, 6, DST4, OWN4, 0, l4, tcp(l4, 80, 40009, 1, 9000, 0x18, 60));
    CHECK(hs_match(&table, reply, rn, &kind) == ws && hs_forward_len(reply, rn, kind) == 40);
    CHECK_STR(hs_match_kind_name(HS_MATCH_SESSION), "session");
}

static void test_match_icmp6_error(void)
{
    hs_table_init(&table, HS_MAX_IN_FLIGHT);
    uint8_t probe[200], raw[300], full[400], l4[100];
    size_t pn = ip6(probe, 17, OWN6, DST6, l4, udp(l4, 40000, 33434, 0x5555, 20));
    int s = add_probe("u6", probe, pn, 1);
    memset(raw, 0, 8);
    raw[0] = 3; /* time exceeded */
    memcpy(raw + 8, probe, pn);
    raw[8 + 7] = 1; /* quoted hop limit */
    size_t fl = hs_synth_ip6(full, sizeof full, raw, 8 + pn, ROUTER6, OWN6, 63, 0, 58);
    enum hs_match_kind kind;
    CHECK(hs_match(&table, full, fl, &kind) == s && kind == HS_MATCH_QUOTE);
    raw[0] = 1; /* destination unreachable, port */
    raw[1] = 4;
    fl = hs_synth_ip6(full, sizeof full, raw, 8 + pn, DST6, OWN6, 63, 0, 58);
    CHECK(hs_match(&table, full, fl, &kind) == s);
    raw[8 + 40 + 6] ^= 0xff; /* other UDP checksum: no NAT allowance on IPv6 */
    fl = hs_synth_ip6(full, sizeof full, raw, 8 + pn, DST6, OWN6, 63, 0, 58);
    CHECK(hs_match(&table, full, fl, &kind) == HS_MATCH_FOREIGN);
    raw[8 + 40 + 6] ^= 0xff;
    raw[0] = 135; /* neighbour solicitation is not an error */
    fl = hs_synth_ip6(full, sizeof full, raw, 8 + pn, DST6, OWN6, 63, 0, 58);
    CHECK(hs_match(&table, full, fl, &kind) == HS_MATCH_FOREIGN);
    raw[0] = 3;
    fl = hs_synth_ip6(full, sizeof full, raw, 8 + 40 + 4, ROUTER6, OWN6, 63, 0, 58); /* short quote */
    CHECK(hs_match(&table, full, fl, &kind) == HS_MATCH_MALFORMED);
}

static void test_match_payload_must_be_ours(void)
{
    hs_table_init(&table, HS_MAX_IN_FLIGHT);
    uint8_t probe[300], q[300], reply[600], l4[300];
    size_t pn = ip4(probe, 17, OWN4, DST4, 0x1111, l4, udp(l4, 40000, 33434, 0xbeef, 200));
    int s = add_probe("u", probe, pn, 1);
    enum hs_match_kind kind;
    /* Same 8 transport bytes (and IP ID), other payload: another user's
     * datagram. Neither the exact nor the NAT path may hand it over. */
    memcpy(q, probe, pn);
    q[40] ^= 0x55;
    size_t rn = icmp4_error(reply, 3, 3, q, pn);
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    /* Differences past the first 128 bytes (where RFC 4884 extensions go)
     * are not looked at; the unchanged quote matches. */
    memcpy(q, probe, pn);
    q[150] ^= 0x55;
    rn = icmp4_error(reply, 3, 3, q, pn);
    CHECK(hs_match(&table, reply, rn, &kind) == s);
    rn = icmp4_error(reply, 3, 3, probe, pn);
    CHECK(hs_match(&table, reply, rn, &kind) == s && kind == HS_MATCH_QUOTE);
    /* Echo reply whose data differs from the request's. */
    size_t en = ip4(probe, 1, OWN4, DST4, 1, l4, icmp(l4, 8, 0, 5, 6, 16));
    int e = add_probe("e", probe, en, 1);
    rn = ip4(reply, 1, DST4, OWN4, 9, l4, icmp(l4, 0, 0, 5, 6, 16));
    CHECK(hs_match(&table, reply, rn, &kind) == e);
    reply[rn - 1] ^= 1;
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
    rn = ip4(reply, 1, DST4, OWN4, 9, l4, icmp(l4, 0, 0, 5, 6, 15)); /* shorter */
    CHECK(hs_match(&table, reply, rn, &kind) == HS_MATCH_FOREIGN);
}

static void test_forward_len(void)
{
    uint8_t pkt[200], l4[150];
    size_t n = ip4(pkt, 6, DST4, OWN4, 0, l4, tcp(l4, 80, 40009, 1, 2, 0x18, 100));
    CHECK(hs_forward_len(pkt, n, HS_MATCH_TCP) == 40);     /* payload cut */
    CHECK(hs_forward_len(pkt, n, HS_MATCH_QUOTE) == n);    /* other kinds whole */
    pkt[32] = 0x80;                                         /* 32-byte header with options */
    CHECK(hs_forward_len(pkt, n, HS_MATCH_TCP) == 52);
    size_t n6 = ip6(pkt, 6, DST6, OWN6, l4, tcp(l4, 80, 40009, 1, 2, 0x10, 0));
    CHECK(hs_forward_len(pkt, n6, HS_MATCH_TCP) == 60);
    CHECK(hs_forward_len(pkt, 50, HS_MATCH_TCP) == 50);    /* truncated header: unchanged */
}

static void test_synth_ip6(void)
{
    uint8_t payload[20], out[100];
    for (int i = 0; i < 20; i++)
        payload[i] = (uint8_t)(i + 1);
    size_t n = hs_synth_ip6(out, sizeof out, payload, 20, ROUTER6, OWN6, 57, 0xb8, 58);
    CHECK(n == 60);
    CHECK(out[0] == 0x6b && out[1] == 0x80 && out[2] == 0 && out[3] == 0); /* version 6, tclass 0xb8, flow 0 */
    CHECK(out[4] == 0 && out[5] == 20 && out[6] == 58 && out[7] == 57);
    CHECK(memcmp(out + 8, ROUTER6, 16) == 0 && memcmp(out + 24, OWN6, 16) == 0);
    CHECK(memcmp(out + 40, payload, 20) == 0);
    CHECK(hs_synth_ip6(out, sizeof out, payload, 61, ROUTER6, OWN6, 1, 0, 6) == 0); /* does not fit */
    CHECK(hs_synth_ip6(out, 39, payload, 0, ROUTER6, OWN6, 1, 0, 6) == 0);
    /* In place, as the helper does it (payload already at out + 40). */
    memcpy(out + 40, payload, 20);
    CHECK(hs_synth_ip6(out, sizeof out, out + 40, 20, ROUTER6, OWN6, 1, 0, 6) == 60 &&
          memcmp(out + 40, payload, 20) == 0 && out[6] == 6);
}

/* ---------- privileges (root only, in forked children) ---------- */

static int child_status(pid_t pid)
{
    int st;
    if (waitpid(pid, &st, 0) != pid)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void test_drop_privileges_setuid_like(void)
{
    if (geteuid() != 0) {
        cur_skipped = 1;
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        /* Look like a setuid-root program started by uid 65534. */
        if (setresgid(65534, 0, 0) != 0 || setresuid(65534, 0, 0) != 0)
            _exit(10);
        char err[256];
        if (hs_drop_privileges(err, sizeof err) != 0) {
            fprintf(stderr, "  drop: %s\n", err);
            _exit(11);
        }
        if (getuid() != 65534 || geteuid() != 65534 || getegid() != 65534)
            _exit(12);
        if (setuid(0) == 0 || seteuid(0) == 0)
            _exit(13);
        if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1 || prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0)
            _exit(14);
        if (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) >= 0) /* no privilege left */
            _exit(15);
        _exit(0);
    }
    CHECK(child_status(pid) == 0);
}

static void test_drop_privileges_root_caller(void)
{
    if (geteuid() != 0) {
        cur_skipped = 1;
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        int raw = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP); /* opened before the drop */
        char err[256];
        if (raw < 0 || hs_drop_privileges(err, sizeof err) != 0)
            _exit(20);
        if (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) >= 0) /* uid 0 but no capabilities */
            _exit(21);
        if (setgroups(0, NULL) == 0) /* needs CAP_SETGID: gone although uid is 0 */
            _exit(22);
        int flags = fcntl(raw, F_GETFD); /* the socket we had survives */
        _exit(flags >= 0 ? 0 : 23);
    }
    CHECK(child_status(pid) == 0);
}

static void test_tcp_owner_lookup(void)
{
    if (geteuid() != 0) { /* needs a second uid to own the listener */
        cur_skipped = 1;
        return;
    }
    int fd = hs_sockdiag_open();
    CHECK(fd >= 0);
    int ready[2];
    CHECK(pipe(ready) == 0);
    pid_t pid = fork();
    if (pid == 0) { /* uid 65534 listens on 127.0.0.1:<ephemeral> */
        close(ready[0]);
        if (setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0)
            _exit(1);
        int l = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001)};
        socklen_t al = sizeof a;
        if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof a) != 0 || listen(l, 4) != 0 ||
            getsockname(l, (struct sockaddr *)&a, &al) != 0)
            _exit(2);
        uint16_t port = ntohs(a.sin_port);
        if (write(ready[1], &port, sizeof port) != sizeof port)
            _exit(3);
        for (;;)
            pause(); /* until the parent kills us */
    }
    uint16_t port = 0;
    close(ready[1]);
    if (read(ready[0], &port, sizeof port) != sizeof port || port == 0) {
        kill(pid, SIGKILL);
        fprintf(stderr, "  listener child failed: status %d\n", child_status(pid));
        cur_failed = 1;
        close(ready[0]);
        close(fd);
        return;
    }
    static const uint8_t other[4] = {127, 0, 0, 2};
    uint32_t uid = 12345;
    /* Someone else's listening port, whatever the remote end. */
    CHECK(hs_tcp_owner(fd, 4, LO4, port, other, 443, &uid) == 1 && uid == 65534);
    /* Our own established connection to it. */
    int c = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(0x7f000001)};
    struct sockaddr_in me;
    socklen_t ml = sizeof me;
    CHECK(c >= 0 && connect(c, (struct sockaddr *)&to, sizeof to) == 0);
    CHECK(getsockname(c, (struct sockaddr *)&me, &ml) == 0);
    uid = 12345;
    CHECK(hs_tcp_owner(fd, 4, LO4, ntohs(me.sin_port), LO4, port, &uid) == 1 && uid == 0);
    /* A 4-tuple nobody uses. */
    CHECK(hs_tcp_owner(fd, 4, LO4, 1, other, 9, &uid) == 0);
    close(c);
    close(ready[0]);
    kill(pid, SIGKILL);
    CHECK(child_status(pid) == 128 + SIGKILL);
    close(fd);
}

static void test_close_other_fds(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        int a = open("/dev/null", O_RDONLY), b = open("/dev/null", O_RDONLY), c = open("/dev/null", O_RDONLY);
        int d = dup2(a, 200);
        if (a < 3 || b < 0 || c < 0 || d != 200)
            _exit(30);
        int keep[] = {b, -1};
        hs_close_other_fds(keep, 2);
        if (fcntl(b, F_GETFD) < 0 || fcntl(0, F_GETFD) < 0 || fcntl(2, F_GETFD) < 0)
            _exit(31);
        if (fcntl(a, F_GETFD) >= 0 || fcntl(c, F_GETFD) >= 0 || fcntl(200, F_GETFD) >= 0)
            _exit(32);
        _exit(0);
    }
    CHECK(child_status(pid) == 0);
}

int main(void)
{
    setup_hosts();
    RUN(test_parse_hello);
    RUN(test_parse_send);
    RUN(test_parse_tokens_and_junk);
    RUN(test_hex_and_numbers);
    RUN(test_line_reader);
    RUN(test_policy_accepts_probes);
    RUN(test_policy_tcp_flags);
    RUN(test_policy_icmp_types);
    RUN(test_policy_addresses);
    RUN(test_policy_malformed);
    RUN(test_rate_limit);
    RUN(test_config);
    RUN(test_table_basics);
    RUN(test_match_time_exceeded_udp);
    RUN(test_match_nat);
    RUN(test_match_tcp_and_icmp_quotes);
    RUN(test_parse_watch);
    RUN(test_watch_policy);
    RUN(test_match_watch);
    RUN(test_match_echo_reply);
    RUN(test_match_tcp_replies);
    RUN(test_match_icmp6_error);
    RUN(test_match_payload_must_be_ours);
    RUN(test_forward_len);
    RUN(test_synth_ip6);
    RUN(test_drop_privileges_setuid_like);
    RUN(test_drop_privileges_root_caller);
    RUN(test_tcp_owner_lookup);
    RUN(test_close_other_fds);
    printf("RESULT unit %d %d %d\n", passed, failed, skipped);
    return failed ? 1 : 0;
}
