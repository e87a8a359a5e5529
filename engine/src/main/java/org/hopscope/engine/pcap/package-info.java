/**
 * Pcap export: {@link org.hopscope.engine.pcap.PcapWriter} writes raw IP packets to files Wireshark opens.
 * The only place in the engine that loads libpcap (through pcap4j and JNA).
 */
package org.hopscope.engine.pcap;
