#!/bin/bash
# relay-faults.sh - a relay that is down, answers 4xx, 452 or drops
# mid-DATA: the post stays queued and every member gets it exactly once
# (threat A5); a recipient the relay refuses for good is recorded, and
# after give_up the owners are told.
. "$(dirname "$0")/lib/common.sh"

T0=2026-11-23T10:00:00Z
at() { date -u -d "@$(( $(date -u -d "$T0" +%s) + $1 ))" +%Y-%m-%dT%H:%M:%SZ; }
run_at() { MOOT_NOW=$(at "$1") mootd_once 2>>"$T/mootd.log"; }
# exactly_once N: the sink has each of user00001..N exactly once.
exactly_once() {
	[ "$(sink_rcpts | uniq -d | wc -l)" = 0 ] &&
	[ "$(sink_rcpts | wc -l)" = "$1" ] &&
	[ "$(sink_rcpts | head -1)" = user00001@example.org ]
}

sink_start --tempfail-first 3
site_new
# --bulk: batches of many recipients, which these faults cut through;
# personal copies (one transaction each) are tried at the end.
moot list create info --bulk >/dev/null
moot member add info owner@one.example --role owner --nomail >/dev/null
members info 5
post real/crlf.eml info@lists.example.org user00001@example.org
run_at 0
is "$(spool_state 1)" distributing "451 at the end of DATA: still distributing"
like "$(spool_reason 1)" "451 4.3.0" "the reason is the relay's answer"
like "$(moot spool show 1)" "next-try: 2026-11-23 10:01" "retried after retry_min"
run_at 30
is "$(grep -c 'stored' "$SINK_DIR/sink.log")" 0 "not retried before its time"
run_at 60
like "$(moot spool show 1)" "next-try: 2026-11-23 10:03" "then twice as long"
run_at 180
is "$(spool_state 1)" distributing "three refusals"
run_at 420
is "$(spool_state 1)" sent "the fourth try goes through"
ok "every member got it exactly once" exactly_once 5

# The relay's port is closed, then opens.
sink_stop
conf_set_port "$(free_port)"
post real/dots.eml info@lists.example.org user00001@example.org
run_at 1000
is "$(spool_state 2)" distributing "relay down: still distributing"
like "$(spool_reason 2)" "relay 127.0.0.1:[0-9]+" "the reason names the relay"
sink_start
conf_set_port "$SINK_PORT"
run_at 2000
is "$(spool_state 2)" sent "relay back: sent"
ok "exactly once" exactly_once 5

# 452 "too many recipients" after 50: the rest go in the same run.
sink_start --rcpt-limit 50
# The generated members go at once; moot member rm would take a run each.
sqlite3 "$SITE/var/moot.db" "DELETE FROM member WHERE addr LIKE 'user%'"
members info 120
post real/reply.eml info@lists.example.org user00001@example.org
run_at 3000
is "$(spool_state 3)" sent "452s: all sent in the same run"
ok "each of 120 members exactly once" exactly_once 120
like "$(cat "$SINK_DIR/sink.log")" "452 4.5.3" "the relay did say 452"

# The relay drops the connection after 354.
sink_start --drop-in-data 1
post real/eightbit.eml info@lists.example.org user00001@example.org
run_at 4000
is "$(spool_state 4)" distributing "dropped mid-DATA: still distributing"
# Two transactions of 100 and 20 on two of the [relay] connections: the
# dropped one's members got nothing, the other session went on.
dropped=$(sink_rcpts | wc -l)
ok "the dropped transaction's members got nothing" [ "$dropped" -lt 120 ]
run_at 5000
is "$(spool_state 4)" sent "the retry goes through"
ok "exactly once" exactly_once 120

