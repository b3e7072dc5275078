#!/bin/bash
# agenda.sh - agendas, papers and board seats (issue 13, items 5 and 7):
# items to LIST-agenda from members acknowledged in their language, a
# stranger told why not, an automatic reply neither kept nor answered
# (C2); the agenda sent 7 days before the meeting, once (not again after
# a restart), items in the order received with each sender's name, with
# an organiser's paper and one from `moot meeting paper` attached as
# valid MIME; a late item kept and acknowledged as late; seats recorded
# for a board meeting, a fourth refused, and named in the reminder of
# the strategy meeting made (by rules) from it.
. "$(dirname "$0")/lib/common.sh"

sink_start
site_new
D=lists.example.org
export MOOT_NOW=2018-03-01T09:00:00Z
moot list create ops >/dev/null
moot member add ops alice@example.org --role organiser >/dev/null
moot member add ops bob@example.org >/dev/null
moot member add ops carol@example.org --lang fr >/dev/null
A=$(moot meeting add ops "2018-03-21 10:00" | head -1)
like "$A" '^[0-9]+$' "a meeting of ops"

# item FROM SUBJECT [EXTRA-HEADER]: a plain item for LIST-agenda
item() {
	printf 'From: %s\r\nTo: ops-agenda@%s\r\nSubject: %s\r\n' "$1" "$D" "$2"
	printf 'Message-ID: <i%s@example.org>\r\n' "$RANDOM$RANDOM"
	[ -n "${3:-}" ] && printf '%s\r\n' "$3"
	printf '\r\nPlease add this.\r\n'
}
# not COMMAND...: passes when COMMAND fails
not() { ! "$@"; }
# agendas: the messages of M that are an agenda, into AG
agendas() {
	local f
	AG=()
	for f in "${M[@]}"; do
		grep -q -e "^The agenda, in the order" \
		    -e "^L'ordre du jour, dans l'ordre" "$f" && AG+=("$f")
	done
}
# send_item SENDER: inject stdin to ops-agenda from the envelope SENDER
send_item() { moot inject --to "ops-agenda@$D" --from "$1"; }

item '"Bob Builder" <bob@example.org>' "Housing update" |
    send_item bob@example.org
# carol's subject hides a control (ESC, in an encoded word): the agenda
# lists her item without it.
item carol@example.org "=?utf-8?q?Budget_2018=1B?=" | send_item carol@example.org
item dave@example.net "Sell the office" | send_item dave@example.net
item bob@example.org "Out of office" "Auto-Submitted: auto-replied" |
    send_item bob@example.org
# An organiser's item with a paper attached.
{
	printf 'From: Alice <alice@example.org>\r\nTo: ops-agenda@%s\r\n' "$D"
	printf 'Subject: Annual accounts\r\nMessage-ID: <p1@example.org>\r\n'
	printf 'MIME-Version: 1.0\r\n'
	printf 'Content-Type: multipart/mixed; boundary=b\r\n\r\n'
	printf -- '--b\r\nContent-Type: text/plain\r\n\r\nThe accounts.\r\n'
	printf -- '--b\r\nContent-Type: application/pdf; name="accounts.pdf"\r\n'
	printf 'Content-Disposition: attachment; filename="accounts.pdf"\r\n'
	printf 'Content-Transfer-Encoding: base64\r\n\r\n'
	printf '%%PDF-1.4 accounts paper\n' | base64
	printf -- '--b--\r\n'
} | send_item alice@example.org
printf 'Minutes of the last meeting.\n' >"$T/minutes.txt"
like "$(moot meeting paper "$A" "$T/minutes.txt")" "paper minutes.txt" \
    "moot meeting paper keeps a paper"
ok "a paper for no meeting is refused" not moot meeting paper 999 "$T/minutes.txt"

mootd_once
new_msgs
is "${#M[@]}" 4 "acknowledgements to bob, carol and alice, an answer to dave"
BOB=$(msg_to bob@example.org "${M[@]}")
CAROL=$(msg_to carol@example.org "${M[@]}")
DAVE=$(msg_to dave@example.net "${M[@]}")
ALICE=$(msg_to alice@example.org "${M[@]}")
is "$(echo "$BOB" | wc -w)" 1 "one message to bob: the auto-reply is not answered"
has "$BOB" "^Your item is on the agenda of the ops meeting on 2018-03-21 10:00" \
    "bob's item acknowledged"
has "$BOB" "Housing update" "  naming the item"
has "$CAROL" "^Votre point est à l'ordre du jour" "carol's in French"
has "$DAVE" "^Only members of the ops list can add items" \
    "dave, not a member, is told why"
has "$ALICE" "^Papers kept with it: 1" "alice's paper kept"
S=$(moot meeting show "$A")
is "$(echo "$S" | grep -c '^agenda: ')" 3 "three items: the auto-reply is none"
like "$(echo "$S" | grep '^agenda: 1 ')" "Bob Builder <bob@example.org>: Housing update" \
    "meeting show lists items with their senders"
unlike "$S" "Out of office" "the auto-reply is not an item"
is "$(sqlite3 "$SITE/var/moot.db" "SELECT text FROM agenda_item WHERE addr = 'carol@example.org'" | od -An -c | tr -s ' ' | tr -d '\n')" \
    " B u d g e t 2 0 1 8 \\n" "  an item is kept without the controls of the sender's mail"
unlike "$S" "Sell the office" "the stranger's item is not kept"
is "$(echo "$S" | grep -c '^paper: ')" 2 "meeting show lists two papers"

