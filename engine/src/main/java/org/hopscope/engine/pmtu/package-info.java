/**
 * Path MTU discovery along a path, hop by hop, as tracepath(8) does and NetBeez shows: probes sent
 * with DF set (IPv6 routers never fragment), their size stepped down by the next-hop MTU of ICMP
 * fragmentation-needed (type 3 code 4) and ICMPv6 packet-too-big messages, and found by binary search
 * where a router gives no MTU or drops big packets silently. The result names, per hop, the MTU of the
 * path through the link after it, and the RFC 5837 MTU a router reported, if any.
 */
package org.hopscope.engine.pmtu;
