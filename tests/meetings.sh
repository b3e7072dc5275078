#!/bin/bash
# meetings.sh - the partnership's calendar from the command line (issue
# 13, item 3): meetings added, listed, shown, moved and cancelled; rules
# that chain board -> ops -> strategy and keep each group's meetings in
# step, checked against the Strategy Group's published dates; local
# times kept across the March and October clock changes in
# Europe/London (the site's zone, from tests/lib/common.sh); RRULEs; and
# bad input refused whole, with nothing written.
. "$(dirname "$0")/lib/common.sh"

site_new
# After the spring 2018 board meeting: rules reach back to past meetings
# as well as forward.
export MOOT_NOW=2018-05-01T09:00:00Z
moot list create ops >/dev/null
moot list create strategy >/dev/null

# dates GROUP: the local starts of GROUP's scheduled meetings, by start,
# on one line.
dates() {
	moot meeting ls "$1" |
	    awk '$6 == "scheduled" { printf "%s%s %s", n++ ? ", " : "", $3, $4 }'
}
# field ID NAME: a field of moot meeting show ID.
field() { moot meeting show "$1" | sed -n "s/^$2: //p"; }
# id_of GROUP DATE: the id of GROUP's meeting on DATE.
id_of() { moot meeting ls "$1" | awk -v d="$2" '$3 == d { print $1 }'; }
# snapshot: everything the calendar holds, to show that a refused
# command changed none of it.
snapshot() {
	moot meeting ls
	moot meeting rule ls
	for id in $(moot meeting ls | awk '{ print $1 }'); do
		moot meeting show "$id"
	done
}

# --- add, ls, show ------------------------------------------------------
#
# The Strategy Group published its meetings for Wednesday 22 November
# 2017, 14 March, 13 June and 12 September 2018, each 10:00-12:00.  It
# meets a week before the Operations Group, which meets two weeks before
# the board: so the board met three weeks after each, on Wednesday 13
# December 2017, 4 April, 4 July and 3 October 2018, and ops on 29
# November 2017, 21 March, 20 June and 19 September 2018.  The rules
# below must give exactly the published dates from the board's alone.
out=$(moot meeting add board "2017-12-13 10:00" --location "City Hall, Room 2" \
    --notes-taker Clerk@City.Example)
is $? 0 "meeting add: an outside body with no list"
like "$out" '^[0-9]+$' "  prints the new id alone"
B1=$out
B2=$(moot meeting add board 2018-04-04T10:00 --duration 2h)
like "$B2" '^[0-9]+$' "  START with a T"
B3=$(moot meeting add board 2018-07-04 10:00)
like "$B3" '^[0-9]+$' "  START as two words, unquoted"
is "$(dates board)" "2017-12-13 10:00, 2018-04-04 10:00, 2018-07-04 10:00" \
    "meeting ls board: the local starts, by start"
like "$(moot meeting ls board | head -1)" \
    "^$B1 +board +2017-12-13 10:00 2h +scheduled City Hall, Room 2\$" \
    "  a line: id, group, local start, duration, state, location"
is "$(field "$B1" group)" board "meeting show: the group"
is "$(field "$B1" start)" "2017-12-13 10:00 (Wednesday)" "  the start and its day"
is "$(field "$B1" end)" "2017-12-13 12:00" "  the end: 2h by default"
is "$(field "$B1" start-utc)" "2017-12-13T10:00:00Z" "  in winter 10:00 is 10:00Z"
is "$(field "$B2" start-utc)" "2018-04-04T09:00:00Z" "  in summer 10:00 is 09:00Z"
is "$(field "$B1" location)" "City Hall, Room 2" "  the location"
is "$(field "$B1" notes-taker)" "clerk@city.example" "  the notes-taker"
is "$(field "$B1" zone)" Europe/London "  the zone"
is "$(field "$B1" sequence)" 0 "  sequence 0"
is "$(field "$B1" made-by)" - "  made by hand"

# --- rules, chained -----------------------------------------------------
out=$(moot meeting rule ops --before board 2w)
is $? 0 "meeting rule ops --before board 2w"
like "$out" "^rule [0-9]+: ops meets 2w before each board meeting" "  says so"
is "$(echo "$out" | grep -c '^made: ')" 3 \
    "  one ops meeting for each board meeting, past or future"
