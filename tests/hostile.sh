#!/bin/bash
# hostile.sh - broken and hostile mail through inject and mootd: each ends
# "failed" (or refused) with a named reason, mootd neither crashes nor
# stalls, and the next post is delivered (threats D1, D2)
. "$(dirname "$0")/lib/common.sh"

sink_start
site_new
moot list create info >/dev/null
moot member add info amira@one.example >/dev/null

# The small hostile set, each with the reason moot spool shows.
declare -A want=(
	[garbage.eml]="NUL bytes"
	[no-headers.eml]="no header fields"
	[no-separator.eml]="is not a header field"
	[truncated-part.eml]="truncated"
	[missing-boundary.eml]="has no boundary"
	[endless-boundary.eml]="truncated"
	[eightbit-headers.eml]="raw 8-bit bytes in header"
	[nul-bytes.eml]="NUL bytes"
	[deep-nesting-small.eml]="nested deeper than 20"
)
for name in "${!want[@]}"; do
	post "hostile/$name" info@lists.example.org amira@one.example
	id=$(last_id)
	timeout 60 "$MOOTD_BIN" -c "$CONF" --once 2>/dev/null
	is $? 0 "$name: mootd survives it"
	is "$(spool_state "$id")" failed "$name: failed"
	like "$(spool_reason "$id")" "${want[$name]}" "$name: reason '${want[$name]}'"
done
is "$(sink_msgs)" 0 "none of them was sent"
post real/reply.eml info@lists.example.org amira@one.example
mootd_once 2>/dev/null
is "$(sink_msgs)" 1 "the next post is delivered"

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
		is "$(spool_state "$id")" failed "$name: failed"
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
post real/crlf.eml info@lists.example.org amira@one.example
mootd_once 2>/dev/null
is "$(sink_msgs)" 3 "after all that, a post is still delivered"

done_testing
