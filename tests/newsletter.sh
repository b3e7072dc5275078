#!/bin/bash
# newsletter.sh - the weekly update (issue 13, item 2): a newsletter list
# (--newsletter "Mon 10:00", Europe/London) collects its approved posts;
# members get the update alone by default, each post as well after "set
# mail" (by mail or member set --mail), nothing when nomail.  On the
# Mondays either side of the March and October clock changes: nothing
# at 09:59 local, once at 10:00, not again at 10:01 or after a restart;
# a crash mid-send and a missed Monday each give one update.  The update
# read by a strict MIME parser, its calendar (the next four weeks'
# meetings of every group, METHOD:PUBLISH) by libical alone and by
# python3-icalendar; the member's language; the notes circulated since
# the last update, once.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

ICALREAD=$MOOT_BUILDDIR/tests/unit/icalread
if ! "$PYTHON3" -c 'import icalendar' 2>/dev/null; then
	echo "1..0 # SKIP python3-icalendar is not installed (tools/deps.sh)"
	exit 0
fi

# updates_to ADDR: how many weekly updates the sink took for ADDR
# (by its subject, in the three languages its members here speak)
updates_to() {
	grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env 2>/dev/null |
	    sed 's/env$/eml/' | xargs -r "$PYTHON3" -c '
import email, email.policy, sys
n = 0
for f in sys.argv[1:]:
    s = email.message_from_bytes(open(f, "rb").read(), policy=email.policy.default)["Subject"] or ""
    n += any(w in s for w in ("the weekly update", "la lettre hebdomadaire", "النشرة الأسبوعية"))
print(n)' | grep . || echo 0
}
# shape FILE: the update's subject, its parts' types, then its text
shape() {
	"$PYTHON3" - "$1" <<'EOF'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
print('Subject:', m['Subject'])
print('Type:', m.get_content_type(), ' '.join(p.get_content_type() for p in m.walk() if not p.is_multipart()))
t = next(p for p in m.walk() if p.get_content_type() == 'text/plain')
print(t.get_content())
EOF
}
# vevents FILE: the calendar part's events, "group local-start", by
# python3-icalendar
vevents() {
	"$PYTHON3" - "$1" <<'EOF'
import email, email.policy, sys, icalendar
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
cals = [p for p in m.walk() if p.get_content_type() == 'text/calendar']
print('parts=%d' % len(cals))
cal = icalendar.Calendar.from_ical(cals[0].get_payload(decode=True))
for ev in cal.walk('VEVENT'):
    print(ev.get('SUMMARY'), ev.decoded('DTSTART').strftime('%Y-%m-%d %H:%M'),
          ev.decoded('DTSTART').utcoffset())
EOF
}

sink_start
site_new
export MOOT_NOW=2027-03-17T12:00:00Z		# a Wednesday, GMT
moot list create info --newsletter "Mon 10:00" >/dev/null
like "$(moot list show info)" "newsletter: Mon 10:00" "moot list show: the newsletter's time"
is "$(moot list set info --digest "Fri 18:00" 2>&1 >/dev/null; echo "rc=$?")" \
    "$(printf '%s\n' "moot: list info: a newsletter's weekly update already gathers its posts, so it has no digest (--digest none, or --newsletter none)" rc=1)" \
    "a newsletter list cannot also have a digest"
is "$(list_field info digest)" "-" "  and nothing changed"
is "$(moot list create both --digest "Mon 10:00" --newsletter "Mon 10:00" 2>/dev/null; echo "rc=$?")" \
    rc=1 "  nor can a list be made with both"
moot member add info ana@one.example >/dev/null
moot member add info ben@two.example >/dev/null
moot member set info ben@two.example --mail >/dev/null
moot member add info cai@three.example --nomail >/dev/null
moot member add info dan@four.example --lang fr >/dev/null
moot member add info eve@five.example >/dev/null
moot member add info fay@six.example --lang ar >/dev/null
is "$(member_field info ana@one.example 3)" update "a newsletter member's default: the update alone"
is "$(member_field info ben@two.example 3)" mail "member set --mail: each post as well"

send info-request@lists.example.org eve@five.example "set mail" ""
run
send "$(reply_addr eve@five.example confirm)" eve@five.example "Re: confirm" "yes"
run
is "$(member_field info eve@five.example 3)" mail "set mail by mail: each post as well"
send info-request@lists.example.org cai@three.example "info" ""
run
like "$(newest_to cai@three.example)" "sent as a weekly update: Mon 10:00" \
    "info by mail says the list is a newsletter"

