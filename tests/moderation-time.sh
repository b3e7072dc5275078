#!/bin/bash
# moderation-time.sh - a held post over time: the next moderator is
# asked after the list's escalation time, then every moderator; an away
# period passes the turn; the daily reminder; plus the crash after a
# decision (A8), two concurrent runs (B4), a flood of junk from one
# forged sender (C3) and of bad tokens (C4).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

# asked ID: who was asked about held post ID, sorted, from moot held
asked() {
	moot held | awk -v id="$1" '$1 == id { getline; sub(/.*; asked: /, ""); print }' |
	    sed 's/ ([a-z]*)//g; s/, /\n/g' | sort | paste -sd' '
}
n_post=0
post_from() {
	n_post=$((n_post + 1))
	printf 'From: %s\nTo: info@lists.example.org\nSubject: %s\nMessage-ID: <t%d@x.example>\n\nPost %d.\n' \
	    "$1" "$2" "$n_post" "$n_post" >"$T/post.eml"
	moot inject --to info@lists.example.org --from "$1" <"$T/post.eml"
}

sink_start
site_new
moot list create info --moderated --notify-held >/dev/null
for m in ana@one.example ben@two.example cai@three.example; do
	moot member add info $m --role moderator >/dev/null
done
moot member add info reader@four.example >/dev/null
moot rota set info ana@one.example ben@two.example cai@three.example --escalate 24h >/dev/null
rota=(ana@one.example ben@two.example cai@three.example)
duty=$(moot rota info | sed -n 's/^on duty now: //p')
for i in 0 1 2; do [ "${rota[$i]}" = "$duty" ] && d=$i; done
next=${rota[$(( (d + 1) % 3 ))]}
third=${rota[$(( (d + 2) % 3 ))]}

# Escalation: the next after 24 h, everyone after 48 h.
post_from someone@x.example "Waiting"
p1=$(last_id)
run
is "$(asked $p1)" "$duty" "held: the moderator on duty is asked"
MOOT_NOW=$(at 23*3600) run
is "$(asked $p1)" "$duty" "23 hours on: nobody else yet"
MOOT_NOW=$(at 25*3600) run
is "$(asked $p1)" "$(printf '%s\n' "$duty" "$next" | sort | paste -sd' ')" \
    "25 hours on: the next moderator in the rota is asked too"
