#!/bin/bash
# postfix.sh - moot-milter inside a real, private Postfix on 127.0.0.1,
# with swaks as the client and the sink as the next hop: posts reach the
# members, unknown lists are refused at RCPT, mixed recipients work, a
# stopped milter means "try later", and a full disk or a crash at the end
# of a message never loses nor doubles a post (threats A1, A2, A3, A7,
# C3, G1, G3).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/postfix.sh"

for p in postfix swaks smtp-source; do
	command -v "$p" >/dev/null || [ -x "/usr/sbin/$p" ] ||
		{ echo "1..0 # SKIP $p is not installed (tools/deps.sh installs it)"; exit 0; }
done

MILTER_SOCK=$T/milter.sock
sink_start
site_new "[milter]
socket = unix:$MILTER_SOCK
socket_mode = 0666
[mootd]
poll = 1h"
moot list create ops --members-only --nonmember reject >/dev/null
moot list create info >/dev/null
for m in amira@one.example bogdan@four.example chen@five.example; do
	moot member add ops "$m" >/dev/null
done
moot member add info amira@one.example >/dev/null
postfix_start
conf_set_port "$PF_REINJECT"
milter_start
"$MOOTD_BIN" -c "$CONF" -f 2>"$T/mootd.log" &
T_PIDS+=("$!")
wait_for 10 test -S "$SITE/var/mootd.sock"

# swaks_to ADDRS [SWAKS ARGS]: a message from amira through Postfix.
n_swaks=0
swaks_to() {
	local to=$1
	shift
	n_swaks=$((n_swaks + 1))
	swaks --server "127.0.0.1:$PF_PORT" --from amira@one.example --to "$to" \
	    --header "Subject: test $n_swaks" --header "Message-Id: <swaks-$n_swaks@one.example>" \
	    --body "Hello number $n_swaks." "$@" >"$T/swaks.out" 2>&1
}
got() { sink_rcpts | grep -c "^$1\$"; }
spooled() { moot spool ls --limit 1000000 | wc -l; }

# 1. A member's post reaches every member.
swaks_to ops@lists.example.org
is $? 0 "a member's post to ops: 250"
# mootd polls once an hour: only the milter's wake-up brings it out
# before that.  (A minute is allowed: a loaded machine is slow.)
wait_for 60 grep -q 'list=ops sent=3' "$T/mootd.log"
ok "mootd, woken by the milter, hands it to the relay" grep -q 'list=ops sent=3' "$T/mootd.log"
wait_for 10 eval '[ "$(sink_rcpts | wc -l)" -ge 3 ]'
is "$(sink_rcpts | tr '\n' ' ')" "amira@one.example bogdan@four.example chen@five.example " \
    "through Postfix's reinjection listener to every member"
like "$(cat "$T/milter.log")" ": stored: message 1, .* from=<amira@one.example> client=localhost\[127.0.0.1\]" \
    "the milter logged the store with Postfix's queue id"
qid=$(sed -n 's/^moot-milter: \([0-9A-F]*\): stored: message 1,.*/\1/p' "$T/milter.log")
like "$(cat "$PF/maillog")" "$qid: milter-discard" "Postfix itself did not deliver the list copy (discarded after storing)"

# 2. An unknown list address is refused at RCPT (threat C3: no backscatter).
swaks_to nosuchlist@lists.example.org
is $? 24 "an unknown list: swaks sees the RCPT refused"
has "$T/swaks.out" '^<\*\* 550 5.1.1 <nosuchlist@lists.example.org>: there is no list called nosuchlist' \
    "with 550 5.1.1 naming the address"
# A stranger to a members-only list.
swaks --server "127.0.0.1:$PF_PORT" --from stranger@x.example --to ops@lists.example.org >"$T/swaks.out" 2>&1
is $? 24 "a stranger to ops: refused at RCPT"
has "$T/swaks.out" '^<\*\* 550 5.7.1 Only members of the ops list may post to it' "with 550 5.7.1 and a sentence"

