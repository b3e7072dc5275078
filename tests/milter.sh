#!/bin/bash
# milter.sh - moot-milter driven through the milter protocol by
# miltertest: refusals at RCPT, size, loops, storage and recipient
# removal; then the spool and the log are checked.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/postfix.sh"

command -v miltertest >/dev/null || { echo "1..0 # SKIP miltertest is not installed"; exit 0; }

MILTER_SOCK=$T/milter.sock
site_new "[milter]
socket = unix:$MILTER_SOCK
socket_mode = 0666"
moot list create ops --members-only --nonmember reject >/dev/null
moot list create small --max-size 64k >/dev/null
moot list create tf-old --ends 2020-01-01 >/dev/null
moot member add ops amira@one.example >/dev/null

# Threat G2: a link where the pid file goes (its folder writable by the
# moot user) must not make moot-milter, still root, write another file.
echo precious >"$T/victim"
ln -s "$T/victim" "$SITE/var/moot-milter.pid"
milter_start
ok "moot-milter listens on its socket" test -S "$MILTER_SOCK"
is "$(stat -c %a "$MILTER_SOCK")" 666 "with [milter] socket_mode"
is "$(cat "$T/victim")" precious "a link as its pid file: the file it names is untouched (G2)"
wait_for 10 grep -q "pid file" "$T/milter.log"
like "$(cat "$T/milter.log")" "warning: pid file .*moot-milter.pid: Too many levels of symbolic links" \
    "  and the log says why there is no pid file"
rm -f "$SITE/var/moot-milter.pid"
# Threat G2: as root without [moot] user, in the foreground only.
if [ "$(id -u)" = 0 ]; then
	out=$(timeout 20 "$MILTER_BIN" -c "$CONF" 2>&1)
	is $? 2 "as root without [moot] user, not into the background"
	like "$out" "will not run as root in the background" "  saying why on standard error"
	like "$(cat "$T/milter.log")" "warning: running as root" "  in the foreground it runs, saying so"
	ok "  and the running milter's socket is left alone" test -S "$MILTER_SOCK"
else
	for _ in 1 2 3 4; do skip "not run as root"; done
fi

miltertest_run protocol.lua
ok "miltertest ran its checks" test "$MT_N" -ge 20

# spooled QUEUE-ID: the spool rows of the message with that queue id,
# oldest first, from moot spool show: "ID RCPT VIA ENV-FROM CLIENT".
spooled() {
	local id
	for id in $(moot spool ls --limit 1000 | awk '{ print $1 }' | sort -n); do
		moot spool show "$id" | awk -v q="$1" '
		    { v[$1] = $2 }
		    END { if (v["queue-id:"] == q) print v["id:"], v["rcpt:"],
			v["via:"], v["env-from:"], v["client:"] }'
	done
}
# Messages are counted in the database: one stored with no spool row
# (the looping copy, had the milter got it wrong) is in no command.
is "$(sqlite3 "$SITE/var/moot.db" "SELECT count(*) FROM message")" 4 "four messages were stored: two posts, the mixed one and the repeated one"
is "$(spooled MT00007 | awk '{ print $2 }' | paste -sd' ')" \
    "ops@lists.example.org ops-request@lists.example.org" "the mixed message: its list recipients, not the outside one"
is "$(spooled MT00010 | awk '{ print $2 }' | paste -sd' ')" "ops@lists.example.org" \
    "A3: one list address in 100 RCPTs: one spool row"
is "$(spooled MT00008 | wc -l)" 0 \
    "the looping copy was not stored"
is "$(spooled MT00006 | cut -d' ' -f3-)" \
    "milter amira@one.example client.example[192.0.2.1]" "the envelope and the client are stored"
# The stored bytes, exactly: no command prints a message raw (listings
# escape control characters, threat F3).
sqlite3 "$SITE/var/moot.db" "SELECT writefile('$T/stored', raw) FROM message WHERE queue_id = 'MT00006'" >/dev/null
is "$(cat "$T/stored")" "$(printf 'From: Amira <amira@one.example>\r\nTo: ops@lists.example.org\r\nSubject: Protocol test one\r\nMessage-ID: <protocol-one@one.example>\r\n\r\nHello ops.\r\n')" \
    "the message is stored as the client sent it"

log=$(cat "$T/milter.log")
like "$log" "MT00001: reject: RCPT from client.example\[192.0.2.1\]: 550 5.1.1 <nosuchlist@lists.example.org>: there is no list called nosuchlist" \
    "the log: unknown list, with the queue id, 550 5.1.1 and the address"
like "$log" "MT00002: reject: .* 550 5.7.1 Only members of the ops list may post to it, and stranger@x.example is not a member" \
    "the log: a non-member, 550 5.7.1 with a sentence"
like "$log" "MT00003: reject: .* 550 5.7.1 The tf-old list has finished its work" "the log: an ended list"
like "$log" "MT00004: reject: .* 552 5.3.4 Posts to small may be at most 65536 bytes" "the log: SIZE= too large"
like "$log" "MT00005: reject: 552 5.3.4" "the log: too large at the end"
like "$log" "MT00010: too large for small@lists.example.org: removed; the other recipients still get it" \
    "the log: too large with an outside recipient"
like "$log" "MT00006: stored: message 1" "the log: stored, with the queue id"
like "$log" "MT00008: to=<ops@lists.example.org> dropped: it carries our X-Loop" "the log: the loop"
is "$(grep -vcE '^moot-milter: (MT[0-9]+|NOQUEUE): |^moot-milter: (listening|stopped|warning: running as root|warning: pid file )' "$T/milter.log")" 0 \
    "every line about a message starts with its queue id"

milter_stop
ok "SIGTERM stops moot-milter" test -z "$MILTER_PID"
ok "and it removes its socket" test ! -e "$MILTER_SOCK"

# The default door is a unix socket beside the database, not TCP, where
# any local user could store mail with forged MTA facts (issue 11 item
# 6); a TCP socket still works, with a warning.
sed '/^socket = /d' "$CONF" >"$SITE/default.conf"
CONF=$SITE/default.conf MILTER_SOCK=$SITE/var/moot-milter.sock milter_start
ok "without [milter] socket: a unix socket in the site's var/" test -S "$SITE/var/moot-milter.sock"
milter_stop
port=$(free_port)
sed "s/^socket = .*/socket = inet:$port@127.0.0.1/" "$CONF" >"$SITE/tcp.conf"
: >"$T/milter.log"
"$MILTER_BIN" -c "$SITE/tcp.conf" -f 2>>"$T/milter.log" &
MILTER_PID=$!
T_PIDS+=("$MILTER_PID")
wait_for 10 grep -q "listening on" "$T/milter.log"
like "$(cat "$T/milter.log")" "warning: \[milter\] socket inet:$port@127.0.0.1 is not a unix socket: any local user" \
    "a TCP socket still works, with a warning"
milter_stop

done_testing
