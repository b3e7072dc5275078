#!/bin/bash
# distribute.sh - a post from a member reaches every member through SMTP,
# with list headers, prefix and footer; the rules for who may post
. "$(dirname "$0")/lib/common.sh"

sink_start
site_new
# --bulk: one copy for all (the batching below); personal copies are
# tested at the end.
moot list create info --description "Information Group" --bulk >/dev/null
moot list create ops --members-only >/dev/null
moot member add ops olga@one.example --role owner --nomail >/dev/null
moot list create strategy --moderated >/dev/null
moot list create empty >/dev/null
moot member add info amira@one.example >/dev/null
moot member add info bob@two.example --role owner >/dev/null
moot member add info carol@three.example --nomail >/dev/null
moot member add info dave@four.example --digest >/dev/null
moot member add ops amira@one.example >/dev/null

post real/alternative.eml info@lists.example.org amira@one.example
mootd_once 2>"$T/mootd.log"
is $? 0 "mootd --once exits 0"
is "$(spool_state 1)" sent "the post is sent"
is "$(sink_msgs)" 1 "one SMTP transaction"
is "$(sink_rcpts | tr '\n' ' ')" "amira@one.example bob@two.example dave@four.example " \
    "to the members who get mail (and digest members: info has no digest schedule), not nomail ones"
is "$(head -1 "$SINK_DIR/000001.env")" "MAIL FROM:<info-bounces@lists.example.org>" \
    "the envelope sender is the list's bounce address"
msg=$(cat "$(sink_file 1)")
like "$msg" $'\r\nList-Id: Information Group <info.lists.example.org>\r\n' "List-Id (RFC 2919)"
like "$msg" $'\r\nList-Post: <mailto:info@lists.example.org>\r\n' "List-Post"
like "$msg" $'\r\nList-Help: <mailto:info-request@lists.example.org\\?subject=help>\r\n' "List-Help"
like "$msg" $'\r\nList-Unsubscribe: <mailto:info-leave@lists.example.org>\r\n' "List-Unsubscribe (one for all: it asks to confirm)"
like "$msg" $'\r\nList-Subscribe: <mailto:info-request@lists.example.org\\?subject=subscribe>\r\n' "List-Subscribe"
like "$msg" $'\r\nList-Owner: <mailto:info-owner@lists.example.org>\r\n' "List-Owner"
like "$msg" $'\r\nPrecedence: list\r\n' "Precedence: list"
like "$msg" $'\r\nX-Loop: info@lists.example.org\r\n' "our loop marker"
like "$msg" $'\r\nSubject: \\[info\\] Winter timetable' "the subject prefix"
like "$msg" "You get this because you are a member of the info list" "the footer"
like "$msg" $'^Received: from mx1.one.example' "the post's own fields stay"
sd=$(moot spool show 1)
like "$sd" "deliveries: sent=3 failed=0 deferred=0" "spool show counts the deliveries"
like "$sd" "from: amira@one.example" "spool show: from"
# Every log line about the post carries its queue id.
qid=$(moot spool show 1 | sed -n 's/^queue-id: //p')
# (Run as root, --once also says so, once, before any message.)
is "$(grep -v '^mootd: warning: running as root' "$T/mootd.log" | grep -vc "^mootd: $qid: ")" 0 \
    "every log line starts with the queue id"

# A reply keeps one prefix; 8-bit goes with BODY=8BITMIME.
post real/reply.eml info@lists.example.org amira@one.example
post real/eightbit.eml info@lists.example.org amira@one.example
mootd_once 2>/dev/null
like "$(cat "$(sink_file 2)")" $'\r\nSubject: Re: \\[info\\] Drop-in session moved to Thursday\r\n' \
    "a reply's subject gets no second prefix"
like "$(head -1 "$SINK_DIR/000003.env")" "BODY=8BITMIME" "an 8-bit post is sent with BODY=8BITMIME"
unlike "$(head -1 "$SINK_DIR/000002.env")" "BODY=8BITMIME" "a 7-bit post is not"

