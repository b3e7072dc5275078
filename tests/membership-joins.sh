#!/bin/bash
# membership-joins.sh - who may join a list by mail (--joins open,
# confirm, approve, closed; --approve-joins the older spelling), so that
# --requires keeps strangers out; who reads LIST-owner of a list without
# owners ([moot] admin, or nobody: then it fails, logged); the warning
# for a moderated list without an owner (issue 10, item 6).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

member() { member_field "$1" "$2" 2; }	# the role, or nothing
# join LIST ADDR: mail to LIST-join, then mootd
join() { send "$1-join@lists.example.org" "$2" "" ""; run; }
# confirm ADDR: reply to the newest confirmation ADDR had
confirm() { send "$(reply_addr "$1" confirm)" "$1" "Re:" ""; run; }
subjects_to() {
	for f in $(grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env 2>/dev/null); do
		sed -n 's/^Subject: \(.*\)\r$/\1/p' "${f%.env}.eml"; done
}

sink_start
site_new

# 1. The setting: confirm by default, one of four words, shown.
moot list create info --description "Information Group" >/dev/null
is "$(list_field info joins)" confirm "joins: confirm by default"
out=$(moot list set info --joins maybe 2>&1)
is $? 1 "--joins maybe is refused"
like "$out" '^moot: --joins: "maybe" is not one of open, confirm, approve, closed' "  naming the choices"
for w in open approve closed confirm; do
	moot list set info --joins $w >/dev/null
	is "$(list_field info joins)" $w "list set --joins $w"
done
moot list create tf-x --joins closed >/dev/null
is "$(list_field tf-x joins)" closed "list create --joins closed"
# The older spelling still works, and undoes only itself.
moot list set tf-x --approve-joins >/dev/null
is "$(list_field tf-x joins)" approve "--approve-joins is --joins approve"
moot list set tf-x --no-approve-joins >/dev/null
is "$(list_field tf-x joins)" confirm "--no-approve-joins: back to confirm"
moot list set tf-x --joins closed --no-approve-joins >/dev/null
is "$(list_field tf-x joins)" closed "  and leaves a closed list closed"
unlike "$(moot list set --help 2>&1)" "approve-joins" "usage shows --joins only"
moot list rm tf-x >/dev/null

# 2. confirm: today's double opt-in.
join info c1@one.example
is "$(member info c1@one.example)" "" "confirm: not a member before confirming"
like "$(subjects_to c1@one.example)" "confirm: join" "  asked to confirm"
confirm c1@one.example
is "$(member info c1@one.example)" member "  a member once confirmed"

# 3. open: a join of one's own takes effect at once, with a welcome.
moot list set info --joins open >/dev/null
join info o1@one.example
is "$(member info o1@one.example)" member "open: a member at once"
is "$(subjects_to o1@one.example)" "Welcome to the info list" "  welcomed, and nothing else"
# Asked for another address, that address still confirms.
send info-request@lists.example.org o1@one.example "" "subscribe other@two.example"
run
is "$(member info other@two.example)" "" "open: another address is not added"
like "$(subjects_to other@two.example)" "confirm: join" "  it is asked to confirm"
join info o1@one.example
like "$(newest_to o1@one.example)" "already" "joining again: told they are a member"

# 4. approve: --requires keeps strangers out (a stranger cannot join ops,
# and so cannot join strategy).
moot list create ops --members-only --joins approve >/dev/null
moot list create strategy --members-only --requires ops --joins approve >/dev/null
for l in ops strategy; do moot member add $l org@one.example --role organiser >/dev/null; done
join ops stranger@six.example
confirm stranger@six.example
is "$(member ops stranger@six.example)" "" "approve: confirmed, not a member of ops"
is "$(db "SELECT state FROM request WHERE addr = 'stranger@six.example'")" approving "  waiting for an organiser"
like "$(newest_to org@one.example)" "New member for ops" "  who is asked"
join strategy stranger@six.example
confirm stranger@six.example
is "$(member strategy stranger@six.example)" "" "  so strategy is closed to them too"
like "$(newest_to stranger@six.example)" "You cannot join the strategy list yet" "  told it requires ops"
# An approval is the person's it was sent to (threat B3): another
# organiser holding it forwarded or intercepted it.
ja=$(reply_addr org@one.example moderate)
like "$ja" '^ops-moderate\+[a-z2-7]{26}@' "the organiser's reply address carries a token"
moot member add ops org2@one.example --role organiser >/dev/null
send "$ja" org2@one.example "Re: New member" "approve"
run
is "$(member ops stranger@six.example)" "" "another organiser with that token: nothing"
is "$(db "SELECT state FROM request WHERE addr = 'stranger@six.example' AND list_id = (SELECT id FROM list WHERE name = 'ops')")" approving \
    "  the join still waits"
send "$ja" org@one.example "Re: New member" "approve"
run
is "$(member ops stranger@six.example)" member "the organiser it was sent to approves"

