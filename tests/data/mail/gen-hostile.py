#!/usr/bin/python3
"""Generate the big hostile messages on demand (too large to commit).

Usage: gen-hostile.py DIR [NAME...]

Writes into DIR (created if missing):

  nested-10000.eml   10,000 nested multipart/mixed containers (~0.7 MB)
  parts-100000.eml   one multipart/mixed holding 100,000 sibling parts (~8.6 MB)
  base64-50mb.eml    one text/plain part of ~50 MiB of base64 (76-column lines)
  header-1mb.eml     a Subject: header that is a single 1 MiB line

With NAME arguments only those files are written.  Output is deterministic
(byte-identical on every run), LF line endings, standard library only.
Each file is streamed to disk, so memory use stays small.
"""
import base64
import os
import sys

DATE = b'Tue, 28 Nov 2023 10:00:00 +0000'


def headers(subject, msgid):
    return (b'From: Amira Haddad <amira@one.example>\n'
            b'To: info@lists.example.org\n'
            b'Subject: ' + subject + b'\n'
            b'Date: ' + DATE + b'\n'
            b'Message-ID: <' + msgid + b'@one.example>\n'
            b'MIME-Version: 1.0\n')


def nested_10000(f, depth=10000):
    f.write(headers(b'Nested message (10000 levels)', b'nested-10000'))
    for lvl in range(1, depth + 1):
        b = b'n%05d' % lvl
        f.write(b'Content-Type: multipart/mixed; boundary="' + b + b'"\n\n--' + b + b'\n')
    f.write(b'Content-Type: text/plain; charset=us-ascii\n\n'
            b'Innermost part, inside 10000 nested multipart/mixed containers.\n')
    for lvl in range(depth, 0, -1):
        f.write(b'\n--n%05d--\n' % lvl)


def parts_100000(f, count=100000):
    f.write(headers(b'Message with 100000 parts', b'parts-100000'))
    f.write(b'Content-Type: multipart/mixed; boundary="sibling-boundary"\n\n'
            b'This is a multi-part message in MIME format.\n')
    for i in range(1, count + 1):
        f.write(b'--sibling-boundary\n'
                b'Content-Type: text/plain; charset=us-ascii\n\n'
                b'Part %06d of 100000.\n' % i)
    f.write(b'--sibling-boundary--\n')


def base64_50mb(f, target=50 * 1024 * 1024):
    # target = size of the base64 text, LFs included: 77 bytes per full line.
    f.write(headers(b'Drop-in session log (50 MB)', b'base64-50mb'))
    f.write(b'Content-Type: text/plain; charset=us-ascii\n'
            b'Content-Transfer-Encoding: base64\n\n')
    raw_total = (target // 77) * 57
    chunk = 57 * 4096                  # a multiple of 57: lines stay 76 wide
    buf = bytearray()
    line = 0
    written = 0
    while written < raw_total:
        while len(buf) < chunk:
            line += 1
            buf += (b'%08d drop-in session log: visitor seen, advice given, '
                    b'follow-up booked\n' % line)
        n = min(chunk, raw_total - written)
        f.write(base64.encodebytes(bytes(buf[:n])))
        del buf[:n]
        written += n


def header_1mb(f, size=1024 * 1024):
    # One unfolded header line of exactly `size` bytes (LF not counted),
    # made of words so that a folding routine has places it could fold.
    prefix = b'Subject: '
    words = b'drop-in session English class housing advice legal clinic '
    n = size - len(prefix)
    value = (words * (n // len(words) + 1))[:n]
    assert len(prefix + value) == size
    f.write(b'From: Amira Haddad <amira@one.example>\n'
            b'To: info@lists.example.org\n'
            + prefix + value + b'\n'
            b'Date: ' + DATE + b'\n'
            b'Message-ID: <header-1mb@one.example>\n'
            b'MIME-Version: 1.0\n'
            b'Content-Type: text/plain; charset=us-ascii\n\n'
            b'The Subject header of this message is a single 1 MiB line.\n')


GENERATORS = {
    'nested-10000.eml': nested_10000,
    'parts-100000.eml': parts_100000,
    'base64-50mb.eml': base64_50mb,
    'header-1mb.eml': header_1mb,
}


def main(argv):
    if len(argv) < 2 or argv[1] in ('-h', '--help'):
        sys.stderr.write(__doc__)
        return 2
    out = argv[1]
    names = argv[2:] or list(GENERATORS)
    unknown = [n for n in names if n not in GENERATORS]
    if unknown:
        sys.stderr.write('unknown fixture(s): %s\n' % ' '.join(unknown))
        return 2
    os.makedirs(out, exist_ok=True)
    for name in names:
        path = os.path.join(out, name)
        with open(path, 'wb', buffering=1 << 20) as f:
            GENERATORS[name](f)
        print('%-18s %10d bytes' % (name, os.path.getsize(path)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
