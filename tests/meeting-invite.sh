#!/bin/bash
# meeting-invite.sh - invitations and attendance (issue 13, item 4): the
# reminders at 14d and 2d, each read by two iCalendar parsers (libical
# alone, tests/unit/icalread, and python3-icalendar, tests/lib/
# icalcheck.py) with the UID, SEQUENCE, VTIMEZONE and local time on both
# sides of the March 2018 clock change in Europe/London; nothing sent
# twice after a restart; a missed reminder sent once; a move and a
# cancellation; answers by iTIP REPLY and in words; an automatic reply,
# a forged token and someone else's token recording nothing; attendance.
. "$(dirname "$0")/lib/common.sh"

ICALREAD=$MOOT_BUILDDIR/tests/unit/icalread
ICALCHECK="$PYTHON3 $MOOT_SRCDIR/tests/lib/icalcheck.py"
if ! "$PYTHON3" -c 'import icalendar' 2>/dev/null; then
	echo "1..0 # SKIP python3-icalendar is not installed (tools/deps.sh)"
	exit 0
fi

sink_start
site_new
D=lists.example.org
export MOOT_NOW=2018-03-01T09:00:00Z
# The agenda goes a day before each meeting, after every clock this test
# sets: agendas are tests/agenda.sh's, and these counts are invitations.
moot list create ops --agenda-days 1 >/dev/null
moot member add ops alice@example.org --role organiser >/dev/null
moot member add ops bob@example.org >/dev/null
moot member add ops carol@example.org --lang fr >/dev/null
# A (GMT) and B (BST: the clocks go forward on 25 March) at 10:00 local.
A=$(moot meeting add ops "2018-03-21 10:00" | head -1)
B=$(moot meeting add ops "2018-03-28 10:00" | head -1)
moot meeting add board "2018-03-20 10:00" >/dev/null
is "$(moot meeting ls ops | awk '{ print $1 }' | tr '\n' ' ')" "$A $B " \
    "two meetings of ops"

# both FILE NAME: NAME's value by libical and by python3-icalendar, which
# must agree; prints it once
both() {
	local l p
	l=$($ICALCHECK "$1" --raw | "$ICALREAD" | sed -n "s/^$2=//p")
	p=$($ICALCHECK "$1" | sed -n "s/^$2=//p")
	[ "$l" = "$p" ] || { echo "libical '$l' python '$p'"; return; }
	echo "$l"
}
# check_invite FILE METHOD SEQ ID LOCAL UTC: what both parsers read
check_invite() {
	local f=$1 what="$2 of meeting $4 to $(to_of "$1")" rsvp=TRUE
	[ "$2" = CANCEL ] && rsvp=FALSE
	ok "$what: valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$f"
	has "$f" "^Content-Type: text/calendar; method=$2; charset=UTF-8" \
	    "$what: a text/calendar part with method=$2"
	has "$f" '^Content-Type: text/plain; charset=utf-8' "$what: and a text part"
	is "$(both "$f" METHOD)" "$2" "$what: METHOD (both parsers)"
	is "$(both "$f" UID)" "meeting-$4@$D" "$what: UID (both parsers)"
	is "$(both "$f" SEQUENCE)" "$3" "$what: SEQUENCE (both parsers)"
	is "$(both "$f" TZID)" "Europe/London" "$what: DTSTART's TZID (both)"
	is "$(both "$f" VTIMEZONE)" "Europe/London" "$what: its VTIMEZONE (both)"
	is "$(both "$f" DTSTART)" "$5" "$what: the local start (both)"
	is "$(both "$f" DTSTART_UTC)" "$6" "$what: the start in UTC (both)"
	like "$(both "$f" ATTENDEE)" "^mailto:$(to_of "$f") RSVP=$rsvp$" \
	    "$what: the member is the ATTENDEE, RSVP=$rsvp (both)"
	like "$(both "$f" ORGANIZER)" "^mailto:ops-meeting\+[a-z2-7]{26}@$D$" \
	    "$what: the ORGANIZER is a token address (both)"
}
# token_of FILE: the token of the ORGANIZER
token_of() {
	$ICALCHECK "$1" --raw | "$ICALREAD" |
	    sed -n 's/^ORGANIZER=mailto:ops-meeting+\([a-z2-7]*\)@.*/\1/p'
}

