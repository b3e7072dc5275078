#!/bin/bash
# bounces.sh - VERP and bounce scoring (issue 15, threat B8): every
# personal copy's envelope sender is L-bounces+TOKEN, no member address
# in any header of any copy; returned mail (real samples from
# tests/data/bounces, named where used) scores the member its token
# names, once a day; six days of hard bounces stop delivery to them, the
# owners and the member are told; autoreplies, challenges, forged tokens
# and bare L-bounces@ mail that quotes no copy of theirs score nothing;
# moot member enable undoes it; a list's own threshold and period.
. "$(dirname "$0")/lib/common.sh"

sink_start
site_new
moot list create info >/dev/null
moot member add info amira@one.example >/dev/null
moot member add info bob@two.example --role owner >/dev/null
moot member add info carol@three.example >/dev/null
moot list create big --bulk >/dev/null
moot member add big amira@one.example >/dev/null
moot member add big dan@four.example >/dev/null

# --- VERP: one sender each, and no member address in any header -------
MOOT_NOW=2026-11-02T10:00:00Z post real/alternative.eml info@lists.example.org amira@one.example
MOOT_NOW=2026-11-02T10:00:00Z mootd_once 2>"$T/mootd.log"
is "$(sink_msgs)" 3 "one copy each: three transactions"
senders=$(sed -n 's/^MAIL FROM:<\([^>]*\)>.*/\1/p' "$SINK_DIR"/*.env | sort -u)
is "$(echo "$senders" | grep -cE '^info-bounces\+[a-z2-7]{26}@lists\.example\.org$')" 3 \
    "every copy's envelope sender is info-bounces+TOKEN@"
is "$(echo "$senders" | wc -l)" 3 "  a different token for each member"
for a in amira@one.example bob@two.example carol@three.example; do
	is "$(echo "$senders" | grep -ci "${a%@*}")" 0 "  no token shows $a"
done
leak=0
for f in "$SINK_DIR"/*.eml; do
	hdr=$(sed '/^\r\{0,1\}$/q' "$f")
	for a in bob@two.example carol@three.example; do
		# amira wrote the post: her own From: is hers to show
		echo "$hdr" | grep -qi "$a" && leak=$((leak + 1))
	done
done
is "$leak" 0 "no member address (but the author's) in any header of any copy"
# --bulk: many recipients a transaction, the plain bounce address
post real/alternative.eml big@lists.example.org amira@one.example
MOOT_NOW=2026-11-02T10:00:00Z mootd_once 2>>"$T/mootd.log"
new_msgs
big=$(grep -l '^RCPT TO:<dan@four.example>' "$SINK_DIR"/*.env)
is "$(head -1 "$big")" "MAIL FROM:<big-bounces@lists.example.org>" \
    "a --bulk list's copy keeps the plain big-bounces@ sender"

# --- Bounces ------------------------------------------------------------
moot list create ops >/dev/null
# tok_of ADDR: the VERP token of info's first copy to ADDR
tok_of() {
	grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env | head -1 | xargs head -1 |
	    sed -n 's/^MAIL FROM:<info-bounces+\([^@]*\)@.*/\1/p'
}
A_TOK=$(tok_of amira@one.example)
C_TOK=$(tok_of carol@three.example)
A_MSGID=$(sed -n 's/^Message-ID: <\(.*\)>\r$/\1/Ip' "$(sink_file 1)" | head -1)
is "$A_MSGID" 4b2f6c1e-8d3a-4f7b-9a0e-5c1d2e3f4a5b@one.example "the copies keep the post's Message-ID"
# bounce TO DAY FILE: the message FILE comes back to TO on day DAY of
# November 2026 (mootd reads it then)
bounce() {
	MOOT_NOW=$(printf '2026-11-%02dT12:00:00Z' "$2") moot inject --to "$1" <"$3"
	is $? 0 "  day $2: the bounce to ${1%%+*}... is taken ($(basename "$3"))"
	MOOT_NOW=$(printf '2026-11-%02dT12:00:00Z' "$2") mootd_once 2>>"$T/mootd.log"
}
score_of() { moot member ls info --bounces | awk -v a="$1" '$1 == a { print $2 }'; }
state_of() { moot member ls info --bounces | awk -v a="$1" '$1 == a { print $4 }'; }
# sendmail's DSN, 550 5.1.1, naming an address that is no member's
HARD=$MOOT_SRCDIR/tests/data/bounces/sisimai-rfc3464-01.eml
B=$MOOT_SRCDIR/tests/data/bounces

