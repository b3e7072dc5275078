#!/bin/bash
# daemon.sh - mootd as a daemon: woken at once by moot inject, one per
# database, stops cleanly on SIGTERM
. "$(dirname "$0")/lib/common.sh"

sink_start
site_new "[mootd]
poll = 1h"
moot list create info >/dev/null
moot member add info amira@one.example >/dev/null

# Threat G2: the lock and pid file are never opened through a link, so
# whoever can write their folder cannot point mootd at another file.
echo precious >"$T/victim"
ln -s "$T/victim" "$SITE/var/mootd.lock"
out=$(mootd_once 2>&1)
is $? 2 "a link as the lock: mootd stops"
like "$out" "fatal: lock .*mootd.lock: Too many levels of symbolic links" "  saying why"
is "$(cat "$T/victim")" precious "  and the file it names is untouched"
rm -f "$SITE/var/mootd.lock"
ln "$T/victim" "$SITE/var/mootd.lock"
out=$(mootd_once 2>&1)
is $? 2 "a hard link as the lock: mootd stops too"
like "$out" "fatal: lock .*mootd.lock: Too many links" "  saying why"
rm -f "$SITE/var/mootd.lock"

# Members added by the command line have no List-Unsubscribe token
# until mootd makes one (it holds the key): with nothing else to do, it
# makes them ahead of the first post; a bulk list's members need none.
moot list create news --bulk >/dev/null
moot member add news noor@two.example >/dev/null
tokenless() { sqlite3 "$SITE/var/moot.db" "SELECT group_concat(addr) FROM member WHERE leave_token_id IS NULL"; }
is "$(tokenless)" "amira@one.example,noor@two.example" "members added by moot member add have no leave token yet"

"$MOOTD_BIN" -c "$CONF" -f 2>"$T/mootd.log" &
pid=$!
T_PIDS+=("$pid")
wait_for 60 test -S "$SITE/var/mootd.sock"
ok "mootd listens on its wake socket" test -S "$SITE/var/mootd.sock"
is "$(cat "$SITE/var/mootd.pid" 2>/dev/null)" "$pid" "and wrote its pid file"
wait_for 60 eval '[ "$(tokenless)" = noor@two.example ]'
is "$(tokenless)" noor@two.example \
    "idle mootd made the leave token of info's member before any post; news is bulk"
is "$(sink_msgs)" 0 "  and sent nothing doing so"
# And copied them from the WAL into the database file before sleeping,
# so that the first post's commits do not: the file alone, read without
# its WAL, holds the member's token.
in_file() { cp "$SITE/var/moot.db" "$T/alone.db" && sqlite3 "$T/alone.db" "SELECT count(*) FROM member WHERE leave_token_id IS NOT NULL"; }
wait_for 60 eval '[ "$(in_file)" = 1 ]'
is "$(in_file)" 1 "  and checkpointed them into the database file"

out=$("$MOOTD_BIN" -c "$CONF" -f 2>&1)
is $? 2 "a second mootd on the same database refuses to start"
like "$out" "another mootd holds" "saying why"
# Threat G2: as root without [moot] user, never in the background; in
# the foreground it works and says so.
if [ "$(id -u)" = 0 ]; then
	out=$(timeout 20 "$MOOTD_BIN" -c "$CONF" 2>&1)
	is $? 2 "as root without [moot] user, mootd will not go into the background"
	like "$out" "will not run as root in the background" "  saying why on standard error"
	like "$(cat "$T/mootd.log")" "warning: running as root" "  in the foreground it runs, saying so"
	like "$(mootd_once 2>&1)" "warning: running as root" "  and so does --once"
else
	for _ in 1 2 3 4; do skip "not run as root"; done
fi

# The poll is an hour: only the wake-up can bring the post out before
# it.  (A minute is allowed, so that a loaded machine cannot fail this.)
post real/reply.eml info@lists.example.org amira@one.example
wait_for 60 eval '[ "$(sink_msgs)" = 1 ]'
is "$(sink_msgs)" 1 "moot inject wakes mootd: the post is out long before the poll"

