#!/bin/bash
# hostile.sh - broken and hostile mail through inject and mootd: mootd
# neither crashes nor stalls, and each message ends distributed (what RFC
# 5322 and RFC 2045-2049 tell a receiver to accept), held for a moderator
# with a named reason (a member's post moot cannot read, or one over a
# limit), or, from a stranger, failed with the reason; the next post is
# delivered (threats D1, D2)
. "$(dirname "$0")/lib/common.sh"

sink_start
site_new
moot list create info >/dev/null
moot member add info amira@one.example >/dev/null
moot member add info olga@one.example --role owner --nomail >/dev/null

# The small hostile set: the state each ends in, and the reason moot
# spool shows.
declare -A want=(
	[garbage.eml]="held NUL bytes"
	[no-headers.eml]="held no header fields"
	[no-separator.eml]="held is not a header field"
	[truncated-part.eml]="sent"
	[missing-boundary.eml]="sent"
	[endless-boundary.eml]="sent"
	[eightbit-headers.eml]="sent"
	[nul-bytes.eml]="held NUL bytes"
	[deep-nesting-small.eml]="held nested deeper than 20"
)
sent=0
for name in "${!want[@]}"; do
	post "hostile/$name" info@lists.example.org amira@one.example
	id=$(last_id)
	timeout 60 "$MOOTD_BIN" -c "$CONF" --once 2>/dev/null
	is $? 0 "$name: mootd survives it"
	state=${want[$name]%% *}
	reason=${want[$name]#"$state"}
	is "$(spool_state "$id")" "$state" "$name: $state"
	if [ "$state" = held ]; then
		like "$(spool_reason "$id")" "^cannot be distributed as it is: .*${reason# }" \
		    "$name: reason '${reason# }'"
	else
		sent=$((sent + 1))
	fi
done
is "$(sink_rcpts | grep -c amira@one.example)" $sent "only what was sent reached the member"
is "$(sink_rcpts | grep -c olga@one.example)" $(( ${#want[@]} - sent )) \
    "the owner was asked about each post held"
# A stranger's post that cannot be read asks nobody.
n0=$(sink_msgs)
post hostile/nul-bytes.eml info@lists.example.org stranger@x.example
mootd_once 2>/dev/null
id=$(last_id)
is "$(spool_state "$id")" failed "a stranger's unreadable post fails"
like "$(spool_reason "$id")" "NUL bytes" "  with its reason"
is "$(sink_msgs)" "$n0" "  and nobody is asked about it"
n0=$(sink_msgs)
post real/reply.eml info@lists.example.org amira@one.example
mootd_once 2>/dev/null
is $(( $(sink_msgs) - n0 )) 1 "the next post is delivered"

# Control characters in a subject are escaped in listings (threat F3).
post hostile/control-chars-subject.eml info@lists.example.org amira@one.example
mootd_once 2>/dev/null
ls=$(moot spool ls)
unlike "$ls" $'\x1b' "moot spool ls prints no raw ESC"
like "$ls" 'Drop-in \\x1b\[2Jsession' "it shows \\x1b instead"
id=$(last_id)
unlike "$(moot spool show "$id")" $'\x07' "moot spool show prints no raw BEL"
like "$(moot spool show "$id")" '\\x07' "it shows \\x07 instead"

# The big ones (threat D2), generated, each handled within 5 s of CPU
# time and in bounded memory.  CPU time (user + system) of inject and
# mootd, not the clock: a loaded machine stretches the wall time of the
# same work, never its CPU time.  (timeout 60 only stops a hang.)
"$PYTHON3" "$MAILDIR/gen-hostile.py" "$T/big" >/dev/null
for name in nested-10000.eml parts-100000.eml header-1mb.eml base64-50mb.eml; do
	# time(1) puts "peak-RSS-kB user-s system-s" on the last line.
	/usr/bin/time -f '%M %U %S' -o "$T/time.inject" "$MOOT_BIN" -c "$CONF" inject \
	    --to info@lists.example.org --from amira@one.example <"$T/big/$name" 2>"$T/inject.err"
	st=$?
	id=$(last_id)
	if [ $st = 65 ]; then
		like "$(cat "$T/inject.err")" "larger than the limit" "$name: refused by inject as too large"
		tail -1 "$T/time.inject" >"$T/time.all"
	else
		is $st 0 "$name: stored"
		/usr/bin/time -f '%M %U %S' -o "$T/time.mootd" timeout 60 "$MOOTD_BIN" -c "$CONF" --once 2>/dev/null
		# Over a limit: never distributed; the member's post waits
		# for a moderator, who is told why.
		is "$(spool_state "$id")" held "$name: held"
		like "$(spool_reason "$id")" "^cannot be distributed as it is: " "  as unreadable"
		(tail -1 "$T/time.inject"; tail -1 "$T/time.mootd") >"$T/time.all"
	fi
	rss=$(sort -n "$T/time.all" | tail -1 | cut -d' ' -f1)
	cpu=$(awk '{ s += $2 + $3 } END { printf "%d", s * 1000 }' "$T/time.all")
	ok "$name: handled in ${cpu} ms of CPU time (under 5 s)" test "$cpu" -lt 5000
	if sanitized; then
		skip "$name: peak RSS is not measured under ASan (its shadow memory inflates it)"
	else
		ok "$name: peak RSS ${rss} kB (under 64 MB)" test "$rss" -lt 65536
	fi
done
n0=$(sink_msgs)
post real/crlf.eml info@lists.example.org amira@one.example
mootd_once 2>/dev/null
is $(( $(sink_msgs) - n0 )) 1 "after all that, a post is still delivered"

done_testing
