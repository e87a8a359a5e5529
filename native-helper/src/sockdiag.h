/* Who owns a TCP 4-tuple: a NETLINK_SOCK_DIAG exact lookup. The helper uses
 * it so that no local user can send TCP probes (SYN, ACK, PSH+ACK) on another
 * user's connection or from another user's listening port (SECURITY.md). */
#ifndef HS_SOCKDIAG_H
#define HS_SOCKDIAG_H

#include <stdint.h>

int hs_sockdiag_open(void); /* needs no privilege; -1 with errno on failure */

/* family 4 or 6; addresses in network order; ports in host order; src/sport
 * local, dst/dport remote. Returns 1 and *uid when a socket (established, or
 * listening on src:sport) exists, 0 when none (or only TIME_WAIT, which no
 * process owns), -1 on error. */
int hs_tcp_owner(int fd, int family, const uint8_t *src, uint16_t sport, const uint8_t *dst,
                 uint16_t dport, uint32_t *uid);

#endif