is "$(count_to "$next")" 1 "  by mail"
like "$(cat "$(grep -l "^RCPT TO:<$next>" "$SINK_DIR"/*.env | sed 's/env$/eml/')")" \
    "You are asked as the next moderator in the rota" "  saying why"
MOOT_NOW=$(at 49*3600) run
is "$(asked $p1)" "$(printf '%s\n' "${rota[@]}" | sort | paste -sd' ')" \
    "49 hours on: every moderator is asked"
MOOT_NOW=$(at 73*3600) run
is "$(asked $p1 | wc -w)" 3 "and nobody twice"
like "$(moot held info)" "asked: .*\(next\).*\(all\)" "moot held shows the escalation"

# The daily reminder, at 09:00, to everyone asked, once a day.
r0=$(grep -l '^Subject: .*still waiting for a moderator' "$SINK_DIR"/*.eml 2>/dev/null | wc -l)
MOOT_NOW=$(at 3*86400+22*3600) run		# Friday 08:00
is "$(grep -l '^Subject: .*still waiting for a moderator' "$SINK_DIR"/*.eml 2>/dev/null | wc -l)" "$r0" \
    "no reminder before 09:00"
MOOT_NOW=$(at 3*86400+23*3600+60) run		# Friday 09:01
r1=$(grep -l '^Subject: 1 post to info still waiting for a moderator' "$SINK_DIR"/*.eml | wc -l)
is "$r1" $((r0 + 3)) "at 09:00 each of the three asked gets a reminder"
MOOT_NOW=$(at 3*86400+23*3600+3600) run
is "$(grep -l '^Subject: 1 post to info still waiting' "$SINK_DIR"/*.eml | wc -l)" "$r1" "and only once that day"
moot approve "$p1" >/dev/null
MOOT_NOW=$(at 4*86400+23*3600+60) run		# Saturday 09:01
is "$(grep -l '^Subject: .* still waiting' "$SINK_DIR"/*.eml | wc -l)" "$r1" "nothing waits: no reminder"

# Away: the moderator on duty is on holiday; the next one is asked.
moot rota away "$duty" 2026-11-20 2026-11-30 >/dev/null
like "$(moot rota info)" "on duty now: $next" "moot rota: the turn passed on"
like "$(moot rota info)" "away: $duty from 2026-11-20 00:00 to 2026-11-30 00:00" "and shows the away period"
post_from someone2@x.example "While away"
p2=$(last_id)
run
is "$(asked $p2)" "$next" "a post held while the moderator on duty is away goes to the next"
moot rota away "$duty" --back >/dev/null
like "$(moot rota info)" "on duty now: $duty" "back: their turn again"

# A crash right after a decision commits (A8): on restart the post goes
# out once, the token stays used, one audit row.
if grep -q 'define MOOT_TEST_HOOKS 1' "$MOOT_BUILDDIR/config.h"; then
	f=$(grep -l "^RCPT TO:<$next>" "$SINK_DIR"/*.env | sort | tail -1)
	addr=$(grep -o '^Reply-To: [a-z0-9-]*-moderate+[a-z2-7]*@lists\.example\.org' "${f%.env}.eml" | sed 's/^Reply-To: //')
	printf 'From: %s\nSubject: Re\n\napprove\n' "$next" | moot inject --to "$addr" --from "$next"
	MOOT_KILL_AT=decision-after-commit mootd_once 2>>"$T/mootd.log"
	is $? 137 "killed right after the decision was committed"
	is "$(spool_state $p2)" approved "the decision survived"
	run
	is "$(spool_state $p2)" sent "after a restart the post is sent"
	is "$(grep -l 'Subject: While away' "$SINK_DIR"/*.eml | xargs grep -l '^List-Id' | wc -l)" 1 "once"
	is "$(log_count info " post $p2 +by ")" 1 "one audit row"
	# A token's use is kept apart from what it decided: no command shows it.
	is "$(db "SELECT count(*) FROM token WHERE object_id = $p2 AND used_at IS NOT NULL")" 1 "the token stays used"
else
	for _ in 1 2 3 4 5 6; do skip "built without --enable-test-hooks"; done
fi

# Two mootd --once at the same time, each with an answer (B4).
post_from someone3@x.example "Race"
p3=$(last_id)
run
# The third is asked too, by hand (no command asks), and token.py makes
# both tokens over the list's id, which no command shows.
db "INSERT OR IGNORE INTO asked (spool_id, addr, level, at) VALUES ($p3, '$third', 2, 0)"
list_id=$(db "SELECT id FROM list WHERE name = 'info'")
now=$(date -u -d "$T0" +%s)
t1=$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/token.py" "$SITE/var/secret" "$SITE/var/moot.db" moderate "$list_id" "$p3" "$duty" 86400 "$now")
t2=$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/token.py" "$SITE/var/secret" "$SITE/var/moot.db" moderate "$list_id" "$p3" "$third" 86400 "$now")
printf 'From: %s\nSubject: Re\n\napprove\n' "$duty" | moot inject --to "info-moderate+$t1@lists.example.org" --from "$duty"
printf 'From: %s\nSubject: Re\n\ndiscard\n' "$third" | moot inject --to "info-moderate+$t2@lists.example.org" --from "$third"
mootd_once 2>>"$T/mootd.log" &
a=$!
mootd_once 2>>"$T/mootd.log" &
b=$!
wait $a; wait $b
is "$(log_count info " post $p3 +by ")" 1 "two concurrent runs: one decision"
like "$(spool_state $p3)" "^(sent|discarded)$" "  and the post is where that decision put it"
# The notice waits in the outbox until a run sends it; no command lists
# the outbox, and the other moderator hears of it only by mail.
is "$(db "SELECT count(*) FROM outbox WHERE purpose = 'decision-already' AND spool_id = $p3")" 1 "  the other moderator is told"

# 100 junk posts from one forged sender in an hour: one notice (C3).
before=$(count_to victim@x.example)
for i in $(seq 100); do
	printf 'From: victim@x.example\nSubject: junk %d\nMessage-ID: <junk%d@x>\n\nbuy\n' $i $i
done >"$T/junk.mbox"
for i in $(seq 100); do
	printf 'From: victim@x.example\nSubject: junk %d\nMessage-ID: <junk%d@x>\n\nbuy\n' $i $i |
	    moot inject --to info@lists.example.org --from victim@x.example
done
MOOT_NOW=$(at 3600) run
is "$(moot held info | grep -cE '  junk [0-9]+$')" 100 "100 junk posts, all held"
is $(( $(count_to victim@x.example) - before )) 1 "the forged sender got one notice, not 100"

# 1,000 replies with bad tokens: no mail at all, a log line each (C4).
n0=$(ls "$SINK_DIR"/*.env | wc -l)
l0=$(grep -c 'moderation reply ignored' "$T/mootd.log")
for i in $(seq 10); do
	args=()
	for k in $(seq 100); do
		args+=(--to "info-moderate+$(printf 'bad%023d' $((i * 1000 + k)) | tr '0-9' 'a-j')@lists.example.org")
	done
	printf 'From: %s\nSubject: Re\n\napprove\n' "$duty" | moot inject "${args[@]}" --from "$duty"
done
MOOT_NOW=$(at 3600) run
is $(( $(grep -c 'moderation reply ignored' "$T/mootd.log") - l0 )) 1000 "1,000 bad tokens: 1,000 log lines"
is "$(ls "$SINK_DIR"/*.env | wc -l)" "$n0" "and no mail to anyone"

done_testing
