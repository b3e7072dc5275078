#!/usr/bin/python3
"""Regenerate the small hostile fixtures in tests/data/mail/hostile/.

Usage: gen-small-hostile.py [DIR]    (default: hostile/ next to this script)

Every file is built from byte strings so that odd bytes (NUL, ESC, BEL,
raw 8-bit header bytes, missing final newlines) are exact.  Output is
deterministic: running the script again gives byte-identical files.
Lines end in LF.  Standard library only.
"""
import base64
import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def prng(seed, n):
    """n deterministic pseudo-random bytes (SHA-256 in counter mode)."""
    out = bytearray()
    i = 0
    while len(out) < n:
        out += hashlib.sha256(b'%s:%d' % (seed, i)).digest()
        i += 1
    return bytes(out[:n])


def headers(subject, msgid, date='Tue, 28 Nov 2023 10:00:00 +0000', extra=b''):
    return (b'From: Amira Haddad <amira@one.example>\n'
            b'To: info@lists.example.org\n'
            b'Subject: ' + subject + b'\n'
            b'Date: ' + date.encode() + b'\n'
            b'Message-ID: <' + msgid + b'@one.example>\n' + extra)


FILES = {}


def fixture(fn):
    FILES[fn.__name__.replace('_', '-') + '.eml'] = fn
    return fn


@fixture
def garbage():
    # 3 KiB of pseudo-random bytes: NULs, CRs, high bytes, no structure.
    data = prng(b'moot-garbage', 3072)
    assert b'\x00' in data and any(b > 0x7f for b in data)
    return data


@fixture
def no_headers():
    return (b'\n'
            b'Hello, is this the list for the English classes?\n'
            b'I would like to register my sister for the beginners class on\n'
            b'Monday evening. She can also come to the drop-in on Thursday.\n'
            b'\n'
            b'Thank you\n')


@fixture
def no_separator():
    # Header block runs straight into body text; no empty line, and the
    # "body" lines contain no colon, so they are not header fields either.
    return (headers(b'Drop-in session this Thursday', b'no-sep-1')
            + b'MIME-Version: 1.0\n'
              b'Content-Type: text/plain; charset=us-ascii\n'
              b'Hello everyone\n'
              b'the drop-in session this Thursday starts half an hour late\n'
              b'because the hall is being cleaned after the vaccination clinic\n'
              b'please tell the people waiting outside\n'
              b'Amira\n')


@fixture
def truncated_part():
    # Second part is base64 cut off in the middle of a line (the file ends
    # there, without a newline, without a closing boundary).
    payload = b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n' + prng(b'moot-truncated', 600)
    lines = base64.encodebytes(payload).split(b'\n')
    body = b'\n'.join(lines[:6]) + b'\n' + lines[6][:37]
    return (headers(b'Scanned tenancy agreement', b'truncated-1')
            + b'MIME-Version: 1.0\n'
              b'Content-Type: multipart/mixed; boundary="trunc-7d1e2a"\n'
              b'\n'
              b'--trunc-7d1e2a\n'
              b'Content-Type: text/plain; charset=us-ascii\n'
              b'\n'
              b'Here is the scanned tenancy agreement for the housing advice desk.\n'
              b'\n'
              b'--trunc-7d1e2a\n'
              b'Content-Type: application/pdf; name="tenancy-agreement.pdf"\n'
              b'Content-Disposition: attachment; filename="tenancy-agreement.pdf"\n'
              b'Content-Transfer-Encoding: base64\n'
              b'\n' + body)


@fixture
def missing_boundary():
    return (headers(b'English class registers', b'missing-boundary-1')
            + b'MIME-Version: 1.0\n'
              b'Content-Type: multipart/mixed\n'
              b'\n'
              b'This is a multi-part message in MIME format.\n'
              b'--\n'
              b'--simple-boundary\n'
              b'Content-Type: text/plain; charset=us-ascii\n'
              b'\n'
              b'The registers for the Monday and Wednesday classes are attached.\n'
              b'\n'
              b'--simple-boundary\n'
              b'Content-Type: text/csv; name="registers.csv"\n'
              b'\n'
              b'class,day,learners\n'
              b'beginners,Monday,14\n'
              b'intermediate,Wednesday,9\n'
              b'\n'
              b'--simple-boundary--\n')


@fixture
def endless_boundary():
    # Declared boundary "=_moot_declared_1"; no line in the body is
    # "--=_moot_declared_1" (nor has it as a prefix), so the first part
    # never starts and no closing delimiter is ever seen.
    out = (headers(b'Housing advice case notes', b'endless-1')
           + b'MIME-Version: 1.0\n'
             b'Content-Type: multipart/mixed; boundary="=_moot_declared_1"\n'
             b'\n'
             b'This is a multi-part message in MIME format.\n')
    near = [b'--=_moot_other_1', b'--=_moot_declared_', b'=_moot_declared_1',
            b'--=_moot_decl4red_1', b'-- =_moot_declared', b'--=_moot_other_1--']
    for i in range(24):
        out += (near[i % len(near)] + b'\n'
                b'Content-Type: text/plain; charset=us-ascii\n'
                b'\n'
                b'Case note %d: tenant seen at the Thursday drop-in, referred to\n'
                b'the housing advice desk; follow-up at the legal clinic.\n'
                b'\n' % (i + 1))
    return out