# One recipient refused for good (550), one deferred for ever (450).
sink_start --reject-rcpt user00003@ --defer-rcpt user00004@
post real/latin1.eml info@lists.example.org user00001@example.org
run_at 6000
is "$(spool_state 5)" distributing "a 450 keeps the post distributing"
like "$(moot spool show 5)" "deliveries: sent=118 failed=1 deferred=1" "118 sent, one failed, one deferred"
n0=$(sink_rcpts | wc -l)
run_at 7000
is "$(( $(sink_rcpts | wc -l) - n0 ))" 0 "the retry resends to nobody who has it"
like "$(grep '<<< RCPT' "$SINK_DIR/sink.log" | tail -1)" "user00004@" "only the deferred member is tried again"
for d in 1 2 3 4; do run_at $((6000 + d * 86400)); done
is "$(spool_state 5)" distributing "four days on, still trying"
run_at $((6000 + 5 * 86400 + 60))
is "$(spool_state 5)" failed "after five days it gives up"
like "$(spool_reason 5)" "gave up after 5 days: 450 4.2.1" "saying why"
owner=$(grep -l '^RCPT TO:<owner@one.example>' "$SINK_DIR"/*.env)
is "$(echo "$owner" | grep -c .)" 1 "the owner is told"
note=$(cat "${owner%.env}.eml")
like "$note" $'\r\nSubject: Post to info could not be delivered\r\n' "with the template's subject"
like "$note" $'\r\nAuto-Submitted: auto-generated\r\n' "as automated mail"
like "$note" "moot spool retry 5" "saying how to send it again"
like "$note" "moot tried for 5 days to give" "for how long, in the form 5 takes"
like "$(head -1 "${owner%.env}.env")" "MAIL FROM:<info-bounces@lists.example.org>" "from the bounce address"

# Personal copies: the first three transactions get 451, the other two
# members have theirs; the next run sends only the three.
sink_start --tempfail-first 3
moot list set info --no-bulk >/dev/null
# As above: the generated members go at once.
sqlite3 "$SITE/var/moot.db" "DELETE FROM member WHERE addr LIKE 'user%'"
members info 5
post real/alternative.eml info@lists.example.org user00002@example.org
id=$(last_id)
run_at $((6000 + 6 * 86400))
is "$(spool_state "$id")" distributing "personal copies: three 451s, still distributing"
like "$(moot spool show "$id")" "deliveries: sent=2 failed=0 deferred=3" "two sent, three deferred"
run_at $((6000 + 6 * 86400 + 120))
is "$(spool_state "$id")" sent "the retry sends the rest"
ok "every member got their copy exactly once" exactly_once 5

# Every member refused for good (a size limit, say): the post reached
# nobody, so it fails and the owner is told (it is not "sent").
sink_start --reject-rcpt user0
# (a line more in the body: not a duplicate of the first post; a subject
# with a right-to-left override, which the owner's notice shows, F3)
subj=$("$PYTHON3" -c 'import base64; print("=?utf-8?b?" + base64.b64encode("Invoice \u202efdp.exe".encode()).decode() + "?=")')
{ sed "s/^Subject: .*\r\$/Subject: $subj\r/" "$MAILDIR/real/crlf.eml"; printf 'Once more.\r\n'; } >"$T/refused.eml"
post "$T/refused.eml" info@lists.example.org user00002@example.org
id=$(last_id)
run_at $((6000 + 7 * 86400))
is "$(spool_state "$id")" failed "refused for every member: failed, not sent"
like "$(spool_reason "$id")" "refused for every member \(5\): 550 5.1.1" "  saying so"
owner=$(grep -l '^RCPT TO:<owner@one.example>' "$SINK_DIR"/*.env)
is "$(echo "$owner" | grep -c .)" 1 "the owner is told"
like "$(cat "${owner%.env}.eml")" $'\r\nSubject: Post to info reached nobody\r\n' \
    "  with the delivery-refused notice"
text=$("$PYTHON3" -c 'import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(m.get_body(("plain",)).get_content())' "${owner%.env}.eml")
like "$text" 'Subject: Invoice \\u\{202E\}fdp\.exe' \
    "  showing the post's subject with its U+202E as \\u{202E}"
is "$(grep -c $'\xe2\x80\xae' <<<"$text")" 0 "  and not the override itself"
# A list without owners: [moot] admin is told instead (issue 10 item 6).
moot member rm info owner@one.example >/dev/null
sed -i 's/^\[moot\]$/[moot]\nadmin = root@admin.example/' "$CONF"
{ cat "$T/refused.eml"; printf 'And again.\r\n'; } >"$T/refused2.eml"
post "$T/refused2.eml" info@lists.example.org user00002@example.org
id=$(last_id)
run_at $((6000 + 8 * 86400))
is "$(spool_state "$id")" failed "refused for every member of a list without owners: failed"
admin=$(grep -l '^RCPT TO:<root@admin.example>' "$SINK_DIR"/*.env)
is "$(echo "$admin" | grep -c .)" 1 "  and [moot] admin is told"

done_testing
