/* hopscope-helper: main loop. One thread, one poll(): stdin requests, raw
 * socket receives, stdout writes and probe timeouts. Nothing here blocks, so
 * a slow engine or a flood of foreign packets cannot wedge the helper. */
#define _GNU_SOURCE
#include "limits.h"
#include "policy.h"
#include "privs.h"
#include "probes.h"
#include "proto.h"
#include "sockdiag.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HOSTS_REFRESH_NS (10ull * 1000000000ull)
#define HOSTS_RETRY_NS (1ull * 1000000000ull)
#define EOF_FLUSH_MS 2000
#define RECV_BATCH 64 /* per socket per loop turn: keeps stdin served under a flood */
#define STDIN_CHUNK 4096 /* bounds the replies one read can generate (see outq) */

static struct {
    uint64_t requests, sent, send_errors, rejected, rate_limited, replies, foreign, malformed, expired,
        cancelled, output_dropped;
} st;

static struct hs_sockets socks;
static struct hs_config cfg;
static struct hs_table *table;
static struct hs_hostaddrs *hosts;
static struct hs_bucket bucket;
static uint64_t hosts_loaded_ns;
static int hello_done;
static unsigned session_version; /* fixed by hello (section 8) */
static int stdout_flags = -1;

static uint64_t now_ns(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* ---- output queue (PROTOCOL.md section 7) ---- */

/* Physical size: the 1 MiB cap for asynchronous lines, plus room for the
 * direct replies to one STDIN_CHUNK of requests (at most 2048 lines of well
 * under 256 bytes) read while just below the high-water mark. */
#define OUTQ_SIZE (HS_OUTQ_CAP + 1024u * 1024u)
static char *oq;
static size_t oq_head, oq_len;

static int outq_put(const char *s, size_t n, int async)
{
    size_t limit = async ? HS_OUTQ_CAP : OUTQ_SIZE;
    if (oq_len + n > limit) {
        st.output_dropped++;
        return -1;
    }
    if (oq_head + oq_len + n > OUTQ_SIZE) {
        memmove(oq, oq + oq_head, oq_len);
        oq_head = 0;
    }
    memcpy(oq + oq_head + oq_len, s, n);
    oq_len += n;
    return 0;
}

static void reply(int async, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void reply(int async, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n > sizeof line - 2)
        n = (int)sizeof line - 2; /* cannot happen with our formats; stay a line */
    line[n++] = '\n';
    outq_put(line, (size_t)n, async);
}

static void restore_stdout(void)
{
    if (stdout_flags >= 0)
        (void)fcntl(1, F_SETFL, stdout_flags);
}

/* Returns -1 when the engine has gone away (EPIPE etc.). */
static int flush_out(void)
{
    while (oq_len > 0) {
        ssize_t w = write(1, oq + oq_head, oq_len);
        if (w > 0) {
            oq_head += (size_t)w;
            oq_len -= (size_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        return -1;
    }
    oq_head = 0;
    return 0;
}

static void finish(int code)
{
    /* Stdin is closed: give the engine what is queued, but never hang. */
    uint64_t end = now_ns(CLOCK_MONOTONIC) + EOF_FLUSH_MS * 1000000ull;
    while (oq_len > 0 && code == 0) {
        if (flush_out() != 0)
            break;
        uint64_t now = now_ns(CLOCK_MONOTONIC);
        if (oq_len == 0 || now >= end)
            break;
        struct pollfd p = {.fd = 1, .events = POLLOUT};
        (void)poll(&p, 1, (int)((end - now) / 1000000ull) + 1);
    }
    restore_stdout();
    free(oq);
    free(table);
    free(hosts);
    for (int i = 0; i < HS_NSOCK; i++)
        if (socks.fd[i] >= 0)
            close(socks.fd[i]);
    exit(code);
}

/* ---- requests ---- */

static void reply_invalid(const char *token, const char *reason)
{
    st.rejected++;
    reply(0, "%s error invalid-request reason=%s", token, reason);
}

static void cmd_hello(const struct hs_request *r)
{
    char caps[128] = "", missing[128] = "";
    int privileged = 1;
    for (int i = 0; i < HS_NSOCK; i++) {
        char *list = socks.fd[i] >= 0 ? caps : missing;
        if (list[0])
            strcat(list, ",");
        strcat(list, hs_sock_name((enum hs_sock)i));
        if (socks.err[i] == EPERM || socks.err[i] == EACCES)
            privileged = 0;
    }
    hello_done = 1;
    /* Version negotiation: the highest both speak (section 8). */
    unsigned version = r->number < HS_PROTOCOL_VERSION ? (unsigned)r->number : HS_PROTOCOL_VERSION;
    if (!session_version)
        session_version = version; /* a repeated hello changes nothing */
    version = session_version;
    reply(0,
          "%s hello version %u caps %s missing %s rate-limit %u rate-ceiling %u max-in-flight %u "
          "min-packet %u max-packet %u max-timeout-ms %u privileged %s",
          r->token, version, caps[0] ? caps : "none", missing[0] ? missing : "none", bucket.rate,
          cfg.rate_ceiling, table->capacity, HS_MIN_PACKET, HS_MAX_PACKET, HS_MAX_TIMEOUT_MS,
          privileged ? "yes" : "no");
}

static void reply_socket_missing(const char *token, enum hs_sock s)
{
    st.send_errors++;
    if (socks.err[s] == EPERM || socks.err[s] == EACCES)
        reply(0, "%s error permission-denied", token);
    else
        reply(0, "%s error unavailable what=%s errno=%d", token, hs_sock_name(s), socks.err[s]);
}

static void cmd_send(const struct hs_request *r)
{
    if (hs_table_find(table, r->token) >= 0) {
        reply_invalid(r->token, "duplicate-token");
        return;
    }
    /* Without any raw send socket nothing can ever be sent: say so first, so
     * an unprivileged install is reported as such whatever the packet. */
    if (socks.fd[HS_SEND4] < 0 && socks.fd[HS_SEND6] < 0) {
        reply_socket_missing(r->token, socks.err[HS_SEND4] == EPERM || socks.err[HS_SEND4] == EACCES
                                           ? HS_SEND4 : HS_SEND6);
        return;
    }
    struct hs_probe_info info;
    enum hs_policy_result pr = hs_policy_check(r->packet, r->packet_len, hosts, &info);
    uint64_t mono = now_ns(CLOCK_MONOTONIC);
    if (pr == HS_POLICY_SOURCE_NOT_LOCAL && mono - hosts_loaded_ns >= HOSTS_RETRY_NS) {
        /* Maybe an address was added since we last looked. */
        if (hs_hostaddrs_load(hosts) == 0)
            hosts_loaded_ns = mono;
        pr = hs_policy_check(r->packet, r->packet_len, hosts, &info);
    }
    if (pr != HS_POLICY_OK) {
        st.rejected++;
        reply(0, "%s error policy reason=%s", r->token, hs_policy_reason(pr));
        return;
    }
    if (info.proto == 6) {
        /* Never on someone else's connection or listening port: that would
         * let any local user reset, probe or inject into it (SECURITY.md). */
        uint32_t owner = 0;
        int found = socks.fd[HS_DIAG] < 0 ? -1
                    : hs_tcp_owner(socks.fd[HS_DIAG], info.family, info.src, info.sport, info.dst,
                                   info.dport, &owner);
        if (found < 0 || (found > 0 && owner != (uint32_t)getuid())) {
            st.rejected++;
            reply(0, "%s error policy reason=%s", r->token,
                  hs_policy_reason(found < 0 ? HS_POLICY_TCP_OWNER_UNKNOWN : HS_POLICY_TCP_FOREIGN_CONNECTION));
            return;
        }
    }
    enum hs_sock s = info.family == 4 ? HS_SEND4 : HS_SEND6;
    if (socks.fd[s] < 0) {
        reply_socket_missing(r->token, s);
        return;
    }
    if (table->count >= table->capacity) {
        st.send_errors++;
        reply(0, "%s error too-many-in-flight", r->token);
        return;
    }
    if (!hs_bucket_take(&bucket, mono)) {
        st.rate_limited++;
        reply(0, "%s error rate-limited", r->token);
        return;
    }

    struct sockaddr_storage ss;
    socklen_t sl;
    memset(&ss, 0, sizeof ss);
    if (info.family == 4) {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        memcpy(&a->sin_addr, info.dst, 4);
        sl = sizeof *a;
    } else {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        memcpy(&a->sin6_addr, info.dst, 16);
        sl = sizeof *a;
    }
    /* Read right before sendto(), as documented: on veth and loopback the kernel forwards the
     * packet, and may even receive its answer, inside sendto() itself, so a time read after it
     * can be later than the reply's kernel timestamp (every RTT would be 0). Before, the error
     * is only the few microseconds of the send path, and never negative. */
    uint64_t sent_at = now_ns(CLOCK_REALTIME);
    ssize_t w = sendto(socks.fd[s], r->packet, r->packet_len, 0, (struct sockaddr *)&ss, sl);
    if (w != (ssize_t)r->packet_len) {
        int e = w < 0 ? errno : EMSGSIZE;
        st.send_errors++;
        if (e == EHOSTUNREACH)
            reply(0, "%s error no-route", r->token);
        else if (e == ENETUNREACH)
            reply(0, "%s error network-unreachable", r->token);
        else
            reply(0, "%s error send-failed errno=%d", r->token, e);
        return;
    }
    st.sent++;
    reply(0, "%s sent time-ns %" PRIu64, r->token, sent_at);
    (void)hs_table_add(table, r->token, &info, mono + (uint64_t)r->timeout_ms * 1000000ull);
}

/* Who owns the watched 4-tuple: 1 = the requesting user, 0 = nobody (yet, or
 * only TIME_WAIT), -1 = someone else or the lookup failed. */
static int watch_owner(const struct hs_probe_info *w)
{
    uint32_t owner = 0;
    int found = socks.fd[HS_DIAG] < 0 ? -1
                : hs_tcp_owner(socks.fd[HS_DIAG], w->family, w->src, w->sport, w->dst, w->dport, &owner);
    if (found < 0)
        return -1;
    if (found == 0)
        return 0;
    return owner == (uint32_t)getuid() ? 1 : -1;
}

/* A segment of a watched 4-tuple goes out when the 4-tuple is the user's
 * socket now; or, once that has been seen, while no socket holds it at all:
 * the RST or FIN that ends the user's connection removes its socket before
 * we can look (the kernel handles the segment first), and the engine must
 * still learn of it. Another user's socket on the 4-tuple always stops it. */
static int watch_may_forward(struct hs_probe *w)
{
    int o = watch_owner(&w->info);
    if (o == 1)
        w->verified = 1;
    return o == 1 || (o == 0 && w->verified);
}

/* PROTOCOL.md 3.6: follow the segments of one of the user's own TCP
 * connections. Registered before the connection exists (so that its SYN-ACK
 * is not missed); every segment is forwarded only after sock_diag says, at
 * that moment, that the 4-tuple is a socket of the requesting uid. */
static void cmd_watch(const struct hs_request *r)
{
    if (hs_table_find(table, r->token) >= 0) {
        reply_invalid(r->token, "duplicate-token");
        return;
    }
    enum hs_sock rs = r->watch_family == 4 ? HS_TCP4 : HS_TCP6;
    if (socks.fd[rs] < 0) {
        reply_socket_missing(r->token, rs);
        return;
    }
    struct hs_probe_info info;
    enum hs_policy_result pr = hs_watch_check(r->watch_family, r->watch_src, r->watch_sport, r->watch_dst,
                                              r->watch_dport, hosts, &info);
    uint64_t mono = now_ns(CLOCK_MONOTONIC);
    if (pr == HS_POLICY_SOURCE_NOT_LOCAL && mono - hosts_loaded_ns >= HOSTS_RETRY_NS) {
        if (hs_hostaddrs_load(hosts) == 0)
            hosts_loaded_ns = mono;
        pr = hs_watch_check(r->watch_family, r->watch_src, r->watch_sport, r->watch_dst, r->watch_dport, hosts,
                            &info);
    }
    if (pr == HS_POLICY_OK && socks.fd[HS_DIAG] < 0)
        pr = HS_POLICY_TCP_OWNER_UNKNOWN;
    if (pr == HS_POLICY_OK && watch_owner(&info) < 0)
        pr = HS_POLICY_TCP_FOREIGN_CONNECTION; /* already someone else's: refuse early */
    if (pr != HS_POLICY_OK) {
        st.rejected++;
        reply(0, "%s error policy reason=%s", r->token, hs_policy_reason(pr));
        return;
    }
    if (table->count >= table->capacity) {
        st.send_errors++;
        reply(0, "%s error too-many-in-flight", r->token);
        return;
    }
    (void)hs_table_add(table, r->token, &info, mono + (uint64_t)r->timeout_ms * 1000000ull);
    reply(0, "%s watching", r->token);
}

static void cmd_stats(const struct hs_request *r)
{
    reply(0,
          "%s stats requests %" PRIu64 " sent %" PRIu64 " send-errors %" PRIu64 " rejected %" PRIu64
          " rate-limited %" PRIu64 " replies %" PRIu64 " foreign %" PRIu64 " malformed %" PRIu64
          " expired %" PRIu64 " cancelled %" PRIu64 " output-dropped %" PRIu64 " in-flight %u",
          r->token, st.requests, st.sent, st.send_errors, st.rejected, st.rate_limited, st.replies,
          st.foreign, st.malformed, st.expired, st.cancelled, st.output_dropped, table->count);
}

static struct hs_request req; /* large (packet buffer): not on the stack */

static void on_line(void *ctx, const char *line, size_t len, int too_long)
{
    (void)ctx;
    if (too_long) {
        char tok[HS_MAX_TOKEN + 1];
        hs_extract_token(line, len, tok);
        st.requests++;
        reply_invalid(tok, "line-too-long");
        return;
    }
    const char *reason;
    enum hs_parse_result pr = hs_parse_request(line, len, &req, &reason);
    if (pr == HS_PARSE_EMPTY)
        return;
    st.requests++;
    if (pr == HS_PARSE_INVALID) {
        reply_invalid(req.token, reason);
        return;
    }
    if (pr == HS_PARSE_UNKNOWN_CMD) {
        st.rejected++;
        reply(0, "%s error unknown-command", req.token);
        return;
    }
    if (!hello_done && req.cmd != HS_CMD_HELLO) {
        reply_invalid(req.token, "hello-required");
        return;
    }
    switch (req.cmd) {
    case HS_CMD_HELLO:
        cmd_hello(&req);
        break;
    case HS_CMD_SEND:
        cmd_send(&req);
        break;
    case HS_CMD_CANCEL: {
        int i = hs_table_find(table, req.probe_token);
        if (i < 0) {
            reply_invalid(req.token, "unknown-probe");
        } else {
            hs_table_remove(table, i);
            st.cancelled++;
            reply(0, "%s cancelled %s", req.token, req.probe_token);
        }
        break;
    }
    case HS_CMD_SET_RATE:
        if (req.number > cfg.rate_ceiling) {
            st.rejected++;
            reply(0, "%s error policy reason=rate-above-ceiling ceiling=%u", req.token, cfg.rate_ceiling);
        } else {
            hs_bucket_set_rate(&bucket, (unsigned)req.number, now_ns(CLOCK_MONOTONIC));
            reply(0, "%s rate %u burst %u", req.token, bucket.rate, bucket.burst);
        }
        break;
    case HS_CMD_STATS:
        cmd_stats(&req);
        break;
    case HS_CMD_WATCH:
        if (session_version < 2) {
            st.rejected++; /* version 1 is strict: the command does not exist there */
            reply(0, "%s error unknown-command", req.token);
        } else {
            cmd_watch(&req);
        }
        break;
    }
}

/* ---- receiving ---- */

/* 40 bytes in front for the synthesised IPv6 header, then the largest datagram. */
static uint8_t rxbuf[40 + 65536];
static char hexline[HS_MAX_TOKEN + 128 + 2 * sizeof rxbuf];

static void forward(int slot, enum hs_match_kind kind, const uint8_t *pkt, size_t len, uint64_t t,
                    int kernel_time)
{
    const struct hs_probe *p = &table->slot[slot];
    size_t keep = hs_forward_len(pkt, len, kind);
    char cut[40] = "";
    if (keep < len)
        snprintf(cut, sizeof cut, " payload-cut %zu", len - keep);
    len = keep;
    int n = snprintf(hexline, sizeof hexline, "%s reply time-ns %" PRIu64 " time-src %s match %s%s packet ",
                     p->token, t, kernel_time ? "kernel" : "user", hs_match_kind_name(kind), cut);
    if (n < 0 || (size_t)n + 2 * len + 1 > sizeof hexline)
        return;
    hs_hex_encode(pkt, len, hexline + n);
    n += (int)(2 * len);
    hexline[n++] = '\n';
    if (outq_put(hexline, (size_t)n, 1) == 0)
        st.replies++;
}

static void drain_socket(enum hs_sock s)
{
    int v6 = s == HS_ICMP6 || s == HS_TCP6;
    for (int k = 0; k < RECV_BATCH; k++) {
        struct sockaddr_in6 from;
        union {
            char buf[512];
            struct cmsghdr align;
        } cbuf;
        struct iovec iov = {.iov_base = rxbuf + 40, .iov_len = sizeof rxbuf - 40};
        struct msghdr mh = {.msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov,
                            .msg_iovlen = 1, .msg_control = cbuf.buf, .msg_controllen = sizeof cbuf.buf};
        ssize_t n = recvmsg(socks.fd[s], &mh, MSG_DONTWAIT);
        if (n < 0)
            return; /* EAGAIN: drained; other errors (e.g. ENOBUFS) are transient */
        uint64_t t = 0;
        int kernel_time = 0;
        unsigned hop = 0, tclass = 0;
        uint8_t dst6[16] = {0};
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS &&
                c->cmsg_len >= CMSG_LEN(sizeof(struct timespec))) {
                struct timespec ts;
                memcpy(&ts, CMSG_DATA(c), sizeof ts);
                t = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
                kernel_time = 1;
            } else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT &&
                       c->cmsg_len >= CMSG_LEN(sizeof(int))) {
                int v;
                memcpy(&v, CMSG_DATA(c), sizeof v);
                hop = (unsigned)v;
            } else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_TCLASS &&
                       c->cmsg_len >= CMSG_LEN(sizeof(int))) {
                int v;
                memcpy(&v, CMSG_DATA(c), sizeof v);
                tclass = (unsigned)v;
            } else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO &&
                       c->cmsg_len >= CMSG_LEN(sizeof(struct in6_pktinfo))) {
                struct in6_pktinfo pi;
                memcpy(&pi, CMSG_DATA(c), sizeof pi);
                memcpy(dst6, &pi.ipi6_addr, 16);
            }
        }
        if (!kernel_time)
            t = now_ns(CLOCK_REALTIME);
        const uint8_t *pkt = rxbuf + 40;
        size_t len = (size_t)n;
        if (mh.msg_flags & MSG_TRUNC) {
            st.malformed++;
            continue;
        }
        if (v6) {
            if (mh.msg_namelen < sizeof from || from.sin6_family != AF_INET6) {
                st.malformed++;
                continue;
            }
            len = hs_synth_ip6(rxbuf, sizeof rxbuf, rxbuf + 40, len, from.sin6_addr.s6_addr, dst6, hop,
                               tclass, s == HS_ICMP6 ? 58 : 6);
            pkt = rxbuf;
            if (len == 0) {
                st.malformed++;
                continue;
            }
        }
        enum hs_match_kind kind;
        int slot = hs_match(table, pkt, len, &kind);
        if (slot == HS_MATCH_MALFORMED)
            st.malformed++;
        else if (slot < 0)
            st.foreign++; /* somebody else's traffic: never forwarded */
        else if (kind == HS_MATCH_SESSION && !watch_may_forward(&table->slot[slot]))
            st.foreign++; /* the 4-tuple is not the user's socket */
        else
            forward(slot, kind, pkt, len, t, kernel_time);
    }
}