@fixture
def eightbit_headers():
    # Raw (not RFC 2047 encoded) UTF-8 and Latin-1 in Subject and From.
    subject = ('Cours d\u2019anglais \u2013 caf\u00e9'.encode('utf-8') + b' / '
               + 'R\u00e9union \u00e0 18h, Espa\u00f1ol'.encode('latin-1'))
    name = 'Zo\u00eb'.encode('utf-8') + b' ' + 'M\u00fcller'.encode('latin-1')
    return (b'From: ' + name + b' <amira@one.example>\n'
            b'To: info@lists.example.org\n'
            b'Subject: ' + subject + b'\n'
            b'Date: Tue, 28 Nov 2023 10:00:00 +0000\n'
            b'Message-ID: <eightbit-headers-1@one.example>\n'
            b'MIME-Version: 1.0\n'
            b'Content-Type: text/plain; charset=us-ascii\n'
            b'\n'
            b'The French conversation group meets after the English class.\n')


@fixture
def nul_bytes():
    return (headers(b'Drop-in\x00session notes', b'nul-bytes-1')
            + b'MIME-Version: 1.0\n'
              b'Content-Type: text/plain; charset=us-ascii\n'
              b'\n'
              b'Notes from the drop-in\x00 session:\n'
              b'\x00\x00\x00\x00\n'
              b'- 12 people seen, 3 referred to housing advice\x00\n'
              b'- 2 booked into the legal clinic\n')


@fixture
def bad_encoded_word():
    return (headers(b'=?UTF-8?B?%%%?= =?unknown-charset?Q?abc?=\n'
                    b' =?UTF-8?Q?abc', b'bad-ew-1')
            + b'MIME-Version: 1.0\n'
              b'Content-Type: text/plain; charset=us-ascii\n'
              b'\n'
              b'The subject of this message holds three malformed encoded words.\n')


@fixture
def deep_nesting_small():
    depth = 30
    out = headers(b'Deeply nested message (30 levels)', b'deep-30') + b'MIME-Version: 1.0\n'
    for lvl in range(1, depth + 1):
        b = b'nest-%02d' % lvl
        out += b'Content-Type: multipart/mixed; boundary="' + b + b'"\n\n--' + b + b'\n'
    out += (b'Content-Type: text/plain; charset=us-ascii\n'
            b'\n'
            b'Innermost part, inside 30 nested multipart/mixed containers.\n')
    for lvl in range(depth, 0, -1):
        out += b'\n--nest-%02d--\n' % lvl
    return out


INJECTION = b'x\r\nBcc: evil@x'


@fixture
def header_injection():
    word = b'=?utf-8?B?' + base64.b64encode(INJECTION) + b'?='
    assert word == b'=?utf-8?B?eA0KQmNjOiBldmlsQHg=?='
    return (headers(word, b'header-injection-1')
            + b'MIME-Version: 1.0\n'
              b'Content-Type: text/plain; charset=us-ascii\n'
              b'\n'
              b'The decoded Subject contains CR LF followed by a Bcc: field.\n')


@fixture
def control_chars_subject():
    return (headers(b'Drop-in \x1b[2Jsession\x07 moved to Thursday', b'ctrl-1')
            + b'MIME-Version: 1.0\n'
              b'Content-Type: text/plain; charset=us-ascii\n'
              b'\n'
              b'The subject contains ESC [ 2 J (clear screen) and BEL.\n')


@fixture
def approved_header():
    return (b'From: Amira Haddad <amira@one.example>\n'
            b'To: info@lists.example.org\n'
            b'Bcc: x@y.example\n'
            b'Subject: Legal clinic cancelled on 15 December\n'
            b'Approved: secret\n'
            b'X-Approved: secret\n'
            b'Date: Tue, 28 Nov 2023 10:00:00 +0000\n'
            b'Message-ID: <approved-1@one.example>\n'
            b'MIME-Version: 1.0\n'
            b'Content-Type: text/plain; charset=us-ascii\n'
            b'Content-Transfer-Encoding: 7bit\n'
            b'\n'
            b'Approved: secret\n'
            b'\n'
            b'Hi all,\n'
            b'\n'
            b'The legal clinic on Friday 15 December is cancelled because the\n'
            b'solicitors are in court. Everyone booked will be offered a slot on\n'
            b'5 January; the housing advice desk at the Thursday drop-in is not\n'
            b'affected.\n'
            b'\n'
            b'Amira\n')


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'hostile')
    os.makedirs(out, exist_ok=True)
    for name, fn in FILES.items():
        data = fn()
        assert len(data) <= 8192, name
        with open(os.path.join(out, name), 'wb') as f:
            f.write(data)
        print('%-28s %6d bytes' % (name, len(data)))


if __name__ == '__main__':
    main()
