#!/usr/bin/python3
"""icalcheck.py MESSAGE [--raw] - the text/calendar part of a message, read
by python3-icalendar (a second iCalendar parser, beside libical's in
tests/unit/icalread.c).  With --raw, print the part as it is; else print
the fields icalread prints, NAME=value, one a line.  Exits 1 if the
message has no text/calendar part or the part does not parse."""
import email
import email.policy
import sys
from datetime import timezone

import icalendar

with open(sys.argv[1], 'rb') as f:
    msg = email.message_from_bytes(f.read(), policy=email.policy.default)
part = next((p for p in msg.walk()
             if p.get_content_type() == 'text/calendar'), None)
if part is None:
    sys.exit("no text/calendar part")
data = part.get_payload(decode=True)
if '--raw' in sys.argv:
    sys.stdout.write(data.decode('utf-8'))
    sys.exit(0)
print("CTMETHOD=%s" % part.get_param('method'))
cal = icalendar.Calendar.from_ical(data)
ev = next(c for c in cal.walk('VEVENT'))
print("METHOD=%s" % cal.get('METHOD'))
print("UID=%s" % ev.get('UID'))
print("SEQUENCE=%s" % ev.get('SEQUENCE'))
print("STATUS=%s" % ev.get('STATUS'))
start = ev.decoded('DTSTART')
print("TZID=%s" % ev['DTSTART'].params.get('TZID'))
print("DTSTART=%s" % start.strftime('%Y-%m-%d %H:%M'))
print("DTSTART_UTC=%s" % start.astimezone(timezone.utc).strftime(
    '%Y-%m-%d %H:%M'))
for tz in cal.walk('VTIMEZONE'):
    print("VTIMEZONE=%s" % tz.get('TZID'))
print("ORGANIZER=%s" % ev.get('ORGANIZER'))
att = ev.get('ATTENDEE')
# A published calendar (the weekly update's, METHOD:PUBLISH) has none.
for a in (att if isinstance(att, list) else [att] if att else []):
    print("ATTENDEE=%s RSVP=%s" % (a, a.params.get('RSVP')))
