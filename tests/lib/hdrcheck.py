#!/usr/bin/python3
"""hdrcheck.py ORIGINAL COPY [PREFIX] - exit 0 if the header section of
COPY (a members' copy) is pure ASCII, and each field of ORIGINAL that
holds raw 8-bit bytes (RFC 6532) reads the same in COPY once RFC 2047
words are decoded: the same text, or for address fields the same names
and addresses.  Raw bytes that are not UTF-8 are read as ISO-8859-1, as
moot reads them.  PREFIX (e.g. "[info] ") is expected before the
original Subject.  Written apart from moot's C, with Python's email
package, so that the two readings check each other."""
import codecs
import email.header
import email.utils
import re
import sys

codecs.register_error('latin1', lambda e: (
    e.object[e.start:e.end].decode('latin-1'), e.end))

ADDRESS_FIELDS = {'from', 'sender', 'reply-to', 'to', 'cc',
                  'resent-from', 'resent-sender', 'resent-to', 'resent-cc'}


def fields(data):
    """(name, unfolded raw value bytes) of the header section"""
    data = data.replace(b'\r\n', b'\n')
    if data.startswith(b'From '):
        data = data.split(b'\n', 1)[1]
    head = data.split(b'\n\n', 1)[0]
    out = []
    for line in head.split(b'\n'):
        if line[:1] in (b' ', b'\t') and out:
            out[-1][1] += b' ' + line.strip()
        elif b':' in line:
            name, value = line.split(b':', 1)
            out.append([name.strip().decode('ascii').lower(),
                        value.strip()])
    return head, out


WORD = re.compile(r'=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=')


def text(raw):
    """the value as a reader sees it: raw text, encoded words decoded
    (white space between two words dropped, RFC 2047 section 6.2)"""
    s = raw.decode('utf-8', errors='latin1')
    out, last, prev_word = [], 0, False
    for m in WORD.finditer(s):
        between = s[last:m.start()]
        if not (prev_word and between.strip() == ''):
            out.append(between)
        (data, charset), = email.header.decode_header(m.group(0))
        out.append(data.decode(charset or 'ascii'))
        last, prev_word = m.end(), True
    out.append(s[last:])
    return re.sub(r'\s+', ' ', ''.join(out)).strip()


def addresses(raw):
    s = raw.decode('utf-8', errors='latin1')
    pairs = email.utils.getaddresses([s])
    return [(text(n.encode('utf-8')), a.lower()) for n, a in pairs]


def main():
    orig = open(sys.argv[1], 'rb').read()
    copy = open(sys.argv[2], 'rb').read()
    prefix = sys.argv[3] if len(sys.argv) > 3 else ''
    bad = 0
    chead, cfields = fields(copy)
    if any(b >= 0x80 for b in chead):
        print('the copy header is not pure ASCII')
        bad += 1
    _, ofields = fields(orig)
    seen = {}
    for name, raw in ofields:
        if all(b < 0x80 for b in raw):
            continue
        nth = seen.get(name, 0)
        seen[name] = nth + 1
        got = [v for n, v in cfields if n == name]
        if len(got) <= nth:
            print(f'{name}: not in the copy')
            bad += 1
            continue
        if name in ADDRESS_FIELDS:
            want, have = addresses(raw), addresses(got[nth])
        else:
            want = text(raw)
            if name == 'subject':
                want = prefix + want
            have = text(got[nth])
        if want != have:
            print(f'{name}: want {want!r}, got {have!r}')
            bad += 1
        else:
            print(f'{name}: {have!r}')
    return 1 if bad else 0


sys.exit(main())
