#!/usr/bin/python3
"""dns_nxdomain.py PORT_FILE - a DNS server on 127.0.0.1 that answers
every query "no such name" (NXDOMAIN), for the tests that do not look
at DMARC: their posts' From: domains (example.org and the like, some of
which publish p=reject on the Internet) then have no policy, no From:
is rewritten, and no lookup leaves the host.  tests/dmarc.sh brings a
real server (unbound) with a zone of its own instead.

It reads only a query's header and first question, and writes them back
with QR, RA and RCODE 3 set and no records: the smallest answer a
resolver takes.  Once listening on a free UDP port it writes the port
to PORT_FILE (temp file + rename)."""
import os
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
tmp = sys.argv[1] + ".tmp"
with open(tmp, "w") as f:
    f.write("%d\n" % s.getsockname()[1])
os.rename(tmp, sys.argv[1])
while True:
    q, peer = s.recvfrom(4096)
    if len(q) < 12 or q[2] & 0x80:
        continue
    # the first question: labels up to the root, then type and class
    i = 12
    while i < len(q) and q[i] != 0:
        i += 1 + q[i]
    i += 5
    if i > len(q):
        continue
    flags = bytes([0x80 | (q[2] & 0x79), 0x83])   # QR, opcode, RD; RA, NXDOMAIN
    s.sendto(q[0:2] + flags + b"\x00\x01" + b"\x00" * 6 + q[12:i], peer)