is "$(dates ops)" "2017-11-29 10:00, 2018-03-21 10:00, 2018-06-20 10:00" \
    "  two weeks before each, at the same local time"
out=$(moot meeting rule strategy --before ops 1w)
is $? 0 "meeting rule strategy --before ops 1w"
is "$(echo "$out" | grep -c '^made: ')" 3 "  follows the meetings a rule made"
# A board meeting added after the rules: each rule makes its meeting.
out=$(moot meeting add board "2018-10-03 10:00")
B4=$(echo "$out" | head -1)
is "$(echo "$out" | sed 1d | awk '{ print $1, $3 }')" \
    "made: ops"$'\n'"made: strategy" \
    "a new board meeting: ops and strategy meetings made down the chain"
PUBLISHED="2017-11-22 10:00, 2018-03-14 10:00, 2018-06-13 10:00, 2018-09-12 10:00"
is "$(dates strategy)" "$PUBLISHED" \
    "the strategy dates from the board's are the Strategy Group's published ones"
is "$(dates ops)" \
    "2017-11-29 10:00, 2018-03-21 10:00, 2018-06-20 10:00, 2018-09-19 10:00" \
    "  and ops two weeks before the board"
for d in 2017-11-22 2018-03-14 2018-06-13 2018-09-12; do
	id=$(id_of strategy "$d")
	is "$(field "$id" start | sed 's/.*(//; s/)//') $(field "$id" end | cut -c12-)" \
	    "Wednesday 12:00" "  strategy $d: a Wednesday, 10:00-12:00"
done
# Across the March clock change: the board at 10:00 BST, strategy three
# weeks before at 10:00 GMT, not 09:00.
S2=$(id_of strategy 2018-03-14)
is "$(field "$S2" start-utc)" "2018-03-14T10:00:00Z" \
    "  across the March change: 10:00 GMT, three weeks before 10:00 BST"
O2=$(id_of ops 2018-03-21)
like "$(field "$S2" made-by)" "^rule [0-9]+ \\(strategy 1w before ops\\), from meeting $O2\$" \
    "  show says which rule made it, from which meeting"
is "$(field "$O2" followed-by)" "$S2" "  and the ops meeting what follows it"
rules=$(moot meeting rule ls)
like "$rules" "ops +2w +before board +meetings made: 4" "meeting rule ls: ops"
like "$rules" "strategy +1w +before ops +meetings made: 4" "  and strategy"

# --- move ---------------------------------------------------------------
out=$(moot meeting move "$B2" "2018-04-11 10:00")
is $? 0 "meeting move: the spring board meeting a week later"
like "$out" "^moved: $B2 board 2018-04-04 10:00 -> 2018-04-11 10:00" "  says it moved"
like "$out" "moved: $O2 ops 2018-03-21 10:00 -> 2018-03-28 10:00 \\(follows meeting $B2\\)" \
    "  and that the ops meeting moved with it"
like "$out" "moved: $S2 strategy 2018-03-14 10:00 -> 2018-03-21 10:00 \\(follows meeting $O2\\)" \
    "  and the strategy meeting with that"
is "$(field "$S2" start-utc)" "2018-03-21T10:00:00Z" "  still 10:00 local"
is "$(field "$O2" start-utc)" "2018-03-28T09:00:00Z" \
    "  ops now after the change: 10:00 BST"
is "$(field "$B2" sequence) $(field "$O2" sequence) $(field "$S2" sequence)" \
    "1 1 1" "  each one's sequence raised"
moot meeting move "$B2" "2018-04-04 10:00" >/dev/null
is "$(dates strategy)" "$PUBLISHED" "moved back: the published dates again"

before=$(snapshot)
out=$(moot meeting move "$S2" "2018-03-15 10:00" 2>&1)
is $? 1 "a meeting a rule made moves only with its own: exit 1"
like "$out" "meeting $S2 follows meeting $O2 by rule [0-9]+ \\(strategy 1w before ops\\)" \
    "  saying what it follows"
is "$(snapshot)" "$before" "  and nothing changed"

