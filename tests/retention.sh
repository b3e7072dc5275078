#!/bin/bash
# retention.sh - old records go by themselves, each kind after its
# [retention] time and not before: junk, failed mail, sent posts,
# notices, closed requests, expired tokens (issue 11).  What must stay
# stays: a used token until it expires (B2: its replays stay refused), a
# post inside the dedupe window (A3), a held post, the audit log, the
# highest spool and request ids (tokens name them).  Logs name no whole
# token (F3).  mootd does it alone, at most hourly; `moot spool purge`
# does it at once and says what it removed.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

D=86400
gone() { ! moot spool show "$1" >/dev/null 2>&1; }
kept() { moot spool show "$1" >/dev/null 2>&1; }
# purged KIND: the count the newest `removed` log line gives KIND
purged() {
	grep 'retention: removed' "$T/mootd.log" | tail -1 |
	    sed -n "s/.* $1 \([0-9]*\).*/\1/p"
}

sink_start
site_new "$(printf '%s\n' 'dedupe_window = 4d' '[retention]' 'junk = 5d' \
    'failed = 6d' 'posts = 8d' 'tokens = 2d' 'requests = 3d' 'notices = 3d')"
moot list create open >/dev/null
moot member add open reader@one.example >/dev/null
# The held post must outlive day 40 (retention never removes what is
# held): its list holds posts 60 days, past the default 14 (--hold-days).
moot list create mod --moderated --hold-days 60 >/dev/null
moot member add mod ana@two.example --role moderator >/dev/null
moot list create gone >/dev/null

# Day 0: one of each kind.
send open@lists.example.org reader@one.example "Hello" "A post."
run
p_sent=$(last_id)
send open-request@lists.example.org someone@three.example "help" ""
p_junk=$(last_id)
send mod-moderate+aaaaaaaaaaaaaaaaaaaaaaaaaa@lists.example.org \
    ana@two.example "Re" "approve"
p_forged=$(last_id)
send gone@lists.example.org reader@one.example "Lost" "To a list removed."
p_failed=$(last_id)
moot list rm gone >/dev/null
send mod@lists.example.org stranger@four.example "Wait" "Held."
p_held=$(last_id)
send open-request@lists.example.org new@five.example "subscribe" ""
run
ca=$(reply_addr new@five.example confirm)
send "$ca" new@five.example "Re" ""
run
ok "a confirmation was made and used" test -n "$ca"
is "$(member_field open new@five.example 2)" member "  new@five is a member"
send open-request@lists.example.org last@six.example "subscribe" ""
run
is "$(spool_state "$p_sent")/$(spool_state "$p_junk")/$(spool_state "$p_forged")/$(spool_state "$p_failed")/$(spool_state "$p_held")" \
    sent/done/done/failed/held "day 0: sent, junk, a forged token, failed, held"
is "$(db "SELECT count(*) FROM request WHERE state = 'done'")" 1 "  a request done"
is "$(db "SELECT count(*) FROM token WHERE used_at IS NOT NULL")" 1 "  a token used"
audit0=$(db "SELECT count(*) FROM audit")
top=$(db "SELECT max(id) FROM spool")

# Day 4.9: nothing has ended long enough ago but the notices.
MOOT_NOW=$(at 4*D+21*3600)
n=$(db "SELECT count(*) FROM outbox WHERE state = 'sent'")
ok "the answers and confirmations were sent" test "$n" -gt 0
is "$(moot spool purge --dry-run | grep -v ' 0$')" \
    "would remove notices $n" "day 4.9: only the notices (3 days) may go"
run
ok "  the junk is kept before its 5 days" kept "$p_junk"
ok "  so is the forged token's reply" kept "$p_forged"
is "$(db "SELECT count(*) FROM outbox WHERE state = 'sent'")" 0 \
    "  mootd removed the sent notices by itself"
is "$(purged notices)" "$n" "  and logged how many"

# The used confirmation again, before it expires: refused as used (B2).
MOOT_NOW=$(at 5*D)
moot member rm open new@five.example >/dev/null
send "$ca" new@five.example "Re" ""
run
is "$(member_field open new@five.example 2)" "" "a used token, replayed at day 5: refused"
like "$(grep 'confirmation refused' "$T/mootd.log" | tail -1)" "used" "  as used: its row is still there"

# Day 5.1: the junk goes; nothing else.
MOOT_NOW=$(at 5*D+3*3600)
run
ok "day 5.1: the junk is gone" gone "$p_junk"
ok "  and the reply with a forged token" gone "$p_forged"
ok "  the failed message is kept (6 days)" kept "$p_failed"
ok "  the sent post is kept (8 days)" kept "$p_sent"

