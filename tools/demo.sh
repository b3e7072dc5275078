#!/bin/sh
# demo.sh - install what is missing, build moot, and run a post through
# it: a demo site with the partnership's three groups (SQLite in demo/,
# the outbound relay an SMTP sink on 127.0.0.1), a member's post to the
# Operations Group delivered to its members, and a post to the moderated
# Information Group held, a moderator's unclear reply answered and not
# guessed at, then the post approved by her next reply, and a meeting's
# invitation with a member's "yes", and the Information Group's
# weekly update (mootd run with MOOT_NOW at next Monday 10:00), a
# proposal agreed by consensus and a tied vote decided by the chair's
# casting vote, and a group of 2,000 reached through mootd as a daemon.
# The groups are set up as the partnership works (anyone joins info; ops and
# strategy joins need an organiser's approval; an owner for each), and
# moot check must say nothing about them.  Run as root on Debian 12;
# safe to run again.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)

tools/deps.sh
if [ ! -x build/moot ] || [ ! -x build/mootd ]; then
	autoreconf -fi >/dev/null 2>&1
	mkdir -p build
	(cd build && ../configure -q && make -s -j2)
else
	(cd build && make -s -j2)
fi

D=$top/demo
rm -rf "$D"
mkdir -p "$D/sink"
python3 tests/lib/sink.py --dir "$D/sink" --port-file "$D/sink/port" \
	2>"$D/sink/stderr" &
sink=$!
trap 'kill $sink 2>/dev/null' EXIT INT TERM
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	[ -s "$D/sink/port" ] && break
	sleep 0.1
done
port=$(cat "$D/sink/port")

cat >"$D/moot.conf" <<EOC
; The demo site: see conf/moot.conf for every key.
[moot]
domain    = lists.example.org
templates = $top/templates
timezone  = Europe/London
[relay]
host = 127.0.0.1
port = $port
EOC