# A message stored without a wake-up waits for SIGUSR1 (or the poll).
# The sent post is put back by hand: no command can do it quietly
# (moot inject and moot spool retry both wake mootd).
sqlite3 "$SITE/var/moot.db" "UPDATE spool SET state = 'spooled', unfinished = 0 WHERE id = 1"
sqlite3 "$SITE/var/moot.db" "DELETE FROM delivery"
sleep 1
is "$(sink_msgs)" 1 "without a wake-up nothing happens before the poll"
kill -USR1 "$pid"
wait_for 60 eval '[ "$(sink_msgs)" = 2 ]'
is "$(sink_msgs)" 2 "SIGUSR1 wakes it"

# --once while the daemon runs: the daemon does the work, --once waits.
post real/crlf.eml info@lists.example.org amira@one.example
timeout 20 "$MOOTD_BIN" -c "$CONF" --once 2>/dev/null
is $? 0 "mootd --once beside a running mootd exits 0"
is "$(spool_state "$(last_id)")" sent \
    "once the post is sent"

# moot inject --wait returns once mootd has done what is due: the post
# is at the relay when it returns, with no waiting here.
before=$(sink_msgs)
moot inject --wait --to info@lists.example.org --from amira@one.example \
    <"$MAILDIR/real/alternative.eml"
is $? 0 "moot inject --wait beside a running mootd exits 0"
is "$(sink_msgs) $(spool_state "$(last_id)")" "$((before + 1)) sent" \
    "  once the post is at the relay"
out=$(moot inject --wait=soon --to info@lists.example.org <"$MAILDIR/real/crlf.eml" 2>&1)
is "$?" 64 "--wait=soon: a usage error (64)"
like "$out" "--wait=soon: not a time" "  saying why"

# SIGHUP reads the configuration again; a broken file changes nothing.
sed -i 's/^timeout = 10s/timeout = 20s/' "$CONF"
kill -HUP "$pid"
wait_for 60 grep -q 'reloaded' "$T/mootd.log"
like "$(cat "$T/mootd.log")" "SIGHUP: configuration reloaded" "SIGHUP reloads the configuration"
echo "nonsense" >>"$CONF"
kill -HUP "$pid"
wait_for 60 grep -q 'not reloaded' "$T/mootd.log"
like "$(cat "$T/mootd.log")" "SIGHUP: configuration not reloaded: .*moot.conf:[0-9]+:" \
    "a broken file is refused, naming the line"
sed -i '$d' "$CONF"
# The templates are checked in a child process (mootd keeps ICU's memory
# out of its own), at start and on SIGHUP; what it finds still reaches
# the log.  English has no "few" form, which only ICU's plural rules
# know: a [days:few] in en/phrases fails the check.
cp -r "$MOOT_SRCDIR/templates" "$T/tpl"
chmod -R u+w "$T/tpl"
printf '\n[days:few]\n{n} days\n' >>"$T/tpl/en/phrases"
sed -i "s|^templates = .*|templates = $T/tpl|" "$CONF"
kill -HUP "$pid"
wait_for 60 grep -q 'not reloaded.*en/phrases' "$T/mootd.log"
like "$(grep 'not reloaded' "$T/mootd.log" | tail -1)" "en/phrases.*few" \
    "SIGHUP with a plural form English does not have: refused, the form named"
sed -i "s|^templates = .*|templates = $MOOT_SRCDIR/templates|" "$CONF"
before=$(sink_msgs)
post real/eightbit.eml info@lists.example.org amira@one.example
wait_for 60 eval '[ "$(sink_msgs)" = $((before + 1)) ]'
is "$(sink_msgs)" $((before + 1)) "and mootd carries on with the old one"

kill -TERM "$pid"
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
wait "$pid"
is $? 0 "SIGTERM: mootd exits 0"
ok "and removes its pid file" test ! -e "$SITE/var/mootd.pid"
ok "and its wake socket" test ! -e "$SITE/var/mootd.sock"
like "$(cat "$T/mootd.log")" "mootd: started" "it logged its start"
like "$(cat "$T/mootd.log")" "mootd: stopped" "and its stop"