# 5. closed: refused with a clear answer, no confirmation, no request.
moot list create board --joins closed >/dev/null
moot member add board chair@one.example --role owner >/dev/null
join board closed@seven.example
is "$(member board closed@seven.example)" "" "closed: not a member"
msg=$(newest_to closed@seven.example | tr -d '\r')
like "$msg" "Subject: Your message to board-request@lists.example.org" "  answered"
like "$msg" "The board group is not joined by mail: the people who run it add" "  saying the owners add members"
unlike "$(subjects_to closed@seven.example)" "confirm: join" "  and not asked to confirm"
is "$(db "SELECT count(*) FROM request WHERE addr = 'closed@seven.example'")" 0 "  no request is opened"
send board-request@lists.example.org closed@seven.example "" "info"
run
like "$(newest_to closed@seven.example | tr -d '\r')" "is not joined by mail" "info says the list is closed"
# A join asked before the list closed, confirmed after: refused.
moot list set board --joins confirm >/dev/null
join board late@eight.example
moot list set board --joins closed >/dev/null
confirm late@eight.example
is "$(member board late@eight.example)" "" "confirmed after the list closed: not a member"
msg=$(newest_to late@eight.example | tr -d '\r')
like "$msg" "Subject: Your request to join the board list" "  told"
like "$msg" "is not joined by mail" "  why"
out=$(moot member add board added@nine.example 2>&1)
is "$?:$out" "0:added@nine.example added to board as member" "the owners add members with moot member add"

# 6. A moderated list without an owner: a warning, exit 0.
out=$(moot list create news --moderated 2>&1 >/dev/null)
is $? 0 "list create --moderated without an owner: exit 0"
like "$out" "^moot: warning: list news is moderated and has no owner" "  a warning on standard error"
out=$(moot list set news --description "News" 2>&1 >/dev/null)
like "$out" "warning: list news is moderated and has no owner" "list set warns too"
moot member add news boss@one.example --role owner >/dev/null
out=$(moot list set news --description "The news" 2>&1 >/dev/null)
is "$out" "" "  not once it has an owner"
out=$(moot list set info --description "Info" 2>&1 >/dev/null)
is "$out" "" "  nor for a list that is not moderated"

# 7. LIST-owner: the owners; without owners, [moot] admin; else failed.
send news-owner@lists.example.org someone@ten.example "To the owners" "hello"
run
is "$(spool_state "$(last_id)")" sent "-owner with an owner: sent"
like "$(newest_to boss@one.example | tr -d '\r')" "Subject: To the owners" "  to the owner"
send info-owner@lists.example.org someone@ten.example "Nobody owns info" "hello"
run
id=$(last_id)
is "$(spool_state "$id")" failed "-owner without owners or admin: failed, not sent to nobody"
like "$(spool_reason "$id")" "list info has no owner and \[moot\] admin is not set" "  saying why"
like "$(cat "$T/mootd.log")" "mail from <someone@ten.example> to info-owner: list info has no owner" "  in the log"
like "$(moot check 2>&1)" "info: no owner, and no \[moot\] admin: mail to info-owner fails" "moot check names the list"
sed -i 's/^\[moot\]$/[moot]\nadmin = Root@Admin.example/' "$CONF"
send info-owner@lists.example.org someone@ten.example "Still nobody" "hello"
run
id=$(last_id)
is "$(spool_state "$id")" done "-owner without owners: done"
like "$(spool_reason "$id")" "forwarded to \[moot\] admin <root@admin.example>" "  forwarded to [moot] admin"
msg=$(newest_to root@admin.example | tr -d '\r')
like "$msg" "^X-Loop: info-owner@lists.example.org" "  as the owners would have it, with moot's X-Loop"
like "$msg" "Subject: Still nobody" "  the message as it came"
like "$(moot check 2>&1)" "info: no owner: mail to info-owner goes to \[moot\] admin, root@admin.example" "moot check says where it goes"
out=$(moot list create solo --moderated 2>&1 >/dev/null)
like "$out" "mail to solo-owner goes to \[moot\] admin" "the warning says so too"
# A post held on a list with no moderators or owners: [moot] admin is
# asked, decides as a moderator would, and nobody else with its token.
send solo@lists.example.org poster@eleven.example "For solo" "hello"
run
id=$(last_id)
is "$(spool_state "$id")" held "a post to solo, with nobody to moderate it: held"
ma=$(reply_addr root@admin.example moderate)
like "$ma" '^solo-moderate\+[a-z2-7]{26}@' "  [moot] admin is asked"
send "$ma" poster@eleven.example "Re:" "approve"
run
is "$(spool_state "$id")" held "  another sender with its token decides nothing"
send "$ma" Root@Admin.example "Re:" "approve"
run
like "$(spool_state "$id")" "sent|approved" "  [moot] admin's approval decides"

# 8. A database of schema 4 whose list approved joins: joins approve.
rm -f "$SITE"/var/moot.db*
sqlite3 "$SITE/var/moot.db" <"$MOOT_SRCDIR/tests/data/db/v4.sql"
db "UPDATE list SET approve_joins = 1 WHERE name = 'ops'"
is "$(list_field ops joins) $(list_field info joins)" "approve confirm" \
    "schema 4 to 5: a list that approved joins approves them, others confirm"
is "$(db 'PRAGMA user_version')" "$SCHEMA_VERSION" "  migrated"

done_testing
