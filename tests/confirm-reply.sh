#!/bin/bash
# confirm-reply.sh - a reply to a confirmation confirms whatever it says,
# unless it clearly declines ("no", "cancel" alone, in any language moot
# has words for): then the request is closed and the token used up
# (threat B7: replying is the capability).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

confirm_addr() { reply_addr "$1" confirm; }
member() { member_field "$1" "$2" 3; }	# the mode, or nothing
UTF8='Content-Type: text/plain; charset=utf-8'

sink_start
site_new ""
moot list create info --description "Information Group" >/dev/null
moot member add info owner@one.example --role owner >/dev/null

# 1. "No thanks" declines: no member, the token is used up.
send info-request@lists.example.org a@two.example "subscribe" ""
run
ca=$(confirm_addr a@two.example)
send "$ca" a@two.example "Re: Please confirm: join the info list" "No thanks."
run
is "$(member info a@two.example)" "" "\"No thanks.\" declines: not a member"
like "$(moot spool show "$(last_id)")" "reason: declined" "  logged as declined"
send "$ca" a@two.example "Re: Please confirm" "yes"
run
is "$(member info a@two.example)" "" "  the token is used up"
like "$(moot spool show "$(last_id)")" "reason: confirmation refused" "  and refused after"

# 2. The request is closed: asking again works, and "No problem"
# confirms (a no-word followed by more words never decides).
send info-request@lists.example.org a@two.example "subscribe" ""
run
ca2=$(confirm_addr a@two.example)
ok "a new request after a decline" test -n "$ca2" -a "$ca2" != "$ca"
send "$ca2" a@two.example "Re: Please confirm" "No problem, glad to join"
run
is "$(member info a@two.example)" mail "\"No problem, ...\" confirms"

# 3. An empty reply confirms; "cancel" alone declines.
send info-request@lists.example.org b@three.example "subscribe" ""
run
send "$(confirm_addr b@three.example)" b@three.example "Re: x" ""
run
is "$(member info b@three.example)" mail "an empty reply confirms"
send info-request@lists.example.org c@four.example "subscribe" ""
run
send "$(confirm_addr c@four.example)" c@four.example "Re: x" "Cancel"
run
is "$(member info c@four.example)" "" "\"Cancel\" declines"

# 4. Other languages: Arabic "لا" declines leaving; "لا بأس" confirms.
send info-leave@lists.example.org a@two.example "" ""
run
send "$(confirm_addr a@two.example)" a@two.example "Re: x" "لا" "$UTF8"
run
is "$(member info a@two.example)" mail "Arabic \"no\" declines leaving: still a member"
send info-leave@lists.example.org a@two.example "" ""
run
send "$(confirm_addr a@two.example)" a@two.example "Re: x" "لا بأس" "$UTF8"
run
is "$(member info a@two.example)" "" "Arabic \"no problem\" confirms: gone"

# 5. A "no" only in the quote confirms; an out-of-office does nothing.
send info-request@lists.example.org d@five.example "subscribe" ""
run
cd_=$(confirm_addr d@five.example)
send "$cd_" d@five.example "Out of office" "no" "Auto-Submitted: auto-replied"
run
is "$(member info d@five.example)" "" "an automatic reply neither confirms"
send "$cd_" d@five.example "Re: x" "Sure.\n\n> Reply to confirm\n> no"
run
is "$(member info d@five.example)" mail "  nor declines: a reply after it confirms"

done_testing
