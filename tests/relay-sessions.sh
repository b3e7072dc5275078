#!/bin/bash
# relay-sessions.sh - moot's SMTP client: [relay] connections sessions at
# once, each pipelining (a copy's end of data goes with the next
# envelope); one command at a time to a relay without PIPELINING; an
# 8-bit post deferred by a relay without 8BITMIME; libesmtp when
# [relay] starttls asks for it; an address with a line break refused by
# both.  Every member exactly once throughout.
. "$(dirname "$0")/lib/common.sh"

# exactly_once N: the sink has each of user00001..N exactly once.
exactly_once() {
	[ "$(sink_rcpts | uniq -d | wc -l)" = 0 ] &&
	[ "$(sink_rcpts | wc -l)" = "$1" ] &&
	[ "$(sink_rcpts | head -1)" = user00001@example.org ]
}
sessions() { grep -c '\] open peer=' "$SINK_DIR/sink.log"; }
# most_txns: the most MAIL commands in one session
most_txns() {
	sed -n 's/.*\[conn \([0-9]*\)\] <<< MAIL FROM.*/\1/p' "$SINK_DIR/sink.log" |
	    sort | uniq -c | sort -rn | awk 'NR == 1 { print $1 }'
}
# overlapped: some session opened while another had not yet said QUIT
# (its "close" may be logged after the next one's "open")
overlapped() {
	awk '/\] open peer=/ { if (open > 0) found = 1; open++ }
	     /\] <<< QUIT/ { open-- }
	     END { exit !found }' "$SINK_DIR/sink.log"
}
apart() { ! overlapped; }
early() { cat "$SINK_DIR/early" 2>/dev/null || echo 0; }

sink_start
site_new "[relay]
max_transactions = 5"
moot list create info >/dev/null
moot list create bulk --bulk >/dev/null
members info 40
members bulk 250

# Four sessions at once, five copies each, pipelined.
post real/dots.eml info@lists.example.org user00001@example.org
mootd_once 2>>"$T/mootd.log"
is "$(spool_state 1)" sent "a copy each: sent"
ok "every member exactly once" exactly_once 40
is "$(most_txns)" 5 "at most 5 copies a session ([relay] max_transactions)"
ok "  so at least 8 sessions" test "$(sessions)" -ge 8
ok "sessions at once" overlapped
n=$(early)
ok "pipelined: commands came before the reply to the one before ($n)" \
    test "$n" -ge 80
# lines that begin with a dot arrive as they were written (stuffed by
# moot, unstuffed by the relay)
is "$(grep -c '^\.' "$(sink_file 1)")" "$(grep -c '^\.' "$MAILDIR/real/dots.eml")" \
    "lines that begin with a dot arrive as written"
ok "  .htaccess among them" grep -q '^\.htaccess and' "$(sink_file 1)"

# One session at a time.
sink_start
printf '[relay]\nconnections = 1\n' >>"$CONF"
post real/reply.eml info@lists.example.org user00001@example.org
mootd_once 2>>"$T/mootd.log"
is "$(spool_state 2)" sent "connections = 1: sent"
ok "  every member exactly once" exactly_once 40
ok "  never two sessions at once" apart
sed -i '/^connections = 1$/d' "$CONF"

# A relay without PIPELINING: one command, one reply.
sink_start --no-pipelining
post real/crlf.eml info@lists.example.org user00001@example.org
post real/latin1.eml bulk@lists.example.org user00001@example.org
mootd_once 2>>"$T/mootd.log"
is "$(spool_state 3)" sent "no PIPELINING, a copy each: sent"
is "$(spool_state 4)" sent "no PIPELINING, --bulk: sent"
# the first 40 are members of both lists
is "$(sink_rcpts | uniq | wc -l)" 250 "  everybody"
is "$(sink_rcpts | wc -l)" 290 "  once a list"

# A relay without 8BITMIME and an 8-bit post: deferred, saying why.
sink_start --no-8bitmime
post real/eightbit.eml info@lists.example.org user00001@example.org
mootd_once 2>>"$T/mootd.log"
is "$(spool_state 5)" distributing "no 8BITMIME: still distributing"
like "$(spool_reason 5)" "does not offer 8BITMIME" "  saying why"
is "$(sink_msgs)" 0 "  nothing sent"

# [relay] starttls = try: libesmtp, one session, with the same outcome.
sink_start
printf '[relay]\nstarttls = try\n' >>"$CONF"
post real/alternative.eml info@lists.example.org user00001@example.org
mootd_once 2>>"$T/mootd.log"
is "$(spool_state 6)" sent "starttls = try (libesmtp): sent"
ok "  every member exactly once" exactly_once 40
ok "  one session at a time" apart
is "$(most_txns)" 5 "  at most 5 copies a session"
is "$(sessions)" 8 "  so 8 sessions, one after another"


# An address with a line break in a member's record (written around moot,
# which checks addresses when they are added) would make the rest of its
# RCPT line a command of its own (threat F1).  Neither client sends it:
# it is refused (553) and everybody else gets the post, once.
sqlite3 "$SITE/var/moot.db" "INSERT INTO member (list_id, addr, created_at)
    SELECT id, 'user00000@example.org' || char(13, 10) || 'RSET', 0
    FROM list WHERE name IN ('info', 'bulk')"
bad_status() {
	sqlite3 "$SITE/var/moot.db" "SELECT status || ' ' || code FROM delivery
	    WHERE spool_id = $1 AND addr LIKE 'user00000@example.org%'"
}
sink_start
post real/arabic-subject.eml info@lists.example.org user00001@example.org
mootd_once 2>>"$T/mootd.log"
is "$(spool_state 7)" sent "starttls = try, a line break in an address: sent"
is "$(bad_status 7)" "failed 553" "  that address refused (553)"
ok "  every member exactly once" exactly_once 40
is "$(grep -c 'RSET' "$SINK_DIR/sink.log")" 0 "  and no RSET reached the relay"
sed -i '/^starttls = try$/d' "$CONF"
sink_start
post real/forwarded.eml bulk@lists.example.org user00001@example.org
post real/chinese-subject.eml info@lists.example.org user00001@example.org
mootd_once 2>>"$T/mootd.log"
is "$(spool_state 8):$(spool_state 9)" sent:sent "moot's client, --bulk and a copy each: sent"
is "$(bad_status 8):$(bad_status 9)" "failed 553:failed 553" "  that address refused (553) in both"
is "$(sink_rcpts | wc -l)" 290 "  everybody else once a list"
is "$(grep -c 'RSET' "$SINK_DIR/sink.log")" 0 "  and no RSET reached the relay"
done_testing
