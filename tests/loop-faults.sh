#!/bin/bash
# loop-faults.sh - mootd's rounds when the database cannot record what
# was done: writes that fail (a full disk, through libfiu) make mootd
# stop and back off instead of sending the same mail again and again
# (threats A1, A2), and a busy database is not a crashed attempt: only
# a crash brings a post closer to "failed" (threat A6).
. "$(dirname "$0")/lib/common.sh"

if ! grep -q 'define MOOT_TEST_HOOKS 1' "$MOOT_BUILDDIR/config.h"; then
	echo "1..0 # SKIP built without --enable-test-hooks"
	exit 0
fi

T0=2026-11-23T10:00:00Z
at() { date -u -d "@$(( $(date -u -d "$T0" +%s) + $1 ))" +%Y-%m-%dT%H:%M:%SZ; }
run_at() { MOOT_NOW=$(at "$1") mootd_once 2>>"$T/mootd.log"; }
# transactions: the messages whose data the sink has had, stored or not
# (a pipelined envelope that never got its data sent nothing).
transactions() { grep -c '\] data [0-9]* bytes' "$SINK_DIR/sink.log"; }

# The relay is down at first, so everything waits: a held post's request
# in the outbox, and an approved post distributing to three members.
conf_port=$(free_port)
SINK_PORT=$conf_port site_new
moot list create info --moderated >/dev/null
moot member add info mod@one.example --role moderator >/dev/null
moot list create news >/dev/null
for i in 1 2 3; do moot member add news m$i@two.example >/dev/null; done
post real/crlf.eml info@lists.example.org stranger@x.example
post real/reply.eml news@lists.example.org m1@two.example
run_at 0
is "$(spool_state 1)" held "the post to info is held"
is "$(spool_state 2)" distributing "the post to news waits for the relay"

# 1. The disk is full: every write fails with ENOSPC (libfiu); the relay
# is back.  Another connection keeps the database open, as a running
# moot-milter does, so opening it needs no write.
FULL=(-c 'enable name=posix/io/rw/pwrite,failinfo=28')
SINK_PORT=$conf_port sink_start
"$PYTHON3" - "$SITE/var/moot.db" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
db.execute("SELECT count(*) FROM spool").fetchall()
time.sleep(600)
PY
holder=$!
T_PIDS+=("$holder")
sleep 0.5
if sanitized; then
	for _ in 1 2 3 4 5; do skip "libfiu cannot run under ASan; the plain build checks this"; done
else
	for i in 1 2 3; do
		MOOT_NOW=$(at 600) fiu-run -x "${FULL[@]}" \
		    "$MOOTD_BIN" -c "$CONF" --once 2>>"$T/fiu.log"
		st=$?
	done
	is "$st" 75 "a full disk: mootd --once stops with 75"
	like "$(cat "$T/fiu.log")" "cannot record what was done" "  saying why"
	n=$(transactions)
	ok "three runs, at most one SMTP transaction each ($n)" test "$n" -le 3
	is "$(spool_state 2)" distributing "  the post is still distributing"
	# 2. The daemon: it backs off (1 s, 2 s, 4 s...) rather than sending
	# in a loop.  Bounded from above only: a slower machine sends less.
	before=$(transactions)
	MOOT_NOW=$(at 600) fiu-run -x "${FULL[@]}" \
	    "$MOOTD_BIN" -c "$CONF" -f 2>>"$T/fiu-daemon.log" &
	dpid=$!
	T_PIDS+=("$dpid")
	sleep 4
	kill "$dpid"
	wait "$dpid"
	n=$(( $(transactions) - before ))
	ok "the daemon, four seconds: at most four transactions ($n)" test "$n" -le 4
fi
kill "$holder"
# With space again, everything goes, and nobody is left out.
run_at 700
is "$?" 0 "with space again, mootd --once exits 0"
is "$(spool_state 2)" sent "the post is sent"
for i in 1 2 3; do
	ok "  m$i got it" grep -q "^RCPT TO:<m$i@two.example>" "$SINK_DIR"/*.env
done
ok "the moderator was asked" grep -q '^RCPT TO:<mod@one.example>' "$SINK_DIR"/*.env

# 3. A busy database (another writer holds it past the busy timeout)
# while the post is being held: four runs, and it is still spooled, not
# "failed" as a crashed processor; once the database is free, held.
post real/dots.eml info@lists.example.org stranger@x.example
id=$(last_id)
for i in 1 2 3 4; do
	MOOT_FAIL_AT=db-begin run_at 800
	st=$?
done
is "$st" 75 "a busy database: mootd --once stops with 75"
is "$(spool_state "$id")" spooled "four busy runs: still spooled"
unlike "$(spool_reason "$id")" "crashed" "  not counted as crashes"
run_at 900
is "$(spool_state "$id")" held "the database free again: held"

# 4. A post held while its list has nobody to ask (no moderators, no
# owners) is not forgotten: once the list has a moderator, the next
# round asks them, and escalation and reminders go on from there.
moot list create quiet --moderated >/dev/null
printf 'From: a@x.example\nTo: quiet@lists.example.org\nSubject: anyone?\nMessage-ID: <quiet1@x.example>\n\nHello.\n' |
    moot inject --to quiet@lists.example.org --from a@x.example
id=$(last_id)
run_at 1000
is "$(spool_state "$id")" held "a post to a list with nobody to ask: held"
run_at 86400
ok "  nobody asked a day later" test -z "$(grep -l '^RCPT TO:<late@one.example>' "$SINK_DIR"/*.env)"
moot member add quiet late@one.example --role moderator >/dev/null
# Ten days on: still within the list's hold (--hold-days, 14 days).
run_at $((10 * 86400))
ok "a moderator added: the next round asks them" grep -q '^RCPT TO:<late@one.example>' "$SINK_DIR"/*.env
like "$(grep -l '^RCPT TO:<late@one.example>' "$SINK_DIR"/*.env | head -1 | sed 's/env$/eml/' | xargs cat)" \
    'Reply-To: quiet-moderate\+[a-z2-7]+@lists\.example\.org' "  with a token of their own"
like "$(cat "$T/mootd.log")" "post $id: nobody had been asked; asked now" "  the log says so"

done_testing