# --- cancel -------------------------------------------------------------
O3=$(id_of ops 2018-06-20)
S3=$(id_of strategy 2018-06-13)
out=$(moot meeting cancel "$B3")
is $? 0 "meeting cancel: the summer board meeting"
is "$out" "cancelled: $B3 board 2018-07-04 10:00
cancelled: $O3 ops 2018-06-20 10:00 (follows meeting $B3)
cancelled: $S3 strategy 2018-06-13 10:00 (follows meeting $O3)" \
    "  cancels the ops and strategy meetings that follow it, and says so"
like "$(moot meeting ls strategy)" "^$S3 +strategy +2018-06-13 10:00 2h +cancelled" \
    "  ls shows it cancelled"
is "$(dates strategy)" "2017-11-22 10:00, 2018-03-14 10:00, 2018-09-12 10:00" \
    "  and it is no longer among the scheduled"
out=$(moot meeting cancel "$B3" 2>&1)
is $? 1 "cancelling it again: exit 1"
like "$out" "meeting $B3 is cancelled" "  saying why"
out=$(moot meeting move "$B3" "2018-07-11 10:00" 2>&1)
is $? 1 "moving a cancelled meeting: exit 1"

# --- clock changes and RRULEs -------------------------------------------
out=$(moot meeting add info "2018-03-21 10:00" --rrule "FREQ=WEEKLY;COUNT=3")
is $? 0 "--rrule: weekly, over the March clock change"
is "$(echo "$out" | wc -l)" 3 "  three ids"
is "$(dates info)" "2018-03-21 10:00, 2018-03-28 10:00, 2018-04-04 10:00" \
    "  each at 10:00 local"
set -- $out
is "$(field "$1" start-utc) $(field "$2" start-utc)" \
    "2018-03-21T10:00:00Z 2018-03-28T09:00:00Z" "  10:00 GMT, then 10:00 BST"
out=$(moot meeting add autumn 2018-10-24T10:00 --rrule "FREQ=WEEKLY;UNTIL=20181031T235900")
set -- $out
is "$(dates autumn)" "2018-10-24 10:00, 2018-10-31 10:00" "--rrule with UNTIL, over the October change"
is "$(field "$1" start-utc) $(field "$2" start-utc)" \
    "2018-10-24T09:00:00Z 2018-10-31T10:00:00Z" "  10:00 BST, then 10:00 GMT"
out=$(moot meeting add team "2018-03-14 10:00" --rrule "RRULE:FREQ=MONTHLY;BYDAY=2WE;COUNT=4")
is "$(dates team)" "2018-03-14 10:00, 2018-04-11 10:00, 2018-05-09 10:00, 2018-06-13 10:00" \
    "--rrule: the second Wednesday of each month"
# A rule across the October change: two weeks before a November meeting.
M=$(moot meeting add main "2018-11-07 10:00")
moot meeting rule sub --before main 2w >/dev/null
SUB=$(id_of sub 2018-10-24)
is "$(field "$SUB" start-utc)" "2018-10-24T09:00:00Z" \
    "a rule across the October change: 10:00 BST two weeks before 10:00 GMT"
moot meeting move "$M" "2018-11-21 10:00" >/dev/null
is "$(dates sub)" "2018-11-07 10:00" "  moved past the change, still 10:00"
is "$(field "$(id_of sub 2018-11-07)" start-utc)" "2018-11-07T10:00:00Z" "  now GMT"
# A repeated wall time is the first: 01:30 BST.
R=$(moot meeting add night "2018-10-28 01:30" --duration 30m)
is "$(field "$R" start-utc)" "2018-10-28T00:30:00Z" "a repeated time is its first"

# --- bad input: a clear error, exit 1, nothing written ------------------
before=$(snapshot)
refused() {
	local want=$1
	shift
	out=$(moot "$@" 2>&1)
	rc=$?
	is "$rc" 1 "refused, exit 1: $*"
	like "$out" "^moot: .*$want" "  saying: $want"
}
refused "not a start" meeting add board "2018-02-30 10:00"
refused "not a start" meeting add board "2018-03-14"
refused "not a start" meeting add board "14/03/2018 10:00"
refused "not a start" meeting add board "2018-03-14 25:00"
refused "does not exist in Europe/London" meeting add board "2018-03-25 01:30"
refused "cannot name a group" meeting add Board "2018-03-14 10:00"
refused "--duration" meeting add board "2018-03-14 10:00" --duration 0
refused "--duration" meeting add board "2018-03-14 10:00" --duration 30s
refused "--notes-taker" meeting add board "2018-03-14 10:00" --notes-taker "a b"
refused "never ends" meeting add board "2018-03-14 10:00" --rrule FREQ=WEEKLY
refused "not an RFC 5545" meeting add board "2018-03-14 10:00" --rrule "every week"
refused "not an RFC 5545" meeting add board "2018-03-14 10:00" --rrule "FREQ=FORTNIGHTLY;COUNT=2"
refused "not the first time" meeting add board "2018-03-15 10:00" \
    --rrule "FREQ=MONTHLY;BYDAY=2WE;COUNT=2"
