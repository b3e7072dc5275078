#!/bin/bash
# loops.sh - moot's own mail coming back is never distributed again
# (threat C1), and two lists subscribed to each other deliver once each
. "$(dirname "$0")/lib/common.sh"

sink_start
site_new
moot list create info --bulk >/dev/null	# one copy to carry back
moot list create ops >/dev/null
moot list create strategy >/dev/null
moot member add info amira@one.example >/dev/null
moot member add info bob@two.example >/dev/null

post real/reply.eml info@lists.example.org amira@one.example
mootd_once 2>/dev/null
is "$(sink_msgs)" 1 "the post went out"
# The members' copy comes back to the list (a member forwards all mail).
cp "$(sink_file 1)" "$T/copy.eml"
sink_start
post "$T/copy.eml" info@lists.example.org bob@two.example
mootd_once 2>/dev/null
is "$(spool_state "$(last_id)")" failed "our copy, back at the list: failed"
like "$(spool_reason "$(last_id)")" "^loop" "with the reason loop"
is "$(sink_msgs)" 0 "and nothing sent"

# A copy whose X-Loop was stripped on the way is still caught by List-Id.
grep -v '^X-Loop:' "$T/copy.eml" | sed 's/^Message-ID: .*/Message-ID: <other@x>/' >"$T/copy2.eml"
post "$T/copy2.eml" info@lists.example.org bob@two.example
mootd_once 2>/dev/null
like "$(spool_reason "$(last_id)")" "loop: .*List-Id" "List-Id alone is enough"

# 51 Received fields with the two of the post (Postfix hopcount_limit: 50).
{ for i in $(seq 49); do echo "Received: from hop$i.example by hop$((i+1)).example"; done
  cat "$MAILDIR/real/crlf.eml"; } >"$T/hops.eml"
post "$T/hops.eml" info@lists.example.org amira@one.example
mootd_once 2>/dev/null
like "$(spool_reason "$(last_id)")" "loop: 51 Received" "51 Received fields: a loop"
is "$(sink_msgs)" 0 "nothing sent"

# ops and strategy subscribed to each other.  The sink stands for the
# MTA: whatever it receives for one of our lists goes back in as mail.
moot member add ops strategy@lists.example.org >/dev/null
moot member add ops olga@one.example >/dev/null
moot member add strategy ops@lists.example.org >/dev/null
moot member add strategy sam@two.example >/dev/null
sink_start
post real/crlf.eml ops@lists.example.org olga@one.example
seen=0
for round in 1 2 3 4 5; do
	mootd_once 2>/dev/null
	for env in "$SINK_DIR"/*.env; do
		[ -e "$env" ] || continue
		k=${env##*/}
		k=${k%.env}
		[ "$k" -le "$seen" ] && continue
		for rcpt in $(sed -n 's/^RCPT TO:<\(.*@lists\.example\.org\)>$/\1/p' "$env"); do
			from=$(sed -n 's/^MAIL FROM:<\([^>]*\)>.*/\1/p' "$env")
			moot inject --to "$rcpt" --from "$from" <"${env%.env}.eml"
		done
		seen=$k
	done
done
sent() { moot spool ls --state sent --list "$1" | wc -l; }
is "$(sent ops)" 1 "ops delivered once"
is "$(sent strategy)" 1 "strategy delivered once"
is "$(sink_rcpts | grep -c 'olga@one.example')" 1 "olga got it once"
is "$(sink_rcpts | grep -c 'sam@two.example')" 1 "sam got it once"
is "$(moot spool ls | grep -c '  (loop')" 4 \
    "the copy that came back was stopped as a loop"

done_testing
