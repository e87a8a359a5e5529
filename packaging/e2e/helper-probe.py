#!/usr/bin/python3
"""Drives an installed hopscope-helper directly over its protocol (native-helper/PROTOCOL.md),
independently of the Java engine: `hello`, then one UDP probe per TTL towards DEST.

    helper-probe.py HELPER SOURCE DEST MAX_TTL

Prints the hello reply, then one line per TTL: `ttl N from ADDR icmp TYPE/CODE` or
`ttl N none`. Exit status 0 when the helper says `privileged yes` and every TTL was answered,
1 otherwise, 2 on a protocol error. Every wait is bounded.
"""
import select
import socket
import struct
import subprocess
import sys
import time


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def udp_probe(src: str, dst: str, ttl: int) -> bytes:
    payload = b"hopscope-e2e-probe-ttl-%02d......" % ttl
    udp = struct.pack("!HHHH", 33456, 33457 + ttl, 8 + len(payload), 0) + payload
    total = 20 + len(udp)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, 0x4E00 + ttl, 0, ttl, 17, 0,
                      socket.inet_aton(src), socket.inet_aton(dst))
    hdr = hdr[:10] + struct.pack("!H", checksum(hdr)) + hdr[12:]
    return hdr + udp


def main() -> int:
    helper, src, dst, max_ttl = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    p = subprocess.Popen([helper], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=sys.stderr,
                         bufsize=0)
    buf = b""
    deadline = time.monotonic() + 20

    def lines():
        nonlocal buf
        while time.monotonic() < deadline:
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                yield line.decode("ascii", "replace").strip()
            r, _, _ = select.select([p.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if not r:
                return
            chunk = p.stdout.read1(65536) if hasattr(p.stdout, "read1") else p.stdout.read(65536)
            if not chunk:
                return
            buf += chunk

    out = lines()
    p.stdin.write(b"h hello 1\n")
    hello = next(out, "")
    print("hello:", hello)
    if not hello.startswith("h hello "):
        return 2
    privileged = " privileged yes" in hello
    for ttl in range(1, max_ttl + 1):
        p.stdin.write(b"t%d send timeout-ms 3000 packet %s\n" % (ttl, udp_probe(src, dst, ttl).hex().encode()))
    answers = {}
    open_tokens = {"t%d" % t for t in range(1, max_ttl + 1)}
    for line in out:
        f = line.split()
        if len(f) < 2 or f[0] not in open_tokens:
            continue
        if f[1] == "error":
            print("error:", line)
            open_tokens.discard(f[0])
        elif f[1] == "expired":
            open_tokens.discard(f[0])
        elif f[1] == "reply" and "packet" in f:
            pkt = bytes.fromhex(f[f.index("packet") + 1])
            ihl = (pkt[0] & 0x0F) * 4
            answers.setdefault(int(f[0][1:]), (socket.inet_ntoa(pkt[12:16]), pkt[ihl], pkt[ihl + 1]))
            open_tokens.discard(f[0])  # first answer is enough here
            p.stdin.write(b"c%s cancel %s\n" % (f[0].encode(), f[0].encode()))
        if not open_tokens:
            break
    p.stdin.close()
    try:
        p.wait(timeout=5)
    except subprocess.TimeoutExpired:
        p.kill()
    for ttl in range(1, max_ttl + 1):
        a = answers.get(ttl)
        print("ttl %d %s" % (ttl, "from %s icmp %d/%d" % a if a else "none"))
    return 0 if privileged and len(answers) == max_ttl else 1


if __name__ == "__main__":
    sys.exit(main())
