#!/bin/bash
# membership-rules.sh - the partnership's rules, kept by moot: a list that
# requires another, and the cascade when someone leaves it; joins that
# an owner approves by reply; a task-and-finish list that ends; an
# organiser's term and the owners' reminder a month before it ends.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

member() { member_field "$1" "$2" 2; }	# the role, or nothing
# confirmed TO FROM SUBJECT: a request by mail, confirmed by reply
confirmed() {
	send "$1" "$2" "$3" ""
	run
	send "$(reply_addr "$2" confirm)" "$2" "Re:" ""
	run
}
# join LIST ADDR: subscribe by mail and confirm by reply
join() { confirmed "$1-join@lists.example.org" "$2" ""; }

sink_start
site_new
moot list create ops --members-only --description "Operations Group" >/dev/null
moot list create strategy --members-only --requires ops --description "Strategy Group" >/dev/null
moot list create sub-strategy --requires strategy >/dev/null
moot member add ops chair@one.example --role chair >/dev/null
moot member add ops owner@one.example --role owner >/dev/null
moot member add strategy owner@one.example --role owner >/dev/null

# 1. --requires: only members of ops may join strategy.
join strategy outsider@two.example
is "$(member strategy outsider@two.example)" "" "not in ops: cannot join strategy"
msg=$(newest_to outsider@two.example)
like "$msg" $'\r\nSubject: You cannot join the strategy list yet\r\n' "  told why"
like "$msg" $'To join ops first, send any message to:\r\n  ops-join@lists.example.org' "  and how to join ops"
out=$(moot member add strategy outsider@two.example 2>&1)
is $? 1 "moot member add follows the rule too"
like "$out" "is not a member of ops, which strategy requires" "  saying so"

join ops insider@three.example
is "$(member ops insider@three.example)" member "joined ops"
join strategy insider@three.example
is "$(member strategy insider@three.example)" member "a member of ops may join strategy"
join sub-strategy insider@three.example
is "$(member sub-strategy insider@three.example)" member "and sub-strategy, which requires strategy"

