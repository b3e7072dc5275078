#!/bin/bash
# authres.sh - who counts as a member of a members-only list with
# --from-check authenticated: a From: that our own MTA's
# Authentication-Results ([milter] authserv_id) show as a DKIM or SPF
# pass aligned with its domain; fields naming our authserv-id that a
# client sent are not believed, and moot-milter deletes them (threat B3
# and the From: forgery rows).  Messages are stamped here as the MTA's
# verifier would stamp them: its field at the top of the header.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

ID=mx.lists.example.org
sink_start
MILTER_SOCK=$T/milter.sock
site_new "[milter]
socket = unix:$MILTER_SOCK
socket_mode = 0666"

# 1. Without [milter] authserv_id the rule cannot be met: said at once.
out=$(moot list create club --members-only --from-check authenticated 2>&1)
like "$out" "warning: list club has --from-check authenticated but \[milter\] authserv_id is not set" \
    "list create warns when no authserv_id is set"
like "$(moot check 2>&1)" "club: --from-check authenticated, and no \[milter\] authserv_id" \
    "moot check says so too"
is "$(list_field club from-check)" authenticated "list show has the setting"
out=$(moot list set club --from-check sometimes 2>&1)
is $? 1 "an unknown --from-check is refused"
like "$out" "any\|authenticated|any|authenticated" "  naming the choices"
like "$(moot list create 2>&1)" "--from-check any\|authenticated" "the usage names the option"
moot member add club amira@one.example >/dev/null

# post N HEADERS...: a post from amira, with header lines above From:
# (what the MTA added) given as "top:FIELD" and below it as "FIELD".
post_club() {
	local top="" below="" h
	for h in "$@"; do
		case $h in
		top:*) top+="${h#top:}"$'\n' ;;
		*) below+="$h"$'\n' ;;
		esac
	done
	printf '%sFrom: Amira <amira@one.example>\nTo: club@lists.example.org\n%sSubject: post\nMessage-ID: <%s@one.example>\n\nHello.\n' \
	    "$top" "$below" "$RANDOM$RANDOM" >"$T/p.eml"
	moot inject --to club@lists.example.org --from amira@one.example <"$T/p.eml"
	run
	last_id
}

p=$(post_club "top:Authentication-Results: $ID; dkim=pass header.d=one.example")
is "$(spool_state "$p")" held "no authserv_id: even a stamped member's post is held"
like "$(spool_reason "$p")" "not authenticated: no \[milter\] authserv_id is set" "  saying why"

printf '[milter]\nauthserv_id = %s\n' "$ID" >>"$CONF"
out=$(moot list set club --from-check authenticated 2>&1)
unlike "$out" "warning" "with authserv_id set, list set does not warn"

# 2. What counts.
p=$(post_club "top:Authentication-Results: $ID; dkim=pass (good signature) header.d=one.example header.s=s1")
is "$(spool_state "$p")" sent "dkim=pass for the From: domain, from our MTA: the member's post is sent"
p=$(post_club "top:Authentication-Results: $ID;
	spf=pass smtp.mailfrom=bounces@mail.one.example")
is "$(spool_state "$p")" sent "spf=pass for a subdomain of the From: domain (a folded field): sent"
p=$(post_club "top:Authentication-Results: MX.Lists.Example.ORG 1; dkim=pass header.i=@one.example")
is "$(spool_state "$p")" sent "the authserv-id in another case, a version, header.i: sent"

# 3. What does not.
p=$(post_club)
is "$(spool_state "$p")" held "no Authentication-Results: the member's post is held"
like "$(spool_reason "$p")" "non-member's post: the From: address was not authenticated" "  as a non-member's, saying why"
p=$(post_club "top:Authentication-Results: other.example; dkim=pass header.d=one.example" \
    "top:Authentication-Results: $ID; dkim=fail header.d=one.example")
is "$(spool_state "$p")" held "another site's pass and our dkim=fail: held"
p=$(post_club "top:Authentication-Results: $ID; dkim=pass header.d=evil.example")
is "$(spool_state "$p")" held "dkim=pass for another domain: held"
p=$(post_club "top:Authentication-Results: other.example ($ID); dkim=pass header.d=one.example")
is "$(spool_state "$p")" held "our authserv-id inside a comment: held"
p=$(post_club "top:Authentication-Results: $ID; dkim=pass header.d=one.example (")
is "$(spool_state "$p")" held "an unreadable field: believed in nothing, held"
p=$(post_club "Authentication-Results: $ID; dkim=pass header.d=one.example")
is "$(spool_state "$p")" held "our authserv-id below the client's From: a forgery, held"
is "$(db "SELECT count(*) FROM message m JOIN spool s ON s.message_id = m.id WHERE s.id = $p AND m.auth_results LIKE '%$ID%'")" 0 \
    "  and not stored among the message's Authentication-Results"

# 4. A stranger with a pass is still a stranger; --from-check any is
#    the From: alone, as before.
printf 'Authentication-Results: %s; dkim=pass header.d=two.example\nFrom: s@two.example\nTo: club@lists.example.org\nSubject: hi\n\nx\n' "$ID" >"$T/s.eml"
moot inject --to club@lists.example.org --from s@two.example <"$T/s.eml"
run
like "$(spool_reason "$(last_id)")" "not a member" "a stranger with a DKIM pass: a stranger"
moot list create open --members-only >/dev/null
is "$(list_field open from-check)" any "--from-check is any unless set"
moot member add open amira@one.example >/dev/null
printf 'From: amira@one.example\nTo: open@lists.example.org\nSubject: hi\n\nx\n' >"$T/o.eml"
moot inject --to open@lists.example.org --from amira@one.example <"$T/o.eml"
run
is "$(spool_state "$(last_id)")" sent "--from-check any: a member's From: alone is enough"

# 5. moot-milter: a client's field naming our authserv-id is deleted and
#    not stored; the MTA's, at the top, is stored.
if command -v miltertest >/dev/null; then
	. "$(dirname "$0")/lib/postfix.sh"
	milter_start
	miltertest_run authres.lua
	is "$MT_N" 2 "miltertest ran its checks"
	is "$(db "SELECT auth_results FROM message WHERE queue_id = 'AR00001'")" \
	    "$ID; dkim=pass header.d=one.example" "the MTA's field is stored"
	is "$(db "SELECT auth_results FROM message WHERE queue_id = 'AR00002'")" \
	    "other.example; spf=pass smtp.mailfrom=one.example" "the client's forgery is not stored; another site's is"
	is "$(db "SELECT instr(raw, '$ID') FROM message WHERE queue_id = 'AR00002'")" 0 \
	    "  nor kept in the message"
	like "$(cat "$T/milter.log")" "AR00002: Authentication-Results naming $ID below the MTA's own" \
	    "the milter logs it with the queue id"
	milter_stop
else
	for i in 1 2 3 4 5 6 7 8; do skip "miltertest is not installed"; done
fi

done_testing