# --- nothing is due on 1 March; the board (no list) never gets any ---
mootd_once
is "$(sink_msgs)" 0 "1 March: no reminder is due yet"

# --- A's 14-day reminder, 7 March (GMT) -------------------------------
export MOOT_NOW=2018-03-07T10:00:00Z
mootd_once
new_msgs
is "${#M[@]}" 3 "7 March: A's 14-day reminder to each of the 3 members"
is "$(for f in "${M[@]}"; do to_of "$f"; done | sort | tr '\n' ' ')" \
    "alice@example.org bob@example.org carol@example.org " \
    "  to alice, bob and carol"
BOB_A=$(msg_to bob@example.org "${M[@]}")
CAROL_A=$(msg_to carol@example.org "${M[@]}")
check_invite "$BOB_A" REQUEST 0 "$A" "2018-03-21 10:00" "2018-03-21 10:00"
has "$BOB_A" "in 14 days" "the text says in how many days (counted)"
has "$CAROL_A" "^Le groupe ops se réunit le 2018-03-21 10:00" \
    "carol's is in her language, French"
unlike "$(cat "$CAROL_A")" "The ops group meets" "  and its text is not English"
unlike "$(cat "$(msg_to alice@example.org "${M[@]}")")" "accepted 0" \
    "the 14-day reminder carries no count of answers"

mootd_once
is "$(sink_msgs)" 3 "a restart sends no reminder again"

# --- B's 14-day reminder, 14 March: a meeting after the clock change --
export MOOT_NOW=2018-03-14T10:00:00Z
mootd_once
new_msgs
is "${#M[@]}" 3 "14 March: B's 14-day reminder to the 3 members"
check_invite "$(msg_to bob@example.org "${M[@]}")" REQUEST 0 "$B" \
    "2018-03-28 10:00" "2018-03-28 09:00"

# --- answers ---------------------------------------------------------
TOK_BOB=$($ICALCHECK "$BOB_A" --raw | "$ICALREAD" |
    sed -n 's/^ORGANIZER=mailto:ops-meeting+\([a-z2-7]*\)@.*/\1/p')
TOK_CAROL=$($ICALCHECK "$CAROL_A" --raw | "$ICALREAD" |
    sed -n 's/^ORGANIZER=mailto:ops-meeting+\([a-z2-7]*\)@.*/\1/p')
TOK_ALICE=$($ICALCHECK "$(sink_file 1)" --raw | "$ICALREAD" |
    sed -n 's/^ORGANIZER=mailto:ops-meeting+\([a-z2-7]*\)@.*/\1/p')
like "$TOK_BOB" '^[a-z2-7]{26}$' "bob's token read from his invitation"

# itip FROM PARTSTAT: a calendar program's iTIP REPLY about A
itip() {
	printf 'From: %s\r\nTo: ops-meeting+%s@%s\r\nSubject: Accepted\r\n' "$1" "$3" "$D"
	printf 'Message-ID: <r%s@example.org>\r\nMIME-Version: 1.0\r\n' "$RANDOM"
	printf 'Content-Type: multipart/alternative; boundary=b\r\n\r\n'
	printf -- '--b\r\nContent-Type: text/plain\r\n\r\n%s has accepted.\r\n' "$1"
	printf -- '--b\r\nContent-Type: text/calendar; method=REPLY; charset=UTF-8\r\n\r\n'
	printf 'BEGIN:VCALENDAR\r\nPRODID:-//Test//Calendar//EN\r\nVERSION:2.0\r\nMETHOD:REPLY\r\n'
	printf 'BEGIN:VEVENT\r\nUID:meeting-%s@%s\r\nSEQUENCE:0\r\n' "$A" "$D"
	printf 'DTSTAMP:20180308T100000Z\r\nDTSTART:20180321T100000Z\r\n'
	printf 'ORGANIZER:mailto:ops-meeting+%s@%s\r\n' "$3" "$D"
	printf 'ATTENDEE;PARTSTAT=%s:mailto:%s\r\n' "$2" "$1"
	printf 'END:VEVENT\r\nEND:VCALENDAR\r\n--b--\r\n'
}
# words FROM TOKEN TEXT [HEADER]: a reply in words
words() {
	printf 'From: %s\r\nTo: ops-meeting+%s@%s\r\nSubject: Re: Meeting\r\n' "$1" "$2" "$D"
	printf 'Message-ID: <w%s@example.org>\r\n%s\r\n\r\n%s\r\n' "$RANDOM" "${4:-X-Test: 1}" "$3"
}
answers() { moot meeting show "$A" | sed -n 's/^answer: //p' | tr '\n' ';'; }