# The cascade: leaving ops takes the person off strategy, and off
# sub-strategy, each with a notice.
confirmed ops-leave@lists.example.org insider@three.example ""
is "$(member ops insider@three.example)" "" "left ops"
is "$(member strategy insider@three.example)" "" "  and so strategy"
is "$(member sub-strategy insider@three.example)" "" "  and so sub-strategy"
notices=$(for f in $(grep -l '^RCPT TO:<insider@three.example>' "$SINK_DIR"/*.env); do
	sed -n 's/^Subject: \(.*\)\r$/\1/p' "${f%.env}.eml"; done)
like "$notices" "You are no longer on the strategy list" "  told about strategy"
like "$notices" "You are no longer on the sub-strategy list" "  and about sub-strategy"
like "$(for f in $(grep -l '^RCPT TO:<insider@three.example>' "$SINK_DIR"/*.env); do cat "${f%.env}.eml"; done | tr -d '\r')" \
    "address has left ops, so it has also been taken off strategy" "  saying which list they left"
like "$(moot log strategy)" "leave +insider@three.example  by insider@three.example" "the audit log has it"

# The same from the command line.
moot member add ops again@four.example >/dev/null
moot member add strategy again@four.example >/dev/null
out=$(moot member rm ops again@four.example)
like "$out" "again@four.example also removed from strategy" "moot member rm: the cascade, said"
is "$(member strategy again@four.example)" "" "  and done"

# 2. --approve-joins: confirmed joins wait for an owner or organiser.
moot list set ops --approve-joins >/dev/null
moot member add ops org@five.example --role organiser >/dev/null
confirmed ops-request@lists.example.org applicant@six.example "subscribe"
is "$(member ops applicant@six.example)" "" "approve-joins: confirmed, not yet a member"
like "$(newest_to applicant@six.example)" "The people who run the list check each new member" "  told it waits"
# Requests to join live and end by mail: no command lists them.
is "$(db "SELECT state FROM request WHERE addr = 'applicant@six.example'")" approving "  the request waits"
for a in owner@one.example org@five.example; do
	like "$(newest_to $a)" $'\r\nSubject: New member for ops\\? applicant@six.example\r\n' "  $a is asked"
done
is "$(newest_to chair@one.example | grep -c 'New member for ops')" 0 "  the chair (neither owner nor organiser) is not"
ask=$(reply_addr org@five.example moderate)
# Someone who is not an owner or organiser cannot decide, token or not.
send "$ask" chair@one.example "Re:" "approve"
run
is "$(member ops applicant@six.example)" "" "a reply from someone else changes nothing"
send "$ask" org@five.example "Re:" "approve"
run
is "$(member ops applicant@six.example)" member "the organiser approves: a member"
like "$(newest_to applicant@six.example)" "Welcome to the ops list" "  welcomed"
like "$(moot log ops)" "join-approve +applicant@six.example  by org@five.example" "  the audit log has it"
# The owner's request, answered late: already decided, nothing happens.
send "$(reply_addr owner@one.example moderate)" owner@one.example "Re:" "reject"
run
is "$(member ops applicant@six.example)" member "a second answer changes nothing"

confirmed ops-request@lists.example.org refused@seven.example "subscribe"
send "$(reply_addr owner@one.example moderate)" owner@one.example "Re:" "reject: this group is for member organisations"
run
is "$(member ops refused@seven.example)" "" "rejected: not a member"
like "$(newest_to refused@seven.example)" "this group is for member organisations" "  told why"
# As above: no command lists requests.
is "$(db "SELECT state FROM request WHERE addr = 'refused@seven.example'")" refused "  the request is closed"
moot list set ops --no-approve-joins >/dev/null

# 3. A task-and-finish list with an end date.
moot list create tf-housing --ends 2026-12-01 --description "Housing task group" >/dev/null
moot member add tf-housing a@eight.example >/dev/null
moot member add tf-housing b@eight.example --lang ar >/dev/null
printf 'From: a@eight.example\nTo: tf-housing@lists.example.org\nSubject: before\n\nhi\n' |
    moot inject --to tf-housing@lists.example.org --from a@eight.example
run
is "$(spool_state "$(last_id)")" sent "before its end date, a tf list works"
MOOT_NOW=$(at 9*86400) run
like "$(newest_to a@eight.example)" $'\r\nSubject: The tf-housing group has ended\r\n' "after it: every member is told"
ok "  in their own language" test "$(newest_to b@eight.example | grep -c '^Subject: =?UTF-8?')" -ge 1
MOOT_NOW=$(at 10*86400) run
is "$(grep -l 'group has ended\|^Subject: =?UTF-8?' $(grep -l '^RCPT TO:<a@eight.example>' "$SINK_DIR"/*.env | sed 's/env$/eml/') | wc -l)" 1 \
    "  once"
printf 'From: a@eight.example\nTo: tf-housing@lists.example.org\nSubject: after\n\nhi\n' |
    MOOT_NOW=$(at 10*86400) moot inject --to tf-housing@lists.example.org --from a@eight.example
MOOT_NOW=$(at 10*86400) run
is "$(spool_state "$(last_id)")" failed "a post after the end: refused"
send tf-housing-join@lists.example.org late@nine.example "" ""
MOOT_NOW=$(at 10*86400) run
like "$(newest_to late@nine.example)" "The tf-housing group has ended. It does not take new members." \
    "joining after the end: refused, saying why"

# 4. An organiser's term: at most three years; owners hear a month before.
moot member add ops org2@ten.example --role organiser --term-start 2024-01-01 --term-end 2026-12-20 >/dev/null
moot member add ops owner-fr@one.example --role owner --lang fr >/dev/null
like "$(moot member ls ops)" "org2@ten.example +organiser .*term 2024-01-01 to 2026-12-20 \(ends soon\)" \
    "moot member ls: a term that ends soon"
run
like "$(newest_to owner@one.example)" $'\r\nSubject: Term ending on 2026-12-20: org2@ten.example \\(organiser of ops\\)\r\n' \
    "a month before the end, the owners are told"
# The role in the owner's language, not the English word.
newest_to owner-fr@one.example | "$PYTHON3" -c '
import email, email.policy, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
print(m["Subject"]); print(m.get_body(("plain",)).get_content())' >"$T/fr"
like "$(cat "$T/fr")" "\\(organisateur de ops\\)" "  a French owner reads the role in French"
ok "  and never the English word" sh -c "! grep -q organiser '$T/fr'"
n0=$(count_to owner@one.example)
MOOT_NOW=$(at 86400) run
is "$(count_to owner@one.example)" "$n0" "  once"
moot member set ops org2@ten.example --term-end 2027-06-30 >/dev/null
MOOT_NOW=$(at 2*86400) run
is "$(count_to owner@one.example)" "$n0" "a new end date: nothing until a month before it"
like "$(MOOT_NOW=$(at 220*86400) moot member ls ops)" "org2@ten.example .*\(ENDED\)" "after the end: ENDED"

done_testing
