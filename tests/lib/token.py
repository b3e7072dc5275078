#!/usr/bin/python3
"""token.py - mint a moot token, independently of src/global/token.c, for tests.

usage: token.py SECRET_FILE DB PURPOSE LIST_ID OBJECT_ID ADDR TTL_SECONDS NOW

Writes the token row into the database (as db_token.c would: the
token's SHA-256, not the token) and prints the token.  The format is token.c's: HMAC-SHA256 under the hex key in
SECRET_FILE over length-prefixed fields (purpose, list id, object id,
address, nonce, expiry), the first 128 bits in lower-case base32 (RFC
4648, no padding), 26 characters.  A test that mints a token here and
sees moot accept or refuse it checks token.c against this description.
"""
import base64
import hashlib
import hmac
import os
import sqlite3
import struct
import sys


def field(b):
    return struct.pack(">I", len(b)) + b


def mint(key, purpose, list_id, object_id, addr, nonce, expires):
    data = b"".join(field(x) for x in (
        purpose.encode(), str(list_id).encode(), str(object_id).encode(),
        addr.encode(), nonce, str(expires).encode()))
    mac = hmac.new(key, data, hashlib.sha256).digest()[:16]
    return base64.b32encode(mac).decode().lower().rstrip("=")[:26]


def main():
    secret, db, purpose, list_id, object_id, addr, ttl, now = sys.argv[1:9]
    key = bytes.fromhex(open(secret).read().strip())
    nonce = os.urandom(16)
    expires = int(now) + int(ttl)
    tok = mint(key, purpose, int(list_id), int(object_id), addr, nonce,
               expires)
    con = sqlite3.connect(db)
    # The database keeps the token's SHA-256 (hex), never the token.
    con.execute("INSERT INTO token (hash, purpose, list_id, object_id, addr,"
                " nonce, expires_at, created_at) VALUES (?,?,?,?,?,?,?,?)",
                (hashlib.sha256(tok.encode()).hexdigest(), purpose, int(list_id), int(object_id), addr, nonce,
                 expires, int(now)))
    con.commit()
    print(tok)


if __name__ == "__main__":
    main()