export MOOT_NOW=2018-03-08T10:00:00Z
itip bob@example.org ACCEPTED "$TOK_BOB" | moot inject --to "ops-meeting+$TOK_BOB@$D"
mootd_once
is "$(answers)" "bob@example.org accepted;" "an iTIP REPLY ACCEPTED is recorded and shown"
words carol@example.org "$TOK_CAROL" "No" | moot inject --to "ops-meeting+$TOK_CAROL@$D"
mootd_once
is "$(answers)" "bob@example.org accepted;carol@example.org declined;" \
    "a reply in words, \"No\", is recorded as declined"
words alice@example.org "$TOK_ALICE" "yes" "Auto-Submitted: auto-replied" |
    moot inject --to "ops-meeting+$TOK_ALICE@$D"
mootd_once
is "$(answers)" "bob@example.org accepted;carol@example.org declined;" \
    "an automatic reply records nothing"
words alice@example.org "$TOK_ALICE" "yes" |
    moot inject --to "ops-meeting+$TOK_ALICE@$D" --from ''
mootd_once
is "$(answers)" "bob@example.org accepted;carol@example.org declined;" \
    "a reply from the null sender <> records nothing"
words alice@example.org "$TOK_ALICE" "No problem, I will see" |
    moot inject --to "ops-meeting+$TOK_ALICE@$D"
mootd_once
is "$(answers)" "bob@example.org accepted;carol@example.org declined;" \
    "a reply that is not clearly yes or no records nothing"
new_msgs
is "${#M[@]}" 1 "  and is answered"
like "$(to_of "${M[0]}")" "alice@example.org" "  to alice"
has "${M[0]}" "Nothing recorded: moot could not read your answer" \
    "  saying nothing was recorded"
has "${M[0]}" '"No problem, I will see"' "  quoting what moot read"
like "$(grep -i '^Reply-To:\|^From:' "${M[0]}" | tr -d '\r')" \
    "ops-meeting\+$TOK_ALICE@" "  from her own reply address, so a reply answers"
words alice@example.org "$TOK_ALICE" "perhaps" |
    moot inject --to "ops-meeting+$TOK_ALICE@$D"
mootd_once
is "$(sink_msgs)" 7 "  a second unclear reply within the hour is not answered"
new_msgs
FORGED=abcdefghijklmnopqrstuvwxyz
itip alice@example.org DECLINED "$FORGED" | moot inject --to "ops-meeting+$FORGED@$D"
mootd_once
is "$(answers)" "bob@example.org accepted;carol@example.org declined;" \
    "a forged token records nothing"
itip mallory@example.net DECLINED "$TOK_BOB" | moot inject --to "ops-meeting+$TOK_BOB@$D"
mootd_once
is "$(answers)" "bob@example.org accepted;carol@example.org declined;" \
    "bob's token From someone else records nothing"
itip bob@example.org TENTATIVE "$TOK_BOB" | moot inject --to "ops-meeting+$TOK_BOB@$D"
mootd_once
is "$(answers)" "bob@example.org tentative;carol@example.org declined;" \
    "the latest answer wins"
is "$(sink_msgs)" 7 "no clear answer is answered by mail"

# --- A's 2-day reminder (19 March) carries the count to organisers ---
export MOOT_NOW=2018-03-19T10:00:00Z
mootd_once
new_msgs
is "${#M[@]}" 3 "19 March: A's 2-day reminder to the 3 members"
ALICE2=$(msg_to alice@example.org "${M[@]}")
check_invite "$ALICE2" REQUEST 0 "$A" "2018-03-21 10:00" "2018-03-21 10:00"
has "$ALICE2" "accepted 0, declined 1, tentative 1" \
    "the organiser's 2-day reminder has the count of each answer"