# Members-only: a stranger's post is not distributed.
post real/crlf.eml ops@lists.example.org stranger@x.example
sed -e "s/^From: .*/From: Stranger <stranger@x.example>/" "$MAILDIR/real/no-message-id.eml" >"$T/stranger.eml"
post "$T/stranger.eml" ops@lists.example.org stranger@x.example
mootd_once 2>/dev/null
is "$(spool_state 4)" sent "ops: a member's post goes out"
is "$(spool_state 5)" held "ops: a stranger's post waits for a moderator"
like "$(spool_reason 5)" "not a member" "and the reason says why"
is "$(grep -l 'RCPT TO:<stranger' "$SINK_DIR"/*.env | wc -l)" 0 "nothing was sent to the stranger"
is "$(grep -c '^RCPT TO:<olga@one.example>' "$SINK_DIR"/*.env | awk -F: '{ s += $2 } END { print s }')" 1 \
    "the owner (there is no rota) is asked about it"

# A moderated list holds every post.
post real/crlf.eml strategy@lists.example.org amira@one.example
mootd_once 2>/dev/null
is "$(spool_state 6)" held "a moderated list holds the post"
like "$(moot spool ls --state held)" "^6 +held .* strategy +post" "spool ls --state held shows it"

# A list with no members: sent to nobody, and done.
post real/crlf.eml empty@lists.example.org amira@one.example
mootd_once 2>/dev/null
is "$(spool_state 7)" sent "a list without members: nothing to send, done"

# Mail to L-owner goes to the owners as it came, nomail or not.
n0=$(sink_msgs)
post real/crlf.eml info-owner@lists.example.org stranger@x.example
mootd_once 2>/dev/null
id=$(last_id)
is "$(spool_state "$id")" sent "mail to info-owner is sent"
last=$(printf '%06d' "$(sink_msgs)")
is "$(sed -n 's/^RCPT TO:<\(.*\)>/\1/p' "$SINK_DIR/$last.env")" bob@two.example "to the owner only"
is "$(head -1 "$SINK_DIR/$last.eml")" $'X-Loop: info-owner@lists.example.org\r' "with our X-Loop on top"
# libesmtp drops Return-Path (RFC 5321: only the final delivery adds it).
ok "and otherwise as it came" cmp -s <(tail -n +2 "$SINK_DIR/$last.eml") \
    <(grep -v '^Return-Path:' "$MAILDIR/real/crlf.eml")
moot inject --to info-owner@lists.example.org <"$SINK_DIR/$last.eml"
mootd_once 2>/dev/null
id=$(last_id)
like "$(spool_reason "$id")" "^loop" "our forward coming back to info-owner is a loop"

# Many members: a transaction per 100 recipients, each member once.
# One session at a time here, to count sessions (relay-sessions.sh has
# them side by side).
sed -i 's/^\[delivery\]/connections = 1\n[delivery]/' "$CONF"
moot list create big --bulk >/dev/null
members big 250
post real/crlf.eml big@lists.example.org user00001@example.org
n0=$(sink_msgs)
s0=$(grep -c '] open peer=' "$SINK_DIR/sink.log")
mootd_once 2>/dev/null
id=$(last_id)
is "$(spool_state "$id")" sent "250 members: sent"
is $(( $(sink_msgs) - n0 )) 3 "in three transactions of at most 100"
new=$(for k in $(seq $((n0 + 1)) $((n0 + 3))); do printf '%s/%06d.env\n' "$SINK_DIR" $k; done)
is "$(cat $new | grep -c '^RCPT')" 250 "250 recipients"
is "$(cat $new | grep '^RCPT' | sort -u | wc -l)" 250 "each once"
is $(( $(grep -c '] open peer=' "$SINK_DIR/sink.log") - s0 )) 1 "one SMTP session for the whole post"

# max_recipients and max_transactions are honoured.
sed -i 's/^\[delivery\]/max_recipients = 30\nmax_transactions = 2\n[delivery]/' "$CONF"
post real/dots.eml big@lists.example.org user00001@example.org
n0=$(sink_msgs)
s0=$(grep -c '] open peer=' "$SINK_DIR/sink.log")
mootd_once 2>/dev/null
is $(( $(sink_msgs) - n0 )) 9 "max_recipients 30: nine transactions for 250"
is $(( $(grep -c '] open peer=' "$SINK_DIR/sink.log") - s0 )) 5 "max_transactions 2: five sessions"