# moot inject with no mootd running still stores, and says nothing.
out=$(post real/crlf.eml info@lists.example.org amira@one.example 2>&1)
is "$?:$out" "0:" "inject without a mootd: stored, silently"
# With --wait it says there is nobody to wait for, at once: stored all
# the same (0), so a script learns the post is not out yet.
before=$(last_id)
out=$(timeout 20 "$MOOT_BIN" -c "$CONF" inject --wait --to info@lists.example.org <"$MAILDIR/real/crlf.eml" 2>&1)
is "$?" 0 "inject --wait without a mootd: stored (0)"
like "$out" "stored; no mootd is running" "  and says no mootd runs"
is "$(spool_state "$(last_id)")" spooled "  the post waits in the spool"
isnt "$(last_id)" "$before" "  as a new row"

# Under systemd, standard error is the journal, which also gets syslog:
# each line once (JOURNAL_STREAM names the file standard error is).
: >"$T/journal"
post real/crlf.eml info@lists.example.org amira@one.example
JOURNAL_STREAM=$(stat -c '%d:%i' "$T/journal") mootd_once -v 2>>"$T/journal"
is "$(wc -c <"$T/journal")" 0 "stderr that is the journal: lines go to syslog alone"
: >"$T/other"
post real/reply.eml info@lists.example.org amira@one.example
JOURNAL_STREAM=$(stat -c '%d:%i' "$T/journal") mootd_once -v 2>>"$T/other"
ok "stderr that is not the journal: lines still come" test -s "$T/other"

# Alone (no daemon to hand off to), mootd --once checks the templates
# before any work, and a failed check stops it.
sed -i "s|^templates = .*|templates = $T/tpl|" "$CONF"
"$MOOTD_BIN" -c "$CONF" --once 2>"$T/start.err"
isnt $? 0 "mootd does not start with that template"
like "$(cat "$T/start.err")" "fatal: .*en/phrases:.*en has no form few" \
    "and says which file and form"
sed -i "s|^templates = .*|templates = $MOOT_SRCDIR/templates|" "$CONF"

# SIGTERM while the daemon makes tokens in an idle moment: it stops at
# once, not after its poll (an hour here).  20,000 members take it about
# a second.
sqlite3 "$SITE/var/moot.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
    INSERT INTO member (list_id, addr, created_at) SELECT (SELECT id FROM list WHERE name = 'info'), 'm' || i || '@three.example', 0 FROM n"
"$MOOTD_BIN" -c "$CONF" -f 2>"$T/mootd2.log" &
pid=$!
T_PIDS+=("$pid")
wait_for 60 test -S "$SITE/var/mootd.sock"
wait_for 60 eval '[ "$(tokenless | tr , "\n" | wc -l)" -lt 20000 ]'
kill -TERM "$pid"
for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
ok "SIGTERM during the idle tokens: mootd stops within seconds" eval '! kill -0 "$pid" 2>/dev/null'

# moot inject --wait beside a mootd that stops before it is done: it
# asks once a second whether mootd still listens (without waking it),
# and says that it stopped.  This relay takes connections and never
# answers, so the post stays distributing.
"$PYTHON3" -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64)
open(sys.argv[1] + ".tmp", "w").write("%d\n" % s.getsockname()[1])
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1]); time.sleep(600)' "$T/silent.port" &
T_PIDS+=("$!")
wait_for 20 test -s "$T/silent.port"
conf_set_port "$(cat "$T/silent.port")"
"$MOOTD_BIN" -c "$CONF" -f 2>"$T/mootd3.log" &
pid=$!
T_PIDS+=("$pid")
wait_for 60 test -S "$SITE/var/mootd.sock"
sed 's/^Message-ID: .*/Message-ID: <silent-relay@one.example>/' "$MAILDIR/real/reply.eml" |
    moot inject --wait=5m --to info@lists.example.org --from amira@one.example \
    >"$T/wait.out" 2>&1 &
wpid=$!
T_PIDS+=("$wpid")
wait_for 60 eval '[ "$(spool_state "$(last_id)")" = distributing ]'
is "$(spool_state "$(last_id)")" distributing "a post to a relay that never answers: distributing"
kill -TERM "$pid"
for _ in $(seq 600); do kill -0 "$wpid" 2>/dev/null || break; sleep 0.1; done
ok "  mootd stopped meanwhile: inject --wait returns long before its 5 minutes" \
    eval '! kill -0 "$wpid" 2>/dev/null'
wait "$wpid"
is $? 0 "  exit 0: the post is stored"
like "$(cat "$T/wait.out")" "stored; mootd stopped before it was done" "  saying mootd stopped"

done_testing