# Day 6.1: moot spool purge, saying what it removes, then removing it.
MOOT_NOW=$(at 6*D+3*3600)
like "$(moot spool purge --dry-run)" "would remove failed 1" "day 6.1: --dry-run names the failed message"
ok "  and removes nothing" kept "$p_failed"
out=$(moot spool purge)
like "$out" "removed failed 1" "moot spool purge: removed, per kind"
like "$out" "removed junk 0" "  every kind named"
ok "  the failed message is gone" gone "$p_failed"

# Day 7.5: the closed request has expired and ended 3 days ago; the
# newest request is kept whatever (its id must not come back).
MOOT_NOW=$(at 7*D+12*3600)
run
is "$(db "SELECT count(*) FROM request WHERE addr = 'new@five.example'")" 0 "day 7.5: the closed request is gone"
is "$(db "SELECT count(*) FROM request WHERE addr = 'last@six.example'")" 1 "  the newest is kept"
is "$(db "SELECT count(*) FROM token WHERE used_at IS NOT NULL")" 1 \
    "  the used token, expired at day 7, is kept 2 days more"

# Day 8.1: the sent post.  Day 9.1: the used token.  The post has the
# delivery records of a large list (made here: no sink needed for
# them), more than one transaction removes: mootd takes several rounds.
db "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i
    WHERE n < 5000) INSERT INTO delivery (spool_id, addr, status, at)
    SELECT $p_sent, 'm' || n || '@big.example', 'sent', 0 FROM i"
MOOT_NOW=$(at 8*D+3*3600)
run
ok "day 8.1: the sent post is gone" gone "$p_sent"
is "$(db "SELECT count(*) FROM delivery")" 0 "  with its 5,001 delivery records"
is "$(purged posts)" 1 "  one post, logged once"
MOOT_NOW=$(at 9*D+3*3600)
run
is "$(db "SELECT count(*) FROM token WHERE used_at IS NOT NULL")" 0 "day 9.1: the used token is gone"
send "$ca" new@five.example "Re" ""
run
is "$(member_field open new@five.example 2)" "" "  replayed now: still refused"

# Day 40: the held post waits on; the audit log is whole; the highest
# spool id stays though its time is up, so no new row takes it.
MOOT_NOW=$(at 40*D)
top=$(db "SELECT max(id) FROM spool")
run
ok "day 40: the held post is kept" kept "$p_held"
is "$(spool_state "$p_held")" held "  still held"
like "$(moot held mod)" "Wait" "  moot held lists it"
ok "  the audit log keeps every record" test "$(db "SELECT count(*) FROM audit")" -ge "$audit0"
ok "  the highest spool id is kept" kept "$top"
is "$(db "SELECT state FROM request WHERE addr = 'last@six.example'")" expired \
    "  the newest request, expired at day 7, is kept: its id is the highest"
is "$(db "SELECT count(*) FROM spool")" 2 "  and the held post: nothing else"
send open-request@lists.example.org someone@three.example "help" ""
ok "  a new message takes a new id" test "$(last_id)" -gt "$top"

# mootd runs it at most hourly: what ended since waits for the next run.
MOOT_NOW=$(at 47*D)
send open-request@lists.example.org someone@three.example "help" ""
p=$(last_id)
send open-request@lists.example.org someone@three.example "help" ""
run
MOOT_NOW=$(at 52*D)
run
ok "day 52: junk of day 47 is kept" kept "$p"
MOOT_NOW=$(at 52*D+1800)
run
ok "  half an hour on, its time is up; but retention ran within the hour" kept "$p"
MOOT_NOW=$(at 52*D+3601)
run
ok "  an hour on, it runs" gone "$p"

# A3: a post inside the dedupe window stays, whatever posts says.
sed -i 's/^dedupe_window = .*/dedupe_window = 20d/; s/^posts = .*/posts = 2d/' "$CONF"
MOOT_NOW=$(at 60*D)
send open@lists.example.org reader@one.example "Again" "The same post."
cp "$T/msg.eml" "$T/post-q.eml"
run
q=$(last_id)
send open-request@lists.example.org someone@three.example "help" ""
MOOT_NOW=$(at 70*D)
run
ok "A3: a sent post 10 days old, posts = 2d, window 20d: kept" kept "$q"
moot inject --to open@lists.example.org --from reader@one.example <"$T/post-q.eml"
run
like "$(spool_reason "$(last_id)")" "duplicate of $q" "  so a second copy is still caught"
MOOT_NOW=$(at 81*D)
run
ok "  at 21 days it goes" gone "$q"

# F3: no log line holds a whole token.
tok=${ca#open-confirm+}
tok=${tok%@*}
ok "F3: no whole token in mootd's log" bash -c '! grep -q -- "$0" "$1"' "$tok" "$T/mootd.log"

done_testing