# By default each member gets a copy of their own, whose List-Unsubscribe
# carries their own token (issue 6), and which names nobody else (F1).
sed -i '/^max_recipients = 30$/d; /^max_transactions = 2$/d' "$CONF"
moot list create own >/dev/null
for m in ann@one.example ben@two.example cat@three.example; do
	moot member add own $m >/dev/null
done
n0=$(sink_msgs)
post real/alternative.eml own@lists.example.org ann@one.example
mootd_once 2>/dev/null
is $(( $(sink_msgs) - n0 )) 3 "personal copies: one transaction per member"
toks=""
for k in 1 2 3; do
	f=$(printf '%s/%06d' "$SINK_DIR" $((n0 + k)))
	rcpt=$(sed -n 's/^RCPT TO:<\(.*\)>/\1/p' "$f.env")
	is "$(grep -c '^RCPT' "$f.env")" 1 "  copy $k: one recipient"
	tok=$(sed -n 's/^List-Unsubscribe: <mailto:own-leave+\([a-z2-7]*\)@lists.example.org>\r$/\1/p' "$f.eml")
	is "${#tok}" 26 "  copy $k: a List-Unsubscribe of its own"
	# A member's leave token is a secret that no command shows, and
	# the database holds only its hash (threat B1).
	h=$(printf %s "$tok" | sha256sum | cut -d' ' -f1)
	is "$(sqlite3 "$SITE/var/moot.db" "SELECT m.addr FROM member m JOIN token t ON t.id = m.leave_token_id WHERE t.hash = '$h'")" "$rcpt" \
	    "  copy $k: the token is its member's"
	is "$(sqlite3 "$SITE/var/moot.db" .dump | grep -c "$tok")" 0 \
	    "  copy $k: and is nowhere in the database"
	others=$(printf '%s\n' ann@one.example ben@two.example cat@three.example | grep -v "^$rcpt$" |
	    while read -r o; do grep -c "$o" "$f.eml"; done | awk '{ s += $1 } END { print s + 0 }')
	is "$others" 0 "  copy $k: no other member's address anywhere in it"
	ok "  copy $k: valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$f.eml"
	toks="$toks $tok"
done
is "$(printf '%s\n' $toks | sort -u | wc -l)" 3 "three different tokens"

# A member who starts getting mail while a post goes out, behind the
# member the walk has reached, still gets it.  mootd leaves out the walk
# over every member that finds who is left only when no other process
# wrote meanwhile (SQLite's data_version): here one does, at a known
# point, from the relay, while mootd waits for its reply.
moot list create late --bulk >/dev/null
moot member add late amy@one.example >/dev/null
moot member add late bob@two.example --nomail >/dev/null
moot member add late cyd@three.example >/dev/null
moot member add late dee@four.example >/dev/null
sed -i 's/^\[delivery\]/max_recipients = 1\n[delivery]/' "$CONF"
sink_start --run-after-rcpts 2 \
    --run-cmd "'$MOOT_BIN' -c '$CONF' member set late bob@two.example --mail"
post real/alternative.eml late@lists.example.org amy@one.example
id=$(last_id)
mootd_once 2>/dev/null
like "$(cat "$SINK_DIR/sink.log")" "ran .*: exit 0" "  bob got mail again while the post went out"
is "$(sink_rcpts | tr '\n' ' ')" "amy@one.example cyd@three.example dee@four.example " \
    "  the members who got mail when the walk passed them have it"
st=$(spool_state "$id")
ok "  the post is not done: one member is left ($st)" test "$st" != sent
MOOT_NOW=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ) mootd_once 2>/dev/null
is "$(spool_state "$id")" sent "  a later run sends it"
is "$(sink_rcpts | tr '\n' ' ')" \
    "amy@one.example bob@two.example cyd@three.example dee@four.example " \
    "  to bob, and to nobody twice"

done_testing
