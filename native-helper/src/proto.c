/* Request parsing. Strict on purpose: version 1 rejects anything it does not
 * fully understand, so a request never does less (or more) than it says. */
#include "proto.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <string.h>

static int token_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
}

int hs_token_valid(const char *s, size_t n)
{
    if (n == 0 || n > HS_MAX_TOKEN)
        return 0;
    if (n == 1 && s[0] == '-') /* reserved for "could not read the token" */
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!token_char((unsigned char)s[i]))
            return 0;
    return 1;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

void hs_extract_token(const char *line, size_t len, char out[HS_MAX_TOKEN + 1])
{
    size_t i = 0;
    while (i < len && is_space(line[i]))
        i++;
    size_t start = i;
    while (i < len && !is_space(line[i]))
        i++;
    /* The token must be complete (followed by a space) to be trusted on a
     * truncated line; a token running into the cut could be a prefix. */
    if (i < len && hs_token_valid(line + start, i - start)) {
        memcpy(out, line + start, i - start);
        out[i - start] = '\0';
    } else {
        out[0] = '-';
        out[1] = '\0';
    }
}

int hs_parse_u64(const char *s, size_t n, uint64_t *out)
{
    if (n == 0 || n > 19) /* 19 digits always fit in 64 bits: no overflow check needed */
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int hs_hex_decode(const char *s, size_t n, uint8_t *out, size_t cap, size_t *out_len)
{
    if (n % 2 != 0 || n / 2 > cap)
        return -1;
    for (size_t i = 0; i < n; i += 2) {
        int hi = hexval((unsigned char)s[i]), lo = hexval((unsigned char)s[i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    *out_len = n / 2;
    return 0;
}

void hs_hex_encode(const uint8_t *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
}

/* A field is a [start, start+len) slice of the line. */
struct field {
    const char *p;
    size_t n;
};

#define MAX_FIELDS 16

static int field_is(const struct field *f, const char *word)
{
    size_t wl = strlen(word);
    return f->n == wl && memcmp(f->p, word, wl) == 0;
}

static enum hs_parse_result invalid(const char **reason, const char *why)
{
    *reason = why;
    return HS_PARSE_INVALID;
}

static enum hs_parse_result parse_send(const struct field *f, size_t nf, struct hs_request *req,
                                       const char **reason)
{
    int have_timeout = 0, have_packet = 0;
    size_t i = 2;
    for (; i < nf; i += 2) {
        if (i + 1 >= nf)
            return invalid(reason, "missing-argument");
        const struct field *k = &f[i], *v = &f[i + 1];
        if (field_is(k, "timeout-ms")) {
            if (have_timeout)
                return invalid(reason, "duplicate-argument");
            uint64_t ms;
            if (hs_parse_u64(v->p, v->n, &ms) != 0 || ms < 1 || ms > HS_MAX_TIMEOUT_MS)
                return invalid(reason, "bad-timeout");
            req->timeout_ms = (unsigned)ms;
            have_timeout = 1;
        } else if (field_is(k, "packet")) {
            if (have_packet)
                return invalid(reason, "duplicate-argument");
            if (hs_hex_decode(v->p, v->n, req->packet, sizeof req->packet, &req->packet_len) != 0)
                return invalid(reason, "bad-hex");
            have_packet = 1;
        } else {
            return invalid(reason, "unknown-argument");
        }
    }
    if (!have_timeout || !have_packet)
        return invalid(reason, "missing-argument");
    return HS_PARSE_OK;
}

/* One address field of watch: IPv4 dotted quad or IPv6 text (inet_pton). */
static int parse_addr(const struct field *v, int *family, uint8_t out[16])
{
    char buf[INET6_ADDRSTRLEN + 1];
    if (v->n == 0 || v->n >= sizeof buf)
        return -1;
    memcpy(buf, v->p, v->n);
    buf[v->n] = '\0';
    memset(out, 0, 16);
    if (memchr(buf, ':', v->n)) {
        *family = 6;
        return inet_pton(AF_INET6, buf, out) == 1 ? 0 : -1;
    }
    *family = 4;
    return inet_pton(AF_INET, buf, out) == 1 ? 0 : -1;
}

static int parse_port(const struct field *v, uint16_t *out)
{
    uint64_t n;
    if (hs_parse_u64(v->p, v->n, &n) != 0 || n < 1 || n > 65535)
        return -1;
    *out = (uint16_t)n;
    return 0;
}

/* watch timeout-ms MS src ADDR sport N dst ADDR dport N, in any order, each
 * exactly once (PROTOCOL.md section 3.6). */
static enum hs_parse_result parse_watch(const struct field *f, size_t nf, struct hs_request *req,
                                        const char **reason)
{
    enum { T = 1, S = 2, SP = 4, D = 8, DP = 16, ALL = 31 };
    unsigned have = 0;
    int fam_s = 0, fam_d = 0;
    for (size_t i = 2; i < nf; i += 2) {
        if (i + 1 >= nf)
            return invalid(reason, "missing-argument");
        const struct field *k = &f[i], *v = &f[i + 1];
        unsigned bit;
        if (field_is(k, "timeout-ms"))
            bit = T;
        else if (field_is(k, "src"))
            bit = S;
        else if (field_is(k, "sport"))
            bit = SP;
        else if (field_is(k, "dst"))
            bit = D;
        else if (field_is(k, "dport"))
            bit = DP;
        else
            return invalid(reason, "unknown-argument");
        if (have & bit)
            return invalid(reason, "duplicate-argument");
        have |= bit;
        if (bit == T) {
            uint64_t ms;
            if (hs_parse_u64(v->p, v->n, &ms) != 0 || ms < 1 || ms > HS_MAX_TIMEOUT_MS)
                return invalid(reason, "bad-timeout");
            req->timeout_ms = (unsigned)ms;
        } else if (bit == S || bit == D) {
            if (parse_addr(v, bit == S ? &fam_s : &fam_d, bit == S ? req->watch_src : req->watch_dst) != 0)
                return invalid(reason, "bad-address");
        } else if (parse_port(v, bit == SP ? &req->watch_sport : &req->watch_dport) != 0) {
            return invalid(reason, "bad-number");
        }
    }
    if (have != ALL)
        return invalid(reason, "missing-argument");
    if (fam_s != fam_d)
        return invalid(reason, "bad-address");
    req->watch_family = fam_s;
    return HS_PARSE_OK;
}

enum hs_parse_result hs_parse_request(const char *line, size_t len, struct hs_request *req,
                                      const char **reason)
{
    req->token[0] = '-';
    req->token[1] = '\0';
    req->packet_len = 0;
    *reason = NULL;

    if (len > 0 && line[len - 1] == '\r')
        len--;

    struct field f[MAX_FIELDS];
    size_t nf = 0;
    int too_many = 0, bad_char = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)line[i];
        if (is_space((char)c)) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < len && !is_space(line[i])) {
            c = (unsigned char)line[i];
            if (c < 0x21 || c > 0x7e) /* NUL, control, DEL, non-ASCII */
                bad_char = 1;
            i++;
        }
        if (nf < MAX_FIELDS)
            f[nf++] = (struct field){line + start, i - start};
        else
            too_many = 1;
    }
    if (nf == 0)
        return bad_char ? invalid(reason, "bad-character") : HS_PARSE_EMPTY;

    if (!hs_token_valid(f[0].p, f[0].n))
        return invalid(reason, "bad-token");
    memcpy(req->token, f[0].p, f[0].n);
    req->token[f[0].n] = '\0';

    if (bad_char)
        return invalid(reason, "bad-character");
    if (nf < 2)
        return invalid(reason, "missing-command");
    if (too_many)
        return invalid(reason, "extra-argument");

    const struct field *cmd = &f[1];
    if (field_is(cmd, "hello")) {
        req->cmd = HS_CMD_HELLO;
        if (nf < 3)
            return invalid(reason, "missing-argument");
        if (nf > 3)
            return invalid(reason, "extra-argument");
        if (hs_parse_u64(f[2].p, f[2].n, &req->number) != 0 || req->number < 1)
            return invalid(reason, "bad-version");
        return HS_PARSE_OK;
    }
    if (field_is(cmd, "send")) {
        req->cmd = HS_CMD_SEND;
        return parse_send(f, nf, req, reason);
    }
    if (field_is(cmd, "cancel")) {
        req->cmd = HS_CMD_CANCEL;
        if (nf < 3)
            return invalid(reason, "missing-argument");
        if (nf > 3)
            return invalid(reason, "extra-argument");
        if (!hs_token_valid(f[2].p, f[2].n))
            return invalid(reason, "bad-token");
        memcpy(req->probe_token, f[2].p, f[2].n);
        req->probe_token[f[2].n] = '\0';
        return HS_PARSE_OK;
    }
    if (field_is(cmd, "set-rate")) {
        req->cmd = HS_CMD_SET_RATE;
        if (nf < 3)
            return invalid(reason, "missing-argument");
        if (nf > 3)
            return invalid(reason, "extra-argument");
        if (hs_parse_u64(f[2].p, f[2].n, &req->number) != 0 || req->number < 1)
            return invalid(reason, "bad-number");
        return HS_PARSE_OK;
    }
    if (field_is(cmd, "watch")) {
        req->cmd = HS_CMD_WATCH;
        return parse_watch(f, nf, req, reason);
    }
    if (field_is(cmd, "stats")) {
        req->cmd = HS_CMD_STATS;
        if (nf > 2)
            return invalid(reason, "extra-argument");
        return HS_PARSE_OK;
    }
    return HS_PARSE_UNKNOWN_CMD;
}

void hs_lr_feed(struct hs_linereader *lr, const char *data, size_t n, hs_line_cb cb, void *ctx)
{
    for (size_t i = 0; i < n; i++) {
        char c = data[i];
        if (lr->discarding) {
            if (c == '\n')
                lr->discarding = 0;
            continue;
        }
        if (c == '\n') {
            cb(ctx, lr->buf, lr->len, 0);
            lr->len = 0;
            continue;
        }
        if (lr->len == HS_MAX_LINE - 1) { /* no room left for this byte + '\n' */
            cb(ctx, lr->buf, lr->len, 1);
            lr->len = 0;
            lr->discarding = 1;
            continue;
        }
        lr->buf[lr->len++] = c;
    }
}
