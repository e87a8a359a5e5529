/* Compiled-in limits of the helper. They are part of the security policy
 * (SECURITY.md) and of the protocol (PROTOCOL.md): change them together. */
#ifndef HS_LIMITS_H
#define HS_LIMITS_H

#define HS_PROTOCOL_VERSION 2 /* 2 adds `watch` (PROTOCOL.md 3.6) */

/* Longest request line, '\n' included. A 1500-byte packet is 3000 hex digits;
 * the rest leaves room for the token and the other arguments. */
#define HS_MAX_LINE 4096
#define HS_MAX_TOKEN 32

/* Packet size bounds. 28 = IPv4 header + 8-byte UDP/ICMP header (the smallest
 * useful probe); 1500 = the common Ethernet MTU, so the helper never needs
 * fragmentation and a probe can never be a large-payload carrier. */
#define HS_MIN_PACKET 28
#define HS_MIN_PACKET6 48
#define HS_MAX_PACKET 1500

/* Rate: token bucket. The hard ceiling cannot be raised by anyone but a
 * rebuild; the root-owned config file may only lower it. */
#define HS_RATE_CEILING 20000u
#define HS_RATE_DEFAULT 1000u

/* In-flight probes tracked for reply matching; bounds memory and CPU per
 * received packet. */
#define HS_MAX_IN_FLIGHT 4096u

#define HS_MAX_TIMEOUT_MS 60000u

/* Output queue: above the high-water mark stdin is no longer read (back
 * pressure on requests); asynchronous lines beyond the hard cap are dropped. */
#define HS_OUTQ_HIGH (256u * 1024u)
#define HS_OUTQ_CAP (1024u * 1024u)

/* Where an administrator may lower the limits. Compiled in, never taken
 * from argv or the environment: the helper may run setuid. */
#ifndef HS_CONFIG_PATH
#define HS_CONFIG_PATH "/etc/hopscope/helper.conf"
#endif

#endif
