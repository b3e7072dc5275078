#!/usr/bin/python3
"""mimecheck.py FILE... - exit 0 if each file is a message that Python's
email package parses with no defect on any part, and every leaf decodes.
A second, independent MIME parser for moot's integration tests."""
import email
import email.policy
import sys

bad = 0
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        data = f.read()
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        defects = list(msg.defects)
        for part in msg.walk():
            defects += part.defects
            if not part.is_multipart():
                part.get_payload(decode=True)
            for name, value in part.items():
                str(value)
                defects += getattr(value, 'defects', [])
    except Exception as e:  # noqa: BLE001 - any failure is a finding
        print(f"{path}: {e}")
        bad += 1
        continue
    if defects:
        print(f"{path}: {defects}")
        bad += 1
sys.exit(1 if bad else 0)
