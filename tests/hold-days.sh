#!/bin/bash
# hold-days.sh - a held post outlives nothing (issue 12, item 2): after
# the list's --hold-days (14 unless set) a post nobody decided ends
# rejected, "nobody decided within N days", its poster told unless the
# post was automated, and logged with its queue id; a moderation token
# lives as long as the hold, but never past [moderation] token_ttl; the
# daily reminder carries a reply address that decides (threat B2).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

sink_start
site_new
moot list create info --moderated >/dev/null 2>&1
moot list create fast --moderated --hold-days 3 >/dev/null 2>&1
moot list create slow --moderated --hold-days 60 >/dev/null 2>&1
moot list create tell --moderated >/dev/null 2>&1
moot member add info ana@one.example --role moderator >/dev/null
moot member add fast ben@two.example --role moderator >/dev/null
moot member add slow cai@three.example --role moderator >/dev/null
moot member add tell dan@four.example --role moderator >/dev/null

is "$(list_field info hold-days)" 14 "list show: hold-days is 14 unless set"
is "$(list_field fast hold-days)" 3 "  and 3 when created with --hold-days 3"
moot list set fast --hold-days 0 >/dev/null 2>"$T/err"
is $? 1 "--hold-days 0: a usage error"
like "$(cat "$T/err")" "hold-days: a number of days from 1 to 365" "  which says what is wanted"
is "$(list_field fast hold-days)" 3 "  and the setting is as it was"

# modaddr LIST: the moderation address in a body or Reply-To sent to ADDR
body_addr() { newest_to "$1" | grep -o "$2-moderate+[a-z2-7]*@lists\.example\.org" | head -1; }

send info@lists.example.org pia@x.example "Long wait" "Post one."
p1=$(last_id)
send fast@lists.example.org quin@x.example "Short wait" "Post two."
p2=$(last_id)
send fast@lists.example.org robot@x.example "Automated" "Post three." \
    "Auto-Submitted: auto-generated"
p3=$(last_id)
send slow@lists.example.org sue@x.example "Very long wait" "Post four."
p4=$(last_id)
send tell@lists.example.org tom@x.example "Remind me" "Post five."
p5=$(last_id)
run
for p in $p1 $p2 $p3 $p4 $p5; do
	is "$(spool_state $p)" held "post $p is held"
done
slowreq=$(reply_addr cai@three.example moderate)
like "$slowreq" '^slow-moderate\+' "slow's moderator is asked, with a token"
# The token table is not shown by any command: its expiry is read here.
fast_exp=$(db "SELECT t.expires_at - s.created_at FROM token t JOIN spool s ON s.id = t.object_id WHERE t.purpose = 'moderate' AND t.object_id = $p2")
is "$fast_exp" $((3 * 86400)) "a token about a post held 3 days lives until the hold ends"
slow_exp=$(db "SELECT t.expires_at - t.created_at FROM token t WHERE t.purpose = 'moderate' AND t.object_id = $p4")
is "$slow_exp" $((30 * 86400)) "  one held 60 days lives token_ttl (30d), the ceiling"

# The daily reminder, the next day after 09:00: a reply address per post.
MOOT_NOW=$(at 86400)
run
rem=$(newest_to dan@four.example)
like "$rem" "Subject: .*still waiting" "the moderator of tell gets a reminder"
raddr=$(body_addr dan@four.example tell)
like "$raddr" '^tell-moderate\+[a-z2-7]{26}@' "  which names a reply address for the post"
is "$(reply_addr dan@four.example moderate)" "$raddr" "  and, about one post, replies to it"
req=$(grep -l "^RCPT TO:<dan@four.example>" "$SINK_DIR"/*.env | sort | head -1)
unlike "$(cat "${req%.env}.eml")" "${raddr%@*}" "  a fresh token, not the request's"
send "$raddr" dan@four.example "Re: reminder" "approve"
run
like "$(spool_state $p5)" "approved|distributing|sent" "approve to the reminder's address decides the post"

# --hold-days 3: held on day 2, ended after day 3.
MOOT_NOW=$(at $((2 * 86400)))
run
is "$(spool_state $p2)" held "day 2 of 3: still held"
MOOT_NOW=$(at $((3 * 86400 + 3600)))
run
is "$(spool_state $p2)" rejected "after 3 days nobody decided: rejected"
is "$(spool_reason $p2)" "nobody decided within 3 days" "  the reason says why"
like "$(newest_to quin@x.example)" "nobody decided within 3 days" "  and its poster is told so"
is "$(spool_state $p3)" rejected "an automated post ends the same way"
is "$(count_to robot@x.example)" 0 "  but its automated sender is told nothing"
qid=$(spool_field $p2 queue-id)
like "$(grep 'its hold ended' "$T/mootd.log")" "^.*$qid: post $p2 on fast: its hold ended" \
    "the end is logged with the post's queue id"
like "$(moot log fast)" "reject +post $p2 +by moot: nobody decided" "and in the audit log, by moot"
is "$(spool_state $p1)" held "the default list's post still waits"

# The default, 14 days: held on day 13, ended by day 15.
MOOT_NOW=$(at $((13 * 86400)))
run
is "$(spool_state $p1)" held "day 13 of 14: still held"
MOOT_NOW=$(at $((15 * 86400)))
run
is "$(spool_state $p1)" rejected "a post held 15 days on a default list: rejected"
like "$(newest_to pia@x.example)" "nobody decided within 14 days" "  its poster is told"

# token_ttl is a ceiling, even when the hold is longer.
MOOT_NOW=$(at $((31 * 86400)))
send "$slowreq" cai@three.example "Re: request" "approve"
run
is "$(spool_state $p4)" held "a 31-day-old token fails though the hold is 60 days"
like "$(grep 'reply ignored' "$T/mootd.log" | tail -1)" "an expired token" "  the log says so"

done_testing