# Meetings: two in the next four weeks (one after the March change),
# one further off, one cancelled.
moot meeting add ops "2027-03-24 10:00" --location "Town Hall" >/dev/null
B=$(moot meeting add board "2027-03-30 14:00" | head -1)
moot meeting seats "$B" s1@board.example s2@board.example >/dev/null
moot meeting add strategy "2027-06-02 10:00" >/dev/null
C=$(moot meeting add ops "2027-03-25 10:00" | head -1)
moot meeting cancel "$C" >/dev/null

send info@lists.example.org cai@three.example "First" "The first post of the week."
MOOT_NOW=2027-03-18T09:00:00Z send info@lists.example.org ana@one.example "Second" "The second post."
MOOT_NOW=2027-03-18T09:01:00Z run
is "$(posts_to ana@one.example)" 0 "an update-only member does not get each post"
is "$(posts_to ben@two.example)$(posts_to eve@five.example)" 22 \
    "members who asked for mail get each post"
is "$(posts_to cai@three.example)$(posts_to dan@four.example)" 00 \
    "nomail and the other update members get none"

MOOT_NOW=2027-03-22T09:59:00Z run
is "$(updates_to ana@one.example)" 0 "nothing at 09:59 on Monday (GMT)"
MOOT_NOW=2027-03-22T10:00:00Z run
is "$(updates_to ana@one.example)" 1 "the update at 10:00"
is "$(updates_to ben@two.example)$(updates_to eve@five.example)" 11 \
    "  to members who get each post too"
is "$(updates_to cai@three.example)" 0 "  and not to nomail"
a=$(newest_file_to ana@one.example)
ok "  read by a strict MIME parser without a defect" \
    "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$a"
s=$(shape "$a")
like "$s" "Subject: info: the weekly update, 2 posts" "  its subject counts the posts"
like "$s" "Type: multipart/mixed text/plain text/calendar" \
    "  multipart/mixed: the text, then one calendar"
like "$s" "The first post of the week." "  the posts' text"
like "$s" "2. Second" "  in order, with their subjects"
like "$s" "  ops: 2027-03-24 10:00, Town Hall" "  the meetings in local time, with where"
like "$s" "  board: 2027-03-30 14:00" "  of every group, after the clock change too"
unlike "$s" "strategy: 2027-06-02" "  but not those more than four weeks off"
unlike "$s" "2027-03-25" "  nor a cancelled one"
unlike "$s" "Notes circulated" "  and no notes section while there are none (the hook)"
like "$(cat "$a")" "Content-Type: text/calendar; method=PUBLISH" "  text/calendar; method=PUBLISH"
v=$(vevents "$a")
is "$v" "parts=1
ops 2027-03-24 10:00 0:00:00
board 2027-03-30 14:00 1:00:00" "  python3-icalendar: one calendar, both meetings, GMT then BST"
c=$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/icalcheck.py" "$a" --raw)
l=$(printf '%s' "$c" | "$ICALREAD")
like "$l" "METHOD=PUBLISH" "  libical reads it: METHOD:PUBLISH"
like "$l" "DTSTART=2027-03-24 10:00" "  with the local start"
like "$l" "TZID=Europe/London" "  in the site's zone"
like "$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/icalcheck.py" "$a")" "CTMETHOD=PUBLISH" \
    "  python3-icalendar reads the same method"
d=$(shape "$(newest_file_to dan@four.example)")
like "$d" "Subject: info : la lettre hebdomadaire, 2 messages" "dan's update is in French"
like "$d" "Réunions des quatre prochaines semaines" "  its sections too"
f=$(newest_file_to fay@six.example)
like "$(shape "$f")" "النشرة الأسبوعية لـ info: رسالتان" "fay's is in Arabic, counted in its dual"
is "$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/rtl-layout.py" --mail "$f")" "" \
    "  and each of its Arabic lines reads right to left"

MOOT_NOW=2027-03-22T10:01:00Z run
MOOT_NOW=2027-03-22T15:00:00Z run
is "$(updates_to ana@one.example)" 1 "not again at 10:01, nor after a restart"

# Notes: the Operations Group's notes of its 24 March meeting, approved
# by its organiser, go into the next update of the list its --notes-to
# names (item 6), under their group and meeting.
MOOT_NOW=2027-03-24T13:00:00Z moot list create ops --notes-to info >/dev/null
MOOT_NOW=2027-03-24T13:00:00Z moot member add ops org@seven.example --role organiser >/dev/null
MOOT_NOW=2027-03-24T13:00:00Z send ops-notes@lists.example.org org@seven.example \
    "Notes of 24 March" "Present: five organisations. Agreed: a spring fair."