say() { printf '\n== %s\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
moot() { "$top/build/moot" -c "$D/moot.conf" "$@"; }

say "A demo site at lists.example.org; outbound mail goes to an SMTP sink on 127.0.0.1:$port"
run moot init
say "The partnership's groups: anyone joins and posts to info, a moderator reads each post; ops and strategy take whom an organiser approves"
run moot list create info --moderated --description "Information Group" --newsletter "Mon 10:00"
run moot list create ops --members-only --joins approve --description "Operations Group"
run moot list create strategy --members-only --requires ops --joins approve --description "Strategy Group"
run moot member add info amira@one.example --role moderator
run moot member add info tomasz@two.example
run moot member add info fatima@three.example
run moot member set info fatima@three.example --mail
run moot member add ops amira@one.example --role chair
run moot member add ops bogdan@four.example
run moot member add ops chen@five.example --role organiser --term-start 2026-01-01 --term-end 2028-12-31
run moot member add strategy amira@one.example --role chair
run moot list ls

say "moot check: what would surprise the administrator of this site (exit 1: it has findings)"
run moot check || true
say "The partnership's way: an office owns each group (it hears of trouble, reads LIST-owner and may approve joins)"
for l in info ops strategy; do
	run moot member add $l office@one.example --role owner
done
run moot list show ops
say "moot check again: nothing to say, exit 0"
if run moot check; then
	echo "(nothing to say: exit 0)"
else
	echo "demo: moot check is not clean on the demo's site" >&2
	exit 1
fi

say "Amira posts to the Operations Group; Tomasz posts to the Information Group"
printf '$ moot inject --to ops@lists.example.org --from amira@one.example < tools/demo/ops-agenda.eml\n'
moot inject --to ops@lists.example.org --from amira@one.example <tools/demo/ops-agenda.eml
printf '$ moot inject --to info@lists.example.org --from tomasz@two.example < tools/demo/info-news.eml\n'
moot inject --to info@lists.example.org --from tomasz@two.example <tools/demo/info-news.eml

say "mootd does what is due: the ops post goes out, the info post waits for a moderator"
run "$top/build/mootd" -c "$D/moot.conf" --once

shown=0
show_sink() {	# the messages the sink took since the last call
	n=0
	for env in "$D"/sink/*.env; do
		[ -e "$env" ] || { echo "nothing!"; exit 1; }
		n=$((n + 1))
		[ $n -le $shown ] && continue
		echo "--- envelope ($(basename "$env"))"
		cat "$env"
		echo "--- message header"
		sed -n '1,/^\r*$/p' "${env%.env}.eml" | tr -d '\r'
		echo "--- body"
		sed -n '/^\r*$/,$p' "${env%.env}.eml" | tr -d '\r' | sed 1d
	done
	shown=$n
}

say "What the relay (the sink) received: the ops post, and Amira's notice of the held post"
show_sink

notice=$(grep -l '^Subject: Waiting for you' "$D"/sink/*.eml | head -n 1)
reply_to=$(sed -n 's/^Reply-To: .*<\(.*\)>.*/\1/p; s/^Reply-To: \([^<]*@[^ ]*\)$/\1/p' "$notice" |
	tr -d '\r' | head -n 1)

say "Amira first replies \"No problem, I'll read it tonight\": moot never guesses, so nothing is decided; she is told what moot read and which words work"
printf 'From: amira@one.example\nTo: %s\nSubject: Re: Waiting for you\n\nNo problem, I will read it tonight.\n' \
	"$reply_to" >"$D/reply-unclear.eml"
printf '$ moot inject --to %s --from amira@one.example < reply-unclear.eml\n' "$reply_to"
moot inject --to "$reply_to" --from amira@one.example <"$D/reply-unclear.eml"
run "$top/build/mootd" -c "$D/moot.conf" --once
run moot held info
show_sink

say "Amira, the moderator on duty, replies \"approve\" to the same notice: its token still works"
printf 'From: amira@one.example\nTo: %s\nSubject: Re: Waiting for you\n\napprove\n\n> A post to the info list is waiting for a moderator\n' \
	"$reply_to" >"$D/reply.eml"
printf '$ moot inject --to %s --from amira@one.example < reply.eml\n' "$reply_to"
moot inject --to "$reply_to" --from amira@one.example <"$D/reply.eml"
run "$top/build/mootd" -c "$D/moot.conf" --once
run moot log info

say "What the relay received next: info is a newsletter, so the approved post waits for Monday's update; only Fatima, who asked for each post (--mail), gets it now"
show_sink

say "The Operations Group meets in ten days: mootd sends each member the invitation, which their calendar program can add"
when=$(date -d '+10 days' '+%Y-%m-%d')
meeting=$(moot meeting add ops "$when 10:00" --location "Community Centre, Room 2")
printf '$ moot meeting add ops "%s 10:00" --location "Community Centre, Room 2"\n%s\n' "$when" "$meeting"
run "$top/build/mootd" -c "$D/moot.conf" --once
invite=$(grep -l '^To: bogdan@four.example' "$D"/sink/*.eml | tail -n 1)
echo "--- Bogdan's invitation ($(basename "$invite")): a text part, and text/calendar; method=REQUEST"
tr -d '\r' <"$invite"

say "Bogdan replies \"yes\" (a calendar program's Accept would do the same); moot meeting show lists the answer"
reply_to=$(sed -n 's/^Reply-To: \([^<]*@[^ ]*\)$/\1/p' "$invite" | tr -d '\r' | head -n 1)
printf 'From: bogdan@four.example\nTo: %s\nSubject: Re: Meeting of ops\n\nyes\n' \
	"$reply_to" >"$D/yes.eml"
printf '$ moot inject --to %s --from bogdan@four.example < yes.eml\n' "$reply_to"
moot inject --to "$reply_to" --from bogdan@four.example <"$D/yes.eml"
run "$top/build/mootd" -c "$D/moot.conf" --once
run moot meeting show "$meeting"

say "Monday 10:00 (MOOT_NOW sets mootd's clock): every info member gets the weekly update: the week's posts, and the next four weeks' meetings as text and as one calendar file"
monday=$(date -u -d "TZ=\"Europe/London\" $(TZ=Europe/London date -d 'next monday' +%Y-%m-%d) 10:00" +%Y-%m-%dT%H:%M:%SZ)
printf '$ MOOT_NOW=%s mootd -c moot.conf --once\n' "$monday"
MOOT_NOW=$monday "$top/build/mootd" -c "$D/moot.conf" --once
update=$(grep -l '^Subject: info: the weekly update' "$D"/sink/*.eml | xargs grep -l '^To: tomasz@two.example' | tail -n 1)
echo "--- Tomasz's update ($(basename "$update")): multipart/mixed, the text, then text/calendar; method=PUBLISH"
tr -d '\r' <"$update"

say "Decisions: the Operations Group agrees terms of reference by consensus; each member gets the proposal at a personal reply address"
closes=$(date -d '+3 days' '+%Y-%m-%d')
printf 'The Operations Group meets monthly and reports to the Strategy Group.\n' >"$D/tor.txt"
run moot decide propose ops --title "Terms of reference" --text "$D/tor.txt" --closes "$closes 12:00"
run "$top/build/mootd" -c "$D/moot.conf" --once
# answer ADDR WORDS: ADDR replies WORDS to the newest ballot it got
answer() {
	local f to
	f=$(grep -l "^To: $1" "$D"/sink/*.eml | tail -n 1)
	to=$(sed -n 's/^Reply-To: \(ops-vote+[^ ]*\)$/\1/p' "$f" | tr -d '\r' | head -n 1)
	printf 'From: %s\nTo: %s\nSubject: Re: ballot\n\n%s\n' "$1" "$to" "$2" >"$D/answer.eml"
	printf '$ moot inject --to %s --from %s   # "%s"\n' "$to" "$1" "$2"
	moot inject --to "$to" --from "$1" <"$D/answer.eml"
}
for a in amira@one.example bogdan@four.example chen@five.example office@one.example; do
	answer "$a" agree
done
run "$top/build/mootd" -c "$D/moot.conf" --once
run moot decide ls ops
say "At its deadline nobody has objected: it passes, and each member is told"
closing=$(date -u -d "TZ=\"Europe/London\" $closes 12:00" +%Y-%m-%dT%H:%M:%SZ)
printf '$ MOOT_NOW=%s mootd -c moot.conf --once\n' "$closing"
MOOT_NOW=$closing "$top/build/mootd" -c "$D/moot.conf" --once
result=$(grep -l '^Subject: Result: Terms of reference' "$D"/sink/*.eml | tail -n 1)
tr -d '\r' <"$result" | sed -n '/^$/,$p'

say "A vote on moving the meeting to Tuesdays: secret ballots, 2 for and 2 against"
closes2=$(date -d '+4 days' '+%Y-%m-%d')
printf 'Should the Operations Group meet on Tuesdays from next month?\n' >"$D/tue.txt"
vote=$(moot decide vote ops --title "Tuesdays" --text "$D/tue.txt" --closes "$closes2 12:00")
printf '$ moot decide vote ops --title Tuesdays --text tue.txt --closes "%s 12:00"\n%s\n' "$closes2" "$vote"
run "$top/build/mootd" -c "$D/moot.conf" --once
answer bogdan@four.example for
answer office@one.example for
answer chen@five.example against
answer amira@one.example against
run "$top/build/mootd" -c "$D/moot.conf" --once
run moot decide show "$vote"
say "At its deadline the vote is tied: Amira, the chair, gets a casting ballot; the members hear nothing yet"
closing2=$(date -u -d "TZ=\"Europe/London\" $closes2 12:00" +%Y-%m-%dT%H:%M:%SZ)
MOOT_NOW=$closing2 "$top/build/mootd" -c "$D/moot.conf" --once
cast=$(grep -l '^Subject: Your casting vote' "$D"/sink/*.eml | tail -n 1)
tr -d '\r' <"$cast" | sed -n '/^$/,$p'
say "Amira replies \"for\": her casting vote decides, and every member gets the result in their language"
answer amira@one.example for
MOOT_NOW=$closing2 "$top/build/mootd" -c "$D/moot.conf" --once
result=$(grep -l '^Subject: Result: Tuesdays' "$D"/sink/*.eml | tail -n 1)
tr -d '\r' <"$result" | sed -n '/^$/,$p'
run moot decide show "$vote"
run moot decide audit "$vote"

say "The partnership's priorities, and the report for the Communities Board: meetings, decisions, priorities, membership (also as HTML or PDF, and by mail to strategy-report@)"
run moot priority add "Safe housing for new arrivals" --lists ops
run moot priority ls
# The report's period ends now; the vote above closed days ahead, so ask
# as of an hour after it.
later=$(date -u -d "$closing2 + 1 hour" +%Y-%m-%dT%H:%M:%SZ)
printf '$ MOOT_NOW=%s moot report --format text\n' "$later"
MOOT_NOW=$later moot report --format text

say "A task-and-finish group of 2,000 members, imported from a CSV file; mootd runs as a daemon, and moot inject --wait returns once the relay has every copy: one a member, each with its own unsubscribe link and return path (VERP), over several connections at once"
run moot list create housing --members-only --description "Housing task-and-finish group"
run moot member add housing office@one.example --role owner
run moot member add housing chen@five.example
{
	echo address
	i=1
	while [ $i -le 1998 ]; do
		printf 'member%04d@six.example\n' $i
		i=$((i + 1))
	done
} >"$D/housing.csv"
run moot member import housing "$D/housing.csv"
# The relay for this part is Postfix's smtp-sink, which takes mail as
# fast as a relay would; tests/lib/sink.py writes files for each copy
# and takes some 10 ms a copy.
mkdir -p "$D/smtp-sink"
chown nobody "$D/smtp-sink"
fast=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/sbin/smtp-sink -u nobody -D "$D/smtp-sink/dump" "127.0.0.1:$fast" 100 2>/dev/null &
fastsink=$!
sed "s/^port = $port\$/port = $fast/" "$D/moot.conf" >"$D/moot-fast.conf"
printf '$ mootd -c moot-fast.conf -f &   # moot.conf, its relay smtp-sink on 127.0.0.1:%s\n' "$fast"
"$top/build/mootd" -c "$D/moot-fast.conf" -f 2>"$D/mootd.log" &
mootd=$!
trap 'kill $mootd $fastsink $sink 2>/dev/null' EXIT INT TERM
for _ in $(seq 50); do
	[ -S "$D/var/mootd.sock" ] && break
	sleep 0.1
done
printf 'From: chen@five.example\nTo: housing@lists.example.org\nSubject: First meeting of the housing group\n\nWe meet on Thursday at the Community Centre, Room 2.\n' \
	>"$D/housing.eml"
printf '$ moot inject --wait --to housing@lists.example.org --from chen@five.example < housing.eml\n'
t0=$(date +%s%N)
moot inject --wait --to housing@lists.example.org --from chen@five.example <"$D/housing.eml"
t1=$(date +%s%N)
echo "The relay has $(grep -c '^X-Rcpt-Args:' "$D/smtp-sink/dump") copies, $(((t1 - t0) / 1000000)) ms after the post went in ([relay] connections: 4 at once)."
echo "--- two members' envelopes and unsubscribe links"
grep -E '^(X-Mail-Args|X-Rcpt-Args|List-Unsubscribe):' "$D/smtp-sink/dump" | head -n 6
kill $mootd $fastsink
wait $mootd 2>/dev/null || true
trap 'kill $sink 2>/dev/null' EXIT INT TERM

say "What moot reads in a returned message (a delivery status report from the test corpus)"
run moot bounce classify "$top/tests/data/bounces/flufl-exim_01.eml"

say "The spool: what came in, and what became of it"
run moot spool

say "Retention: what a purge would remove today ([retention] in moot.conf)"
run moot spool purge --dry-run

say "Done. The demo's files are in demo/; run tools/check.sh for the test suite."