refused "more than 120" meeting add board "2018-03-14 10:00" --rrule "FREQ=DAILY;COUNT=200"
# The second of these falls in the hour the clocks skip: not even the
# first is written.
refused "2018-03-25 01:30 does not exist" meeting add board "2018-03-18 01:30" \
    --rrule "FREQ=WEEKLY;COUNT=2"
refused "no meeting has id 999" meeting show 999
refused "no meeting has id 999" meeting move 999 "2018-03-14 10:00"
refused "no meeting has id 999" meeting cancel 999
refused "not a meeting id" meeting show seven
refused "not a start" meeting move "$B1" "2018-13-01 10:00"
refused "a cycle" meeting rule board --before strategy 1w
refused "a cycle" meeting rule ops --before strategy 1w
refused "before itself" meeting rule ops --before ops 1w
refused "not an offset" meeting rule agenda --before ops 3h
refused "not an offset" meeting rule agenda --before ops 0d
refused "not an offset" meeting rule agenda --before ops fortnight
refused "not an offset" meeting rule agenda --before ops 400d
refused "already has a rule before board" meeting rule ops --before board 1w
refused "no rule has id 999" meeting rule rm 999
# A rule whose meeting would fall in the skipped hour: neither the rule
# nor any meeting is written.
moot meeting add late "2018-04-08 01:30" >/dev/null
before=$(snapshot)
refused "2018-03-25 01:30 does not exist" meeting rule early --before late 2w
is "$(snapshot)" "$before" "every refusal left the calendar as it was"
out=$(moot meeting add 2>&1)
is $? 1 "meeting add with nothing: exit 1"
like "$out" "usage: moot -c conf meeting add LIST START" "  and the usage"
out=$(moot meeting add --help)
is $? 0 "meeting add --help: exit 0"
like "$out" "\\[--rrule RULE\\]" "  the usage"
like "$(moot meeting rule --help)" "meeting rule ls \\| meeting rule rm ID" \
    "meeting rule --help: its three forms"

# --- rule rm ------------------------------------------------------------
RS=$(moot meeting rule ls | awk '$2 == "strategy" { print $1 }')
out=$(moot meeting rule rm "$RS")
is $? 0 "meeting rule rm"
like "$out" "^rule $RS removed; the 4 meetings it made stay" "  says its meetings stay"
is "$(dates strategy)" "2017-11-22 10:00, 2018-03-14 10:00, 2018-09-12 10:00" \
    "  they do"
is "$(field "$S2" made-by)" - "  as if added by hand"
moot meeting move "$B2" "2018-04-18 10:00" >/dev/null
is "$(dates strategy)" "2017-11-22 10:00, 2018-03-14 10:00, 2018-09-12 10:00" \
    "  and no longer follow the ops meetings"
is "$(dates ops | cut -d, -f2)" " 2018-04-04 10:00" "  which still follow the board"
out=$(moot meeting move "$S2" "2018-03-15 10:00")
is $? 0 "  and can be moved by hand now"

# --- the README's own example -------------------------------------------
rm -rf "$T/site"
site_new
awk '/^## The partnership.s calendar/ { s = 1 } s && /^```$/ { exit }
    s == 2 { print } s && /^```sh$/ { s = 2 }' "$MOOT_SRCDIR/README.md" |
    sed 's/  *#.*//' >"$T/readme.sh"
like "$(cat "$T/readme.sh")" "moot meeting rule rm" "the README's calendar example"
out=$(. "$T/readme.sh" 2>&1)
is $? 0 "  runs as written"
unlike "$out" "moot:" "  with no error"
like "$out" "cancelled: 3 strategy 2017-11-29 10:00 \\(follows meeting 2\\)" \
    "  and cancels down the chain, as it says"

done_testing