# --- 13 March: not yet; 14 March 10:00 GMT: 7 days before -------------
export MOOT_NOW=2018-03-14T09:59:00Z
mootd_once
new_msgs
agendas
is "${#AG[@]}" 0 "no agenda a minute before 7 days before"
export MOOT_NOW=2018-03-14T10:00:00Z
# Two crashes first: halfway through queueing the agenda (nothing is
# kept), then once it is committed but before it is sent (the outbox
# has it).
MOOT_KILL_AT=agenda-queued:2 mootd_once 2>/dev/null
new_msgs
agendas
is "${#AG[@]}" 0 "a crash while queueing the agenda sends none"
like "$(moot meeting show "$A")" "agenda-sent: no" "  and keeps nothing"
MOOT_KILL_AT=agenda-committed mootd_once 2>/dev/null
new_msgs
agendas
is "${#AG[@]}" 0 "a crash once it is committed sends none yet"
mootd_once
new_msgs
agendas
is "${#AG[@]}" 3 "the agenda to the 3 members at 7 days before, once"
BA=$(msg_to bob@example.org "${AG[@]}")
ok "the agenda is valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$BA"
has "$BA" '^Content-Type: multipart/mixed' "  multipart/mixed"
is "$(grep -E '^[0-9]+\. ' "$BA" | tr -d '\r' | tr '\n' '|')" \
    "1. Housing update (Bob Builder)|2. Budget 2018 (carol@example.org)|3. Annual accounts (Alice)|" \
    "items in the order received, with each sender's name"
has "$BA" "filename\*=utf-8''accounts.pdf" "the organiser's paper attached"
has "$BA" "filename\*=utf-8''minutes.txt" "the paper from moot meeting paper attached"
has "$BA" '^Content-Type: application/pdf' "  as application/pdf"
has "$BA" "$(printf '%%PDF-1.4 accounts paper\n' | base64)" "  with its bytes"
has "$(msg_to carol@example.org "${AG[@]}")" "^L'ordre du jour, dans l'ordre" \
    "carol's agenda in French"
like "$(moot meeting show "$A")" "agenda-sent: yes" "meeting show: the agenda went"
mootd_once
mootd_once
new_msgs
agendas
is "${#AG[@]}" 0 "not sent again after a restart"

# --- a late item ------------------------------------------------------
export MOOT_NOW=2018-03-15T10:00:00Z
item bob@example.org "Late thought" | send_item bob@example.org
mootd_once
new_msgs
BL=$(msg_to bob@example.org "${M[@]}")
has "$BL" "after the agenda was sent" "the late item acknowledged as late"
like "$(moot meeting show "$A" | grep '^agenda: 4')" "^agenda: 4 late .*Late thought" \
    "meeting show marks it late"

# --- no meeting to add it to -------------------------------------------
export MOOT_NOW=2018-03-22T10:00:00Z
item bob@example.org "Too late" | send_item bob@example.org
mootd_once
new_msgs
has "$(msg_to bob@example.org "${M[@]}")" "^The ops group has no meeting coming up" \
    "no meeting: the sender is told"

# --- board seats -------------------------------------------------------
moot list create strategy >/dev/null
moot member add strategy erin@example.org >/dev/null
BOARD=$(moot meeting add board "2018-06-19 10:00" | head -1)
moot meeting rule ops --before board 2w >/dev/null
moot meeting rule strategy --before ops 1w >/dev/null
STRAT=$(moot meeting ls strategy | awk '{ print $1 }' | head -1)
like "$STRAT" '^[0-9]+$' "a strategy meeting made from the board's by rules"
like "$(moot meeting seats "$BOARD" ann@example.org ben@example.org cat@example.org)" \
    "3 seat" "three seats recorded for the board meeting"
ok "a fourth seat is refused" not moot meeting seats "$BOARD" a@example.org \
    b@example.org c@example.org d@example.org
like "$(moot meeting seats "$BOARD" a@example.org b@example.org c@example.org d@example.org 2>&1)" \
    "has 3 seats on the board" "  saying the partnership has three seats"
is "$(moot meeting show "$BOARD" | grep '^seat: ' | tr '\n' ' ')" \
    "seat: ann@example.org seat: ben@example.org seat: cat@example.org " \
    "meeting show lists the seats, the fourth not recorded"
export MOOT_NOW=2018-05-15T10:00:00Z
mootd_once
new_msgs
ER=$(msg_to erin@example.org "${M[@]}")
is "$(echo "$ER" | wc -w)" 1 "the strategy meeting's reminder to erin"
has "$ER" "^The partnership's seats at the board: ann@example.org, ben@example.org, cat@example.org" \
    "it names the seats"
# --- a flood of items (D3): replies_per_day (10) bounds what is kept --
moot member add ops fran@example.org >/dev/null
OPS2=$(moot meeting ls ops | awk '$3 == "2018-06-05" { print $1 }')
like "$OPS2" '^[0-9]+$' "the ops meeting made from the board's"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	item fran@example.org "Flood $i" | send_item fran@example.org
done
item fran@example.org "Flood late" "Auto-Submitted: auto-generated" |
    send_item fran@example.org
mootd_once
new_msgs
is "$(msg_to fran@example.org "${M[@]}" | wc -l)" 10 \
    "a flood: 10 acknowledgements, replies_per_day"
is "$(moot meeting show "$OPS2" | grep -c '^agenda: .*Flood')" 10 \
    "  and only those 10 items kept"
# --- the null sender: never answered, never an item ---------------------
item bob@example.org "From nobody" | moot inject --to "ops-agenda@$D" --from ''
mootd_once
new_msgs
is "${#M[@]}" 0 "an item from the null sender <> is not answered"
unlike "$(moot meeting show "$OPS2")" "From nobody" "  nor kept"
# An ops meeting with no seats in its cycle: the slot is empty.
has "$BA" "^The ops group meets on 2018-03-21 10:00" "the agenda says when"
unlike "$(cat "${M[@]}" /dev/null)" "seats at the board: *$" "no empty seats line"
done_testing