# A hard bounce scores the member its token names (carol), though the
# report names userunknown@bouncehammer.jp: once a day.
bounce "info-bounces+$C_TOK@lists.example.org" 2 "$B/sisimai-rfc3464-01.eml"
is "$(score_of carol@three.example)" 1 "a hard bounce: carol's score is 1"
bounce "info-bounces+$C_TOK@lists.example.org" 2 "$B/flufl-exim_01.eml"
is "$(score_of carol@three.example)" 1 "a second hard bounce the same day (Exim, flufl-exim_01): still 1"
is "$(state_of carol@three.example)" active "  and carol still gets mail"

# Days 3 to 7: five more (Postfix, Exchange, Gmail, qmail, the DSN again)
d=3
for f in sisimai-lhost-postfix-01 sisimai-lhost-exchange2007-01 \
    sisimai-lhost-gmail-01 flufl-qmail_01; do
	bounce "info-bounces+$C_TOK@lists.example.org" $d "$B/$f.eml"
	d=$((d + 1))
done
is "$(score_of carol@three.example)" 5 "five days: a score of 5, not above the threshold"
is "$(state_of carol@three.example)" active "  carol still gets mail"
new_msgs
bounce "info-bounces+$C_TOK@lists.example.org" 7 "$B/sisimai-rfc3464-01.eml"
is "$(score_of carol@three.example)" 6 "six days of hard bounces: 6"
is "$(state_of carol@three.example)" DISABLED "  delivery to carol stopped"
is "$(member_field info carol@three.example 2)" member "  she is still a member"
new_msgs
owners=0 told=0
for f in "${M[@]}"; do
	env=${f%.eml}.env
	if grep -q '^Subject: Delivery to a member of info stopped' "$f"; then
		ONOTE=$f
		grep -q '^RCPT TO:<bob@two.example>' "$env" && owners=$((owners + 1))
		like "$(cat "$f")" "moot member enable info carol@three.example" "  the owners' notice says how to undo it"
	fi
	grep -q '^Subject: Posts from info to you have stopped' "$f" &&
	    grep -q '^RCPT TO:<carol@three.example>' "$env" && told=$((told + 1)) &&
	    PROBE=$f
done
is "$owners" 1 "the owner is told"
is "$told" 1 "carol is told, at her own address: one probe"
ok "  both notices are valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$ONOTE" "$PROBE"
PROBE_TO=$(sed -n 's/^Reply-To: .*\(info-bounces+[a-z2-7]*@lists\.example\.org\).*/\1/p' "$PROBE" | tr -d '\r')
like "$PROBE_TO" '^info-bounces\+' "  the probe's Reply-To is info-bounces+TOKEN"
unlike "$PROBE_TO" "$C_TOK" "  a token of its own, not a copy's"
bounce "info-bounces+$C_TOK@lists.example.org" 8 "$B/sisimai-rfc3464-01.eml"
new_msgs
is "$(grep -l '^Subject: Posts from info' "${M[@]}" /dev/null | wc -l)" 0 "a bounce after that: carol is not told again"
MOOT_NOW=2026-11-08T13:00:00Z post real/crlf.eml info@lists.example.org amira@one.example
MOOT_NOW=2026-11-08T13:00:00Z mootd_once 2>>"$T/mootd.log"
new_msgs
is "$(grep -l '^RCPT TO:<carol@three.example>' "${M[@]/%.eml/.env}" /dev/null | wc -l)" 0 \
    "the next post: no copy to carol"
is "$(grep -l '^RCPT TO:<amira@one.example>' "${M[@]/%.eml/.env}" /dev/null | wc -l)" 1 \
    "  amira still gets hers"