unlike "$(cat "$(msg_to bob@example.org "${M[@]}")")" "declined 1" \
    "  a member's has none"

# --- a move sends the invitation again with a higher SEQUENCE --------
moot meeting move "$A" "2018-03-22 11:00" >/dev/null
mootd_once
new_msgs
is "${#M[@]}" 3 "a moved meeting: the invitation again to the 3 members"
check_invite "$(msg_to bob@example.org "${M[@]}")" REQUEST 1 "$A" \
    "2018-03-22 11:00" "2018-03-22 11:00"
mootd_once
is "$(sink_msgs)" 13 "  and only once"

# --- a cancellation sends METHOD:CANCEL ------------------------------
moot meeting cancel "$B" >/dev/null
mootd_once
new_msgs
is "${#M[@]}" 3 "a cancelled meeting: the cancellation to the 3 members"
C=$(msg_to carol@example.org "${M[@]}")
check_invite "$C" CANCEL 1 "$B" "2018-03-28 10:00" "2018-03-28 09:00"
is "$(both "$C" STATUS)" "CANCELLED" "  its STATUS is CANCELLED (both)"
mootd_once
is "$(sink_msgs)" 16 "  and only once"

# --- missed while mootd was down --------------------------------------
export MOOT_NOW=2018-03-19T12:00:00Z
E=$(moot meeting add ops "2018-04-24 10:00" | head -1)
F=$(moot meeting add ops "2018-04-05 10:00" | head -1)
# mootd is down from 19 March to 23 April: E's 14d and 2d passed while
# down, F began.  It crashes twice on the way back: halfway through
# queueing E's invitations (nothing is kept), and after they are
# committed but before they are sent (the outbox has them).
export MOOT_NOW=2018-04-23T08:00:00Z
MOOT_KILL_AT=invite-queued:2 mootd_once 2>/dev/null
is "$(sink_msgs)" 16 "a crash while queueing the invitations sends none"
MOOT_KILL_AT=invite-committed mootd_once 2>/dev/null
is "$(sink_msgs)" 16 "a crash once they are committed sends none yet"
mootd_once
new_msgs
is "${#M[@]}" 3 "after a long stop: one message each for E, none for F (begun)"
has "$(msg_to bob@example.org "${M[@]}")" "UID:meeting-$E@" "  about E"
mootd_once
is "$(sink_msgs)" 19 "  and not again"

# --- attendance -------------------------------------------------------
is "$(moot meeting attended "$A" bob@example.org 2>&1 >/dev/null; echo $?)" \
    "0" "moot meeting attended records who came to A (begun)"
moot meeting attended "$A" Alice@Example.org >/dev/null
like "$(moot meeting attended "$E" bob@example.org 2>&1)" "not taken place" \
    "a meeting that has not begun has no attendance"
like "$(moot meeting show "$A")" "attended: alice@example.org" \
    "meeting show lists who attended"
is "$(moot member ls ops --attendance | awk '{ print $1, $3 "/" $5 }' | tr '\n' ' ')" \
    "alice@example.org 1/2 bob@example.org 1/2 carol@example.org 0/2 " \
    "member ls --attendance: each member over the last meetings held"

# --- the October clock change: sent in summer, met in winter ---------
export MOOT_NOW=2018-10-01T09:00:00Z
G=$(moot meeting add ops "2018-10-31 10:00" | head -1)
export MOOT_NOW=2018-10-17T10:00:00Z
mootd_once
new_msgs
is "${#M[@]}" 3 "17 October: G's 14-day reminder"
check_invite "$(msg_to bob@example.org "${M[@]}")" REQUEST 0 "$G" \
    "2018-10-31 10:00" "2018-10-31 10:00"

# --- the list's reminders are a setting ------------------------------
is "$(list_field ops meeting-reminders)" "14d,2d" "the default reminders"
moot list set ops --meeting-reminders 1w,1d >/dev/null
is "$(list_field ops meeting-reminders)" "1w,1d" "--meeting-reminders sets them"
like "$(moot list set ops --meeting-reminders 2x 2>&1)" "not up to 4 offsets" \
    "a bad offset is refused"

done_testing
