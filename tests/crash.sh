#!/bin/bash
# crash.sh - mootd killed in the middle: no member loses the post, and
# only the transactions in flight, one on each of the [relay] connections
# at once, may be sent twice (threat A4), with a copy each and on a --bulk
# list; a message that kills the processor three times ends "failed"
# (threat A6).
. "$(dirname "$0")/lib/common.sh"

if ! "$MOOT_BUILDDIR/mootd" --help 2>&1 | grep -q . ||
   ! grep -q 'define MOOT_TEST_HOOKS 1' "$MOOT_BUILDDIR/config.h"; then
	echo "1..0 # SKIP built without --enable-test-hooks"
	exit 0
fi

N=1000
CONNS=4		# [relay] connections, the default
# check_delivery WHAT MAX: every member at least once; at most MAX sent
# twice: one transaction on each connection, as the threat model allows
# (a copy each: CONNS members; --bulk: CONNS transactions of 100).
check_delivery() {
	local dups missing
	dups=$(sink_rcpts | uniq -d | wc -l)
	missing=$(comm -23 "$T/members.txt" <(sink_rcpts | uniq) | wc -l)
	is "$missing" 0 "$1: every member got it"
	ok "$1: at most the transactions in flight sent twice ($dups <= $2)" \
	    test "$dups" -le "$2"
}

sink_start
site_new
moot list create info >/dev/null
moot list create bulk --bulk >/dev/null
members bulk $N
members info $N
sort -o "$T/members.txt" "$T/members.txt"

# 1. Killed by the relay's side after 300 recipients, then run again.
sink_start --kill-after-rcpts 300 --kill-pid-file "$T/mootd.pid"
post real/crlf.eml info@lists.example.org user00001@example.org
mootd_once 2>/dev/null &
echo $! >"$T/mootd.pid"
wait $!
is $? 137 "mootd was killed (SIGKILL) mid-distribution"
is "$(spool_state 1)" distributing "the post is still distributing"
mootd_once 2>/dev/null
is "$(spool_state 1)" sent "after a restart it is sent"
check_delivery "kill after 300 recipients" $CONNS
is "$(sink_rcpts | uniq -d | wc -l)" 0 "killed before the transaction's DATA: nobody twice"

# 2. Twelve random kill points, on either side of committing a result,
# a copy each (info) and 100 a transaction (bulk) in turn.
RANDOM=4242
for i in $(seq 12); do
	sink_start
	sed "s/^Message-ID: .*/Message-ID: <crash-$i@one.example>/" \
	    "$MAILDIR/real/reply.eml" >"$T/post.eml"
	if [ $((i % 2)) = 1 ]; then
		list=info max=$CONNS
	else
		list=bulk max=$((CONNS * 100))
	fi
	post "$T/post.eml" $list@lists.example.org user00001@example.org
	id=$(last_id)
	case $((RANDOM % 3)) in
	0)	k=$((RANDOM % N + 1))
		sink_start --kill-after-rcpts $k --kill-pid-file "$T/mootd.pid"
		how="the relay kills it after $k recipients" ;;
	1)	k=$((RANDOM % 10 + 1))
		export MOOT_KILL_AT=fanout-before-record:$k
		how="killed before recording transaction $k" ;;
	2)	k=$((RANDOM % 10 + 1))
		export MOOT_KILL_AT=fanout-after-record:$k
		how="killed after recording transaction $k" ;;
	esac
	mootd_once 2>/dev/null &
	echo $! >"$T/mootd.pid"
	wait $!
	st=$?
	unset MOOT_KILL_AT
	is "$st" 137 "run $i ($list): $how"
	mootd_once 2>/dev/null
	ok "run $i: restarted: sent" test "$(spool_state "$id")" = sent
	check_delivery "run $i" $max
done

# 3. A poison message: killed at parse three times, then failed.
sink_start
# 997 of the 1000 go at once; moot member rm would take 997 runs.
sqlite3 "$SITE/var/moot.db" "DELETE FROM member WHERE addr > 'user00003'"
post real/alternative.eml info@lists.example.org user00001@example.org
poison=$(last_id)
for i in 1 2 3; do
	MOOT_KILL_AT=parse mootd_once 2>/dev/null
	is $? 137 "attempt $i dies at the parse kill point"
done
post real/reply.eml info@lists.example.org user00001@example.org
next=$(last_id)
mootd_once 2>/dev/null
is "$(spool_state "$poison")" failed "after three unfinished attempts: failed"
like "$(spool_reason "$poison")" "crashed processor" "as a crashed processor"
is "$(spool_state "$next")" sent "and the next post is delivered"
is "$(cat "$SINK_DIR"/*.eml | grep -c '^Message-ID: <4b2f6c1e')" 0 "the poison message was never sent"
is "$(cat "$SINK_DIR"/*.eml | grep -c '^Message-ID: <8e1f3a2b')" "$(list_field info members)" "  the next one went to every member"

done_testing