# What scores nothing: for amira, each on a day of its own.
bounce "info-bounces+$A_TOK@lists.example.org" 9 "$B/sisimai-rfc3834-01.eml"
is "$(score_of amira@one.example)" "" "an out-of-office reply (sisimai-rfc3834-01): ignored"
bounce "info-bounces+$A_TOK@lists.example.org" 10 "$B/written-challenge-tmda.eml"
is "$(score_of amira@one.example)" "" "a challenge-response (written-challenge-tmda): ignored"
bounce "info-bounces+$A_TOK@lists.example.org" 11 "$B/sisimai-lhost-dragonfly-01.eml"
is "$(score_of amira@one.example)" "" "a DMARC refusal, 5.7.26 (sisimai-lhost-dragonfly-01): not scored"
forged=$(echo "$A_TOK" | tr 'a-z2-7' 'b-z2-7a' )
bounce "info-bounces+$forged@lists.example.org" 12 "$HARD"
is "$(score_of amira@one.example)" "" "a forged token: nothing"
bounce "ops-bounces+$A_TOK@lists.example.org" 13 "$HARD"
is "$(moot member ls ops --bounces | grep -c amira)" 0 "info's token at ops-bounces: nothing"
is "$(score_of amira@one.example)" "" "  nor on info"
bounce "info-bounces@lists.example.org" 14 "$HARD"
is "$(score_of amira@one.example)" "" "a bare info-bounces@ quoting no copy of ours: nothing"
like "$(moot spool show "$(last_id)" | sed -n 's/^reason: //p')" "ignored: hard bounce, no token" "  said in the spool row"
# sisimai-rfc3464-01 rewritten to name a copy moot sent amira and amira
sed -e "s/E1C50F1B-1C83-4820-BC36-AC6FBFBE8568@example.org/$A_MSGID/" \
    -e 's/userunknown@bouncehammer.jp/amira@one.example/g' "$HARD" >"$T/quoted.eml"
sed -e "s/E1C50F1B-1C83-4820-BC36-AC6FBFBE8568@example.org/$A_MSGID/" \
    -e 's/userunknown@bouncehammer.jp/eve@five.example/g' "$HARD" >"$T/quoted-eve.eml"
bounce "info-bounces@lists.example.org" 15 "$T/quoted-eve.eml"
is "$(score_of amira@one.example)" "" "a bare info-bounces@ quoting a copy, but naming someone it did not go to: nothing"
bounce "info-bounces@lists.example.org" 15 "$T/quoted.eml"
is "$(score_of amira@one.example)" 1 "a bare info-bounces@ quoting amira's copy and naming her: scored"

# carol answers the probe: delivery goes on.  An out-of-office reply to
# it (sisimai-rfc3834-02) first: nothing.
bounce "$PROBE_TO" 16 "$B/sisimai-rfc3834-02.eml"
is "$(state_of carol@three.example)" DISABLED "an out-of-office reply to the probe: still stopped"
printf 'From: Carol <carol@three.example>\nTo: %s\nSubject: Re: Posts from info to you have stopped\nMessage-ID: <re-probe@three.example>\nDate: Mon, 16 Nov 2026 12:00:00 +0000\n\nI am back.\n' \
    "$PROBE_TO" >"$T/answer.eml"
bounce "$PROBE_TO" 16 "$T/answer.eml"
is "$(score_of carol@three.example)" "" "carol answers the probe: her score is gone"
MOOT_NOW=2026-11-16T13:00:00Z post real/alternative.eml info@lists.example.org bob@two.example
MOOT_NOW=2026-11-16T13:00:00Z mootd_once 2>>"$T/mootd.log"
new_msgs
is "$(grep -l '^RCPT TO:<carol@three.example>' "${M[@]/%.eml/.env}" /dev/null | wc -l)" 1 \
    "  and the next post reaches her"

# Six more days of bounces stop her again, and moot member enable undoes
# it; the first probe, older than this stop, changes nothing.
for d in 17 18 19 20 21 22; do
	bounce "info-bounces+$C_TOK@lists.example.org" $d "$HARD"
done
is "$(state_of carol@three.example)" DISABLED "six more days: stopped again"
new_msgs
is "$(grep -l '^Subject: Posts from info' "${M[@]}" /dev/null | wc -l)" 1 "  with a new probe"
bounce "$PROBE_TO" 23 "$T/answer.eml"
is "$(state_of carol@three.example)" DISABLED "  the first probe, answered again, changes nothing"
like "$(moot member enable info carol@three.example)" "delivery goes on" "moot member enable info carol"
is "$(score_of carol@three.example)" "" "  her score is gone"
MOOT_NOW=2026-11-23T13:00:00Z post real/crlf.eml info@lists.example.org bob@two.example
MOOT_NOW=2026-11-23T13:00:00Z mootd_once 2>>"$T/mootd.log"
new_msgs
is "$(grep -l '^RCPT TO:<carol@three.example>' "${M[@]/%.eml/.env}" /dev/null | wc -l)" 1 \
    "  and the next post reaches her"