MOOT_NOW=2027-03-24T13:01:00Z run
nid=$(moot held ops | awk 'NR == 1 { print $1 }')
ok "the notes are held for the organisers" test -n "$nid"
MOOT_NOW=2027-03-24T14:00:00Z moot approve "$nid" >/dev/null
MOOT_NOW=2027-03-24T14:01:00Z run

# The Monday after the March change: 10:00 BST is 09:00 UTC.  No posts:
# the update still goes, and says so.
MOOT_NOW=2027-03-29T08:59:00Z run
is "$(updates_to ana@one.example)" 1 "nothing at 09:59 local (BST)"
MOOT_NOW=2027-03-29T09:00:00Z run
is "$(updates_to ana@one.example)" 2 "the update at 10:00 BST"
s=$(shape "$(newest_file_to ana@one.example)")
like "$s" "There were no new messages since the last update." \
    "  with no posts it still goes, saying so"
like "$s" "  board: 2027-03-30 14:00" "  with the meeting still to come"
like "$s" "^    The partnership's seats at the board: s1@board.example, s2@board.example" \
    "  naming who takes the board's seats"
like "$s" "Notes circulated since the last update:" "  and the notes approved since the last"
like "$s" "^ops, 2027-03-24 10:00" "  under their group and meeting"
like "$s" "^  Present: five organisations. Agreed: a spring fair." "  in full"
MOOT_NOW=2027-03-29T09:01:00Z run
is "$(updates_to ana@one.example)" 2 "  not again at 10:01"

# A crash between two members' updates: each gets one, once.
MOOT_NOW=2027-04-01T09:00:00Z send info@lists.example.org cai@three.example "Third" "3"
MOOT_NOW=2027-04-01T09:00:00Z run
MOOT_KILL_AT=news-queued:1 MOOT_NOW=2027-04-05T09:00:00Z run
is "$(db "SELECT count(*) FROM member WHERE news_slot = $(date -u -d 2027-04-05T09:00:00Z +%s)")" \
    1 "the crash came after one member's update was queued and recorded"
MOOT_NOW=2027-04-05T09:00:00Z run
MOOT_NOW=2027-04-05T09:05:00Z run
is "$(updates_to ana@one.example)$(updates_to ben@two.example)$(updates_to dan@four.example)$(updates_to eve@five.example)$(updates_to fay@six.example)$(updates_to cai@three.example)" \
    333330 "a crash mid-send: every member gets the update once"
like "$(shape "$(newest_file_to ana@one.example)")" "1. Third" \
    "  with only what came since the last"
unlike "$(shape "$(newest_file_to ana@one.example)")" "spring fair" \
    "  and the notes went in one update only"

# Missed: mootd down over two Mondays sends one update when it is back.
MOOT_NOW=2027-04-21T12:00:00Z run		# a Wednesday, two Mondays on
is "$(updates_to ana@one.example)" 4 "missed while down: sent once when back"
MOOT_NOW=2027-04-22T12:00:00Z run
is "$(updates_to ana@one.example)" 4 "  and not again"

# October: 10:00 BST on the 25th, 10:00 GMT on 1 November.  No
# meetings: the text alone.
MOOT_NOW=2027-10-20T12:00:00Z run		# the missed ones: one
n=$(updates_to ana@one.example)
is "$n" 5 "the missed summer: one update"
MOOT_NOW=2027-10-20T12:00:00Z send info@lists.example.org cai@three.example "Autumn" "x"
MOOT_NOW=2027-10-20T12:01:00Z run
MOOT_NOW=2027-10-25T08:59:00Z run
is "$(updates_to ana@one.example)" 5 "nothing at 09:59 BST (October)"
MOOT_NOW=2027-10-25T09:00:00Z run
is "$(updates_to ana@one.example)" 6 "the update at 10:00 BST"
a=$(newest_file_to ana@one.example)
s=$(shape "$a")
like "$s" "Type: text/plain text/plain" "  no meetings: no calendar, the text alone"
like "$s" "No meetings in the next four weeks." "  saying so"
ok "  and valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$a"
MOOT_NOW=2027-10-25T09:01:00Z run
MOOT_NOW=2027-11-01T09:59:00Z run
is "$(updates_to ana@one.example)" 6 "nothing at 09:59 GMT (after the change)"
MOOT_NOW=2027-11-01T10:00:00Z run
is "$(updates_to ana@one.example)" 7 "the update at 10:00 GMT"
MOOT_NOW=2027-11-01T10:01:00Z run
is "$(updates_to ana@one.example)" 7 "  not again at 10:01"
is "$(updates_to cai@three.example)" 0 "nomail never gets one"

