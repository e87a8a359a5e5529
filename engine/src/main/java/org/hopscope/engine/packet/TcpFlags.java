package org.hopscope.engine.packet;

/** Bits of the TCP flags octet (RFC 9293 §3.1, RFC 3168 §6.1 for ECE/CWR). */
public final class TcpFlags {
    private TcpFlags() {
    }

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;
}