# Soft failures count only when they persist: half a point after an
# earlier bounce (sisimai-rfc3464-09: a DSN, Action: delayed, 4.3.0).
SOFT=$B/sisimai-rfc3464-09.eml
bounce "info-bounces+$A_TOK@lists.example.org" 24 "$SOFT"
is "$(score_of amira@one.example)" 1.5 "a soft bounce after amira's hard one: half a point"
B_TOK=$(tok_of bob@two.example)
bounce "info-bounces+$B_TOK@lists.example.org" 24 "$SOFT"
is "$(score_of bob@two.example)" 0 "bob's first soft bounce: remembered, not scored"
bounce "info-bounces+$B_TOK@lists.example.org" 25 "$SOFT"
is "$(score_of bob@two.example)" 0.5 "  the next day, again: half a point"
moot member enable info nobody@x.example >/dev/null 2>&1
is $? 1 "moot member enable for a non-member: refused (1)"
# --- A list's own threshold and period ----------------------------------
# tight stops delivery above 2 (three days of hard bounces); loose keeps
# the site's [bounces] threshold, 5.
moot list create tight --bounce-threshold 2 --bounce-period 14d >/dev/null
is $? 0 "list create tight --bounce-threshold 2 --bounce-period 14d"
moot list create loose >/dev/null
for l in tight loose; do
	moot member add $l erin@six.example >/dev/null
	moot member add $l fay@seven.example >/dev/null
done
is "$(list_field tight bounce-threshold) $(list_field tight bounce-period)" \
    "2 14d" "list show: tight's own threshold and period"
is "$(list_field loose bounce-threshold) $(list_field loose bounce-period)" \
    "5 30d" "  loose: the site's [bounces] values"
for bad in 0 -1 1001 many 2x; do
	moot list set tight --bounce-threshold "$bad" >/dev/null 2>"$T/err"
	is $? 1 "--bounce-threshold $bad: refused (1)"
done
like "$(cat "$T/err")" 'bounce-threshold: "2x" is not a number from 1 to 1000' \
    "  saying what it takes"
for bad in 0 12h 400d soon; do
	moot list set tight --bounce-period "$bad" >/dev/null 2>"$T/err"
	is $? 1 "--bounce-period $bad: refused (1)"
done
like "$(cat "$T/err")" 'is not a duration from a day to a year' "  saying what it takes"
is "$(list_field tight bounce-threshold) $(list_field tight bounce-period)" \
    "2 14d" "  and tight's settings stay as they were"
moot list set loose --bounce-threshold 3 --bounce-period 1w >/dev/null &&
    moot list set loose --no-bounce-threshold --no-bounce-period >/dev/null
is "$(list_field loose bounce-threshold) $(list_field loose bounce-period)" \
    "5 30d" "--no-bounce-threshold --no-bounce-period: the site's again"
printf 'From: Fay <fay@seven.example>\nTo: %s@lists.example.org\nSubject: Rota\nMessage-ID: <rota-%s@seven.example>\nDate: Tue, 1 Dec 2026 09:00:00 +0000\n\nWho takes Monday?\n' \
    tight tight >"$T/tight.eml"
sed 's/tight/loose/g' "$T/tight.eml" >"$T/loose.eml"
for l in tight loose; do
	MOOT_NOW=2026-12-01T10:00:00Z post "$T/$l.eml" $l@lists.example.org fay@seven.example
done
MOOT_NOW=2026-12-01T10:00:00Z mootd_once 2>>"$T/mootd.log"
# tok LIST ADDR: the VERP token of LIST's copy to ADDR
tok() {
	grep -l "^RCPT TO:<$2>" "$SINK_DIR"/*.env | xargs grep -h "^MAIL FROM:<$1-bounces+" |
	    head -1 | sed -n "s/^MAIL FROM:<$1-bounces+\([^@]*\)@.*/\1/p"
}
T_TOK=$(tok tight erin@six.example)
L_TOK=$(tok loose erin@six.example)
like "$T_TOK $L_TOK" '^[a-z2-7]+ [a-z2-7]+$' "erin's copies from tight and loose carry tokens"
for d in 2 3 4; do
	for l in tight loose; do
		tk=$T_TOK
		[ $l = loose ] && tk=$L_TOK
		MOOT_NOW=$(printf '2026-12-%02dT12:00:00Z' $d) moot inject \
		    --to "$l-bounces+$tk@lists.example.org" <"$HARD"
		MOOT_NOW=$(printf '2026-12-%02dT12:00:00Z' $d) mootd_once 2>>"$T/mootd.log"
	done
done
bstate() { moot member ls "$1" --bounces | awk -v a="$2" '$1 == a { print $2, $4 }'; }
is "$(bstate tight erin@six.example)" "3 DISABLED" "three days of hard bounces: tight (threshold 2) stops delivery to erin"
is "$(bstate loose erin@six.example)" "3 active" "  loose (the site's 5) still delivers to her"
done_testing
