/**
 * Probing without any privilege: Linux UDP sockets and ICMP "ping" sockets with IP_RECVERR, called
 * through JNA. {@code DatagramTransport} reproduces what a datagram socket lets it control of each
 * crafted probe and refuses the rest per probe; {@code ReplySynthesizer} rebuilds complete IP packets
 * from error-queue messages so the engine decodes replies the same way for every transport. What is
 * lost is listed in the transport's {@code TransportInfo.limitations()} (docs/transports.md).
 */
package org.hopscope.engine.transport.datagram;
