#!/bin/bash
# queue.sh - moot queue (issue 15, item 6): what waits to go out, a post
# the relay deferred and a notice it could not take, each with its next
# try and why; moot queue flush makes all of it due now, and the next
# mootd run sends it, each copy once; then the queue is empty.
. "$(dirname "$0")/lib/common.sh"

T0=2026-11-23T10:00:00Z
at() { date -u -d "@$(( $(date -u -d "$T0" +%s) + $1 ))" +%Y-%m-%dT%H:%M:%SZ; }
run_at() { MOOT_NOW=$(at "$1") mootd_once 2>>"$T/mootd.log"; }

sink_start --tempfail-first 1
site_new
moot list create info >/dev/null
members info 3
is "$(moot queue)" "" "an empty queue prints nothing"
post real/crlf.eml info@lists.example.org user00001@example.org
run_at 0
q=$(moot queue)
like "$q" "^post +1 +info +next 2026-11-23 10:01  defers 1  deferred 1 " \
    "a post the relay deferred: its next try, one copy deferred"
like "$q" "\(451 4\.3\.0" "  and why, the relay's answer"
is "$(moot queue ls)" "$q" "moot queue ls is moot queue"

# The relay goes away: a notice (the answer to a command) waits too.
sink_stop
printf 'From: ana@two.example\nTo: info-request@lists.example.org\nSubject: help\nMessage-ID: <q1@two.example>\n\nhelp\n' |
    moot inject --to info-request@lists.example.org --from ana@two.example
run_at 10
like "$(moot queue)" "notice +[0-9]+ +info +next 2026-11-23 10:0[0-9] +defers 1  ana@two\.example  request-reply" \
    "a notice the relay could not take: for whom, what, next try"
is "$(moot queue | grep -c .)" 2 "  the post and the notice"

# Back, and flushed: both go at once, not at their next try.
sink_start
is "$(MOOT_NOW=$(at 20) moot queue flush)" "2 waiting now due" \
    "moot queue flush makes both due now"
is "$(moot queue | grep -c "next 2026-11-23 10:00  ")" 2 "  their next try is now"
run_at 25
is "$(moot queue)" "" "the next mootd run sends them: the queue is empty"
is "$(spool_state 1)" sent "  the post is sent"
is "$(sink_rcpts | grep -c '^user0000[123]@')" 1 \
    "  the deferred copy alone went again (the other two went the first time)"
is "$(sink_rcpts | grep -c '^ana@two\.example')" 1 "  and the notice, once"
is "$(MOOT_NOW=$(at 30) moot queue flush)" "0 waiting now due" \
    "flushing an empty queue changes nothing"

done_testing
