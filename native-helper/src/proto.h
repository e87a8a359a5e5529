/* Request-line parsing and hex coding: the pure, untrusted-input half of the
 * protocol (PROTOCOL.md sections 1 and 3). No I/O, no global state, so it can
 * be unit-tested and fuzzed on its own. */
#ifndef HS_PROTO_H
#define HS_PROTO_H

#include <stddef.h>
#include <stdint.h>
#include "limits.h"

enum hs_cmd { HS_CMD_HELLO, HS_CMD_SEND, HS_CMD_CANCEL, HS_CMD_SET_RATE, HS_CMD_STATS, HS_CMD_WATCH };

/* Room for any packet a maximal line can carry, so that an oversized packet is
 * reported by the policy (too-long) rather than as a parse error. */
#define HS_PACKET_BUF (HS_MAX_LINE / 2)

struct hs_request {
    char token[HS_MAX_TOKEN + 1];
    enum hs_cmd cmd;
    uint64_t number;                      /* hello: client version; set-rate: per second */
    unsigned timeout_ms;                  /* send */
    char probe_token[HS_MAX_TOKEN + 1];   /* cancel */
    size_t packet_len;                    /* send */
    /* watch (version 2): the connection's 4-tuple, local side first;
     * addresses in network order, family 4 or 6 (from the address syntax) */
    int watch_family;
    uint8_t watch_src[16], watch_dst[16];
    uint16_t watch_sport, watch_dport;
    uint8_t packet[HS_PACKET_BUF];
};

enum hs_parse_result {
    HS_PARSE_OK = 0,
    HS_PARSE_EMPTY,       /* blank line: not a request, no reply */
    HS_PARSE_INVALID,     /* reply "error invalid-request reason=<reason>" */
    HS_PARSE_UNKNOWN_CMD  /* reply "error unknown-command" */
};

/* Parses one line (without its '\n'). req->token is always set on return:
 * to the request's token or to "-" when none could be read. */
enum hs_parse_result hs_parse_request(const char *line, size_t len, struct hs_request *req,
                                      const char **reason);

int hs_token_valid(const char *s, size_t n);
/* Copies the leading token of a (possibly truncated) line into out, or "-". */
void hs_extract_token(const char *line, size_t len, char out[HS_MAX_TOKEN + 1]);
int hs_parse_u64(const char *s, size_t n, uint64_t *out);
/* Returns 0 and the byte count on success, -1 on odd length, bad digit or overflow. */
int hs_hex_decode(const char *s, size_t n, uint8_t *out, size_t cap, size_t *out_len);
/* Writes 2*n lowercase digits (no terminator). */
void hs_hex_encode(const uint8_t *in, size_t n, char *out);

/* Splits an input byte stream into lines, enforcing HS_MAX_LINE. A line that
 * is too long is reported once (too_long = 1, with its first bytes) and the
 * rest of it, up to the next '\n', is skipped: that is how the protocol
 * resynchronises. */
typedef void (*hs_line_cb)(void *ctx, const char *line, size_t len, int too_long);
struct hs_linereader {
    char buf[HS_MAX_LINE];
    size_t len;
    int discarding;
};
void hs_lr_feed(struct hs_linereader *lr, const char *data, size_t n, hs_line_cb cb, void *ctx);

#endif