# set update by mail: back to the update alone.
MOOT_NOW=2027-11-01T11:00:00Z send info-request@lists.example.org eve@five.example "set update" ""
MOOT_NOW=2027-11-01T11:00:00Z run
MOOT_NOW=2027-11-01T11:01:00Z send "$(reply_addr eve@five.example confirm)" eve@five.example "Re: confirm" "yes"
MOOT_NOW=2027-11-01T11:01:00Z run
is "$(member_field info eve@five.example 3)" update "set update by mail: the update alone"
like "$(newest_to eve@five.example)" "the weekly update alone" "  and eve is told so"
MOOT_NOW=2027-11-01T12:00:00Z send info@lists.example.org cai@three.example "Quiet" "x"
MOOT_NOW=2027-11-01T12:00:00Z run
is "$(posts_to eve@five.example)" 4 "  she gets no more posts one by one"
MOOT_NOW=2027-11-08T10:00:00Z run
like "$(shape "$(newest_file_to eve@five.example)")" "1. Quiet" "  but has them in the update"

# --newsletter none: each post again.
moot list set info --newsletter none >/dev/null
is "$(list_field info newsletter)" "-" "--newsletter none takes it away"
is "$(member_field info ana@one.example 3)" mail "  and the update member is a mail member again"
MOOT_NOW=2027-11-02T12:00:00Z send info@lists.example.org cai@three.example "Each" "x"
MOOT_NOW=2027-11-02T12:00:00Z run
is "$(posts_to ana@one.example)" 1 "  who gets each post"

# Retention keeps a post an update still needs, and only that long.
sink_stop
rm -rf "$T/site"
sink_start
site_new "$(printf '%s\n' 'dedupe_window = 2d' '[retention]' 'posts = 1d')"
export MOOT_NOW=2027-03-17T08:00:00Z
moot list create w --newsletter "Mon 10:00" >/dev/null
moot list create each >/dev/null
moot member add w ana@one.example >/dev/null
moot member add each cai@three.example >/dev/null
MOOT_NOW=2027-03-17T11:00:00Z send each@lists.example.org cai@three.example "Gone" "x"
gone=$(last_id)
MOOT_NOW=2027-03-17T11:00:00Z send w@lists.example.org cai@three.example "Kept" "x"
kept=$(last_id)
MOOT_NOW=2027-03-17T11:00:00Z send each@lists.example.org cai@three.example "Newest" "x"
MOOT_NOW=2027-03-17T11:01:00Z run
MOOT_NOW=2027-03-21T12:00:00Z moot spool purge >/dev/null
is "$(spool_state "$gone" 2>/dev/null)" "" "retention: a sent post past its time goes"
is "$(spool_state "$kept")" sent "  but not one an update has not had"
MOOT_NOW=2027-03-22T10:00:00Z run
like "$(shape "$(newest_file_to ana@one.example)")" "1. Kept" "  which is in the next update"
MOOT_NOW=2027-03-25T12:00:00Z moot spool purge >/dev/null
is "$(spool_state "$kept" 2>/dev/null)" "" "  and goes once it has been sent"

# What was decided since the last update: the list's own decisions and
# those of a group whose --notes-to names it, not another group's.
moot list create ops --notes-to w >/dev/null
moot list create strat >/dev/null
moot member add ops bob@two.example >/dev/null
moot member add strat dan@four.example >/dev/null
printf 'As it says.\n' >"$T/p.txt"
for l in "w:Keep the Monday time" "ops:Book the hall" "strat:A plan of its own"; do
	MOOT_NOW=2027-03-23T09:00:00Z moot decide propose "${l%%:*}" \
	    --title "${l#*:}" --text "$T/p.txt" --closes "2027-03-25 12:00" >/dev/null
done
MOOT_NOW=2027-03-23T09:01:00Z run
MOOT_NOW=2027-03-25T13:00:00Z run		# they close, agreed
MOOT_NOW=2027-03-29T10:00:00Z run
u=$(shape "$(newest_file_to ana@one.example)")
like "$u" "What was decided since the last update:" "the update says what was decided"
like "$u" "w: Keep the Monday time" "  the list's own decision"
like "$u" "ops: Book the hall" "  a group's whose --notes-to names it"
like "$u" "Agreed by consensus: nobody objected" "  and how each ended"
unlike "$u" "A plan of its own" "  not another group's"

done_testing
