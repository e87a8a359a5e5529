/* The kernel answers a non-dump SOCK_DIAG_BY_FAMILY request with an exact
 * lookup (the same one an incoming segment would get: established socket,
 * else listener), inside our sendto(): one round trip, no table dump. */
#include "sockdiag.h"

#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int hs_sockdiag_open(void)
{
    return socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_SOCK_DIAG);
}

int hs_tcp_owner(int fd, int family, const uint8_t *src, uint16_t sport, const uint8_t *dst,
                 uint16_t dport, uint32_t *uid)
{
    static uint32_t seq;
    struct {
        struct nlmsghdr nlh;
        struct inet_diag_req_v2 r;
    } req;
    memset(&req, 0, sizeof req);
    req.nlh.nlmsg_len = sizeof req;
    req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    req.nlh.nlmsg_flags = NLM_F_REQUEST; /* no NLM_F_DUMP: exact lookup */
    req.nlh.nlmsg_seq = ++seq;
    req.r.sdiag_family = family == 4 ? AF_INET : AF_INET6;
    req.r.sdiag_protocol = IPPROTO_TCP;
    req.r.idiag_states = ~0u;
    req.r.id.idiag_sport = htons(sport);
    req.r.id.idiag_dport = htons(dport);
    size_t alen = family == 4 ? 4 : 16;
    memcpy(req.r.id.idiag_src, src, alen);
    memcpy(req.r.id.idiag_dst, dst, alen);
    req.r.id.idiag_cookie[0] = req.r.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;

    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    if (sendto(fd, &req, sizeof req, 0, (struct sockaddr *)&kernel, sizeof kernel) != (ssize_t)sizeof req)
        return -1;
    for (int tries = 0; tries < 8; tries++) {
        union {
            char buf[8192];
            struct nlmsghdr align;
        } u;
        ssize_t n = recv(fd, u.buf, sizeof u.buf, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                return -1;
            /* The answer is normally queued before sendto() returns; wait a
             * little in case it is not, but never long. */
            struct pollfd p = {.fd = fd, .events = POLLIN};
            if (poll(&p, 1, 100) <= 0)
                return -1;
            continue;
        }
        for (struct nlmsghdr *h = &u.align; NLMSG_OK(h, (unsigned)n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_seq != seq)
                continue; /* a stale answer to an earlier, timed-out request */
            if (h->nlmsg_type == NLMSG_ERROR) {
                const struct nlmsgerr *e = NLMSG_DATA(h);
                if (h->nlmsg_len < NLMSG_LENGTH(sizeof *e))
                    return -1;
                if (e->error == -ENOENT)
                    return 0;
                errno = -e->error;
                return -1;
            }
            if (h->nlmsg_type == SOCK_DIAG_BY_FAMILY) {
                const struct inet_diag_msg *m = NLMSG_DATA(h);
                if (h->nlmsg_len < NLMSG_LENGTH(sizeof *m))
                    return -1;
                if (m->idiag_state == TCP_TIME_WAIT)
                    return 0;
                *uid = m->idiag_uid;
                return 1;
            }
        }
    }
    return -1;
}