# 3. A list and an outside address: both get it, the list once (A7).
before=$(spooled)
swaks_to info@lists.example.org,bob@elsewhere.example
is $? 0 "to info and to bob@elsewhere: 250"
wait_for 10 eval '[ "$(got bob@elsewhere.example)" = 1 ]'
is "$(got bob@elsewhere.example)" 1 "bob got it through Postfix"
wait_for 10 eval '[ "$(got amira@one.example)" = 2 ]'
is "$(got amira@one.example)" 2 "info's member got it through moot"
is $(( $(spooled) - before )) 1 "moot stored it once"
bobmsg=$(grep -l 'RCPT TO:<bob@elsewhere.example>' "$SINK_DIR"/*.env)
unlike "$(cat "${bobmsg%.env}.eml")" "List-Id:" "bob's copy is the original, not the list's"

# 4. The milter stopped: Postfix says "try later"; back, it goes through.
milter_stop
before=$(spooled)
swaks_to ops@lists.example.org
is $? 23 "milter down: refused at MAIL FROM"
has "$T/swaks.out" '^<\*\* 451 4.7.1' "with 451 4.7.1 (milter_default_action = tempfail)"
ok "nothing is queued in Postfix" postfix_queue_empty
milter_start
swaks_to ops@lists.example.org
is $? 0 "milter back: the retry gets 250"
wait_for 10 eval '[ "$(got bogdan@four.example)" = 2 ]'
is "$(got bogdan@four.example)" 2 "and reaches the members"
is $(( $(spooled) - before )) 1 "stored once"

# 5. A full disk while storing: 451, nothing half-stored (A2).
milter_stop
# Messages are counted in the database: one stored without its spool
# rows, which is what a half-store would leave, is in no command.
before=$(sqlite3 "$SITE/var/moot.db" "SELECT count(*) FROM message")/$(spooled)
# The WAL is folded in first, so that the file's size is the database's.
sqlite3 "$SITE/var/moot.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
limit=$(( $(stat -c %s "$SITE/var/moot.db") / 1024 + 16 ))
(trap '' XFSZ; ulimit -f $limit; exec "$MILTER_BIN" -c "$CONF" -f 2>>"$T/milter.log") &
MILTER_PID=$!
T_PIDS+=("$MILTER_PID")
wait_for 10 test -S "$MILTER_SOCK"
# Larger than the room left, whatever the schema's size: the WAL the
# message goes into may grow to the limit, no further.
head -c $(( (limit + 128) * 1024 )) /dev/zero | tr '\0' 'y' | fold -w 70 >"$T/big.txt"
swaks_to ops@lists.example.org --body "@$T/big.txt"
is $? 26 "disk full at the end of DATA: refused"
has "$T/swaks.out" '^<\*\* 451 4.3.0 moot could not store this message' "with 451 4.3.0: the client will try again"
# As above: messages are counted in the database.
is "$(sqlite3 "$SITE/var/moot.db" "SELECT count(*) FROM message")/$(spooled)" "$before" "nothing half-stored"
milter_stop
milter_start
swaks_to ops@lists.example.org --body "@$T/big.txt"
is $? 0 "with room again, the retry is stored"

# 6. A crash at the end of a message (A1): before and after the commit.
if grep -q 'define MOOT_TEST_HOOKS 1' "$MOOT_BUILDDIR/config.h"; then
	milter_stop
	before=$(spooled)
	(export MOOT_KILL_AT=eom-before-commit; exec "$MILTER_BIN" -c "$CONF" -f 2>>"$T/milter.log") &
	MILTER_PID=$!
	wait_for 10 test -S "$MILTER_SOCK"
	swaks_to ops@lists.example.org
	st=$?
	is "$st" 26 "killed before the commit: the client is told to try later"
	has "$T/swaks.out" '^<\*\* 451 4\.' "  with a 451"
	is "$(spooled)" "$before" "nothing stored"
	wait "$MILTER_PID" 2>/dev/null
	rm -f "$MILTER_SOCK"
	(export MOOT_KILL_AT=eom-after-commit; exec "$MILTER_BIN" -c "$CONF" -f 2>>"$T/milter.log") &
	MILTER_PID=$!
	wait_for 10 test -S "$MILTER_SOCK"
	n_swaks=$((n_swaks - 1))	# the client retries the same message
	swaks_to ops@lists.example.org
	st=$?
	is "$st" 26 "killed after the commit: the client is told to try later"
	has "$T/swaks.out" '^<\*\* 451 4\.' "  with a 451"
	is $(( $(spooled) - before )) 1 "but the message is stored"
	wait "$MILTER_PID" 2>/dev/null
	rm -f "$MILTER_SOCK"
	milter_start
	n_swaks=$((n_swaks - 1))
	c0=$(got chen@five.example)
	swaks_to ops@lists.example.org
	is $? 0 "the client's retry gets 250"
	wait_for 10 grep -q "duplicate of" "$T/mootd.log"
	sleep 1
	is $(( $(got chen@five.example) - c0 )) 1 "each member gets the post exactly once (the retry is a duplicate)"
else
	for _ in 1 2 3 4 5 6 7 8; do skip "built without --enable-test-hooks"; done
fi

# 7. A burst: 200 posts over 16 connections, all stored once (G3).
before=$(spooled)
rejects=$(grep -c 'milter-reject' "$PF/maillog")
/usr/sbin/smtp-source -s 16 -m 200 -f amira@one.example -t ops@lists.example.org \
    -M test.example "127.0.0.1:$PF_PORT" >"$T/burst.out" 2>&1
is $? 0 "smtp-source: 200 messages over 16 connections"
is $(( $(spooled) - before )) 200 "all 200 stored once"
is "$(grep -c 'milter-reject' "$PF/maillog")" "$rejects" \
    "none refused (no database lock reached a client)"
unlike "$(cat "$T/milter.log")" "database is locked" "no SQLITE_BUSY escaped"

# 8. The reinjection listener (G1): loopback only, no milters.
pc=$(postconf -c "$PF/etc" -P 2>/dev/null | grep "^127.0.0.1:$PF_REINJECT/inet/")
like "$pc" "/smtpd_milters = *$" "postconf -P: the reinjection listener has no milters"
like "$pc" "smtpd_client_restrictions = permit_mynetworks,reject" "and takes only mynetworks"
like "$pc" "mynetworks = 127.0.0.0/8" "which is loopback"
like "$pc" "smtpd_forbid_bare_newline = yes" "and refuses bare newlines (E3)"
is "$(ss -Hltn "sport = :$PF_REINJECT" | awk '{ print $4 }')" "127.0.0.1:$PF_REINJECT" \
    "it listens on 127.0.0.1 only"
# A client from elsewhere: XCLIENT, which this test's main.cf alone
# allows from 127.0.0.1, has Postfix take the connection for one from
# 192.0.2.7, as a client from outside would be if the listener were
# reachable; permit_mynetworks,reject must turn it away.
swaks --server "127.0.0.1:$PF_REINJECT" --xclient-addr 192.0.2.7 \
    --from amira@one.example --to ops@lists.example.org >"$T/swaks.out" 2>&1
has "$T/swaks.out" '^<\*\* 554 5\.7\.1 .*192\.0\.2\.7.*Client host rejected: Access denied' \
    "a client from a non-loopback address is refused (XCLIENT ADDR=192.0.2.7)"

done_testing
