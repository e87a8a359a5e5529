/* Everything that needs or gives up privilege: opening the raw sockets,
 * reading the administrator's config, then dropping every privilege for good
 * and closing every other descriptor. Called once, in this order, at start. */
#ifndef HS_PRIVS_H
#define HS_PRIVS_H

#include <stddef.h>
#include "policy.h"

/* HS_ICMP4..HS_TCP6 are the receive sockets; HS_DIAG is the sock_diag
 * netlink socket for the TCP connection-owner check. */
enum hs_sock { HS_SEND4, HS_SEND6, HS_ICMP4, HS_ICMP6, HS_TCP4, HS_TCP6, HS_DIAG, HS_NSOCK };

struct hs_sockets {
    int fd[HS_NSOCK];  /* -1 when it could not be opened */
    int err[HS_NSOCK]; /* errno of the failure, 0 when open */
};

/* Capability names used in "hello" (caps / missing). */
const char *hs_sock_name(enum hs_sock s);

/* Makes sure 0, 1 and 2 are open (on /dev/null if need be), so that no socket
 * opened later can land on them and receive protocol output. */
void hs_sanitize_std_fds(void);

/* Reads HS_CONFIG_PATH. Absent, or not root-owned / writable by others
 * (then ignored with a warning): defaults. Returns -1 (fatal) when the file is
 * root's but unreadable or malformed: an administrator's limit is never
 * silently skipped. */
int hs_load_config(struct hs_config *c, char *err, size_t errlen);

void hs_open_sockets(struct hs_sockets *s);

/* Irrevocably drops to the real uid/gid with no capabilities and
 * no_new_privs, then verifies it. Returns 0, or -1 with a message: the caller
 * must then exit without reading a single request. */
int hs_drop_privileges(char *err, size_t errlen);

/* Closes every descriptor except 0, 1, 2 and keep[]. */
void hs_close_other_fds(const int *keep, size_t n);

#endif