static void expire_probes(uint64_t mono)
{
    int i;
    while ((i = hs_table_first_deadline(table)) >= 0 && table->slot[i].deadline_ns <= mono) {
        reply(1, "%s expired", table->slot[i].token);
        st.expired++;
        hs_table_remove(table, i);
    }
}

int main(int argc, char **argv)
{
    (void)argv;
    hs_sanitize_std_fds();
    /* A setuid program inherits its caller's signal state: start clean. */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_IGN); /* a vanished engine shows up as EPIPE, handled */

    if (argc > 1) {
        fprintf(stderr, "usage: hopscope-helper  (takes no arguments; speaks PROTOCOL.md on stdin/stdout)\n");
        return 2;
    }
    char err[256];
    if (hs_load_config(&cfg, err, sizeof err) != 0) {
        fprintf(stderr, "hopscope-helper: config: %s\n", err);
        return 1;
    }
    for (int i = 0; i < HS_NSOCK; i++)
        socks.fd[i] = -1;
    hs_open_sockets(&socks);
    if (hs_drop_privileges(err, sizeof err) != 0) {
        fprintf(stderr, "hopscope-helper: cannot drop privileges: %s\n", err);
        _exit(1); /* never serve a request with privileges we meant to drop */
    }
    hs_close_other_fds(socks.fd, HS_NSOCK);
    for (int i = 0; i < HS_NSOCK; i++)
        if (socks.fd[i] < 0)
            fprintf(stderr, "hopscope-helper: %s unavailable: %s\n", hs_sock_name((enum hs_sock)i),
                    strerror(socks.err[i]));

    table = malloc(sizeof *table);
    hosts = malloc(sizeof *hosts);
    oq = malloc(OUTQ_SIZE);
    if (!table || !hosts || !oq) {
        fprintf(stderr, "hopscope-helper: out of memory\n");
        return 1;
    }
    hs_table_init(table, cfg.max_in_flight);
    hs_hostaddrs_clear(hosts);
    uint64_t mono = now_ns(CLOCK_MONOTONIC);
    if (hs_hostaddrs_load(hosts) != 0)
        fprintf(stderr, "hopscope-helper: getifaddrs failed: %s\n", strerror(errno));
    hosts_loaded_ns = mono;
    hs_bucket_init(&bucket, HS_RATE_DEFAULT < cfg.rate_ceiling ? HS_RATE_DEFAULT : cfg.rate_ceiling, mono);

    stdout_flags = fcntl(1, F_GETFL);
    if (stdout_flags >= 0)
        (void)fcntl(1, F_SETFL, stdout_flags | O_NONBLOCK);

    static struct hs_linereader lr;
    int stdin_open = 1;
    for (;;) {
        mono = now_ns(CLOCK_MONOTONIC);
        expire_probes(mono);
        if (mono - hosts_loaded_ns >= HOSTS_REFRESH_NS) {
            (void)hs_hostaddrs_load(hosts);
            hosts_loaded_ns = mono;
        }
        if (flush_out() != 0)
            finish(0); /* engine closed its end: nobody to talk to */
        if (!stdin_open)
            finish(0);

        struct pollfd pfd[2 + HS_NSOCK];
        enum hs_sock which[HS_NSOCK];
        nfds_t np = 0;
        int in_idx = -1;
        if (oq_len < HS_OUTQ_HIGH) { /* back pressure: see PROTOCOL.md section 7 */
            in_idx = (int)np;
            pfd[np++] = (struct pollfd){.fd = 0, .events = POLLIN};
        }
        if (oq_len > 0)
            pfd[np++] = (struct pollfd){.fd = 1, .events = POLLOUT};
        nfds_t first_sock = np;
        for (int i = HS_ICMP4; i <= HS_TCP6; i++)
            if (socks.fd[i] >= 0) {
                which[np - first_sock] = (enum hs_sock)i;
                pfd[np++] = (struct pollfd){.fd = socks.fd[i], .events = POLLIN};
            }

        uint64_t wake = hosts_loaded_ns + HOSTS_REFRESH_NS;
        int d = hs_table_first_deadline(table);
        if (d >= 0 && table->slot[d].deadline_ns < wake)
            wake = table->slot[d].deadline_ns;
        int timeout = wake <= mono ? 0 : (int)((wake - mono + 999999ull) / 1000000ull);

        int r = poll(pfd, np, timeout);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "hopscope-helper: poll: %s\n", strerror(errno));
            finish(1);
        }
        for (nfds_t i = first_sock; i < np; i++)
            if (pfd[i].revents)
                drain_socket(which[i - first_sock]);
        if (in_idx >= 0 && pfd[in_idx].revents) {
            char buf[STDIN_CHUNK];
            ssize_t n = read(0, buf, sizeof buf);
            if (n > 0)
                hs_lr_feed(&lr, buf, (size_t)n, on_line, NULL);
            else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                /* EOF: the session is over (PROTOCOL.md section 2). A last
                 * line without its '\n' is still a request. */
                if (lr.len > 0 && !lr.discarding)
                    hs_lr_feed(&lr, "\n", 1, on_line, NULL);
                stdin_open = 0;
            }
        }
    }
}
