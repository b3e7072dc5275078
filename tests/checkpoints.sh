#!/bin/bash
# checkpoints.sh - mootd copies the WAL into the database from a thread
# of its own (src/db/db_ckpt.h): a fan-out's commits do not stop for it,
# the WAL starts over and stays bounded, and nothing committed is lost.
. "$(dirname "$0")/lib/common.sh"

# Postfix's smtp-sink, not tests/lib/sink.py: thousands of copies, which
# sink.py (a file or two written for each) takes half a minute for.
N=3000
SMTP_SINK=/usr/sbin/smtp-sink
[ -x "$SMTP_SINK" ] || { echo "1..0 # SKIP no $SMTP_SINK (apt-get install postfix)"; exit 0; }
mkdir -p "$T/smtp-sink"
user=()
if [ "$(id -u)" = 0 ]; then
	user=(-u nobody)
	chown nobody "$T/smtp-sink"
fi
SINK_PORT=$(free_port)
"$SMTP_SINK" "${user[@]}" -D "$T/smtp-sink/dump" "127.0.0.1:$SINK_PORT" 100 \
    2>"$T/smtp-sink/log" &
T_PIDS+=("$!")
# copies: the recipients the sink has taken (one per copy)
copies() { grep -c '^X-Rcpt-Args:' "$T/smtp-sink/dump" 2>/dev/null || echo 0; }
# wal_pages: the WAL file's length in pages (each 4 KiB and a header)
wal_pages() { echo $(( $(stat -c %s "$SITE/var/moot.db-wal") / 4120 )); }
ckpt_lines() { grep -c 'checkpoint: [0-9]* WAL pages in the database' "$T/mootd.log"; }
# in_file: delivery records in the database file read without its WAL
# (no command counts delivery records: moot spool show gives the state)
in_file() {
	rm -f "$T/alone.db" "$T/alone.db-wal" "$T/alone.db-shm"
	cp "$SITE/var/moot.db" "$T/alone.db" &&
	    sqlite3 "$T/alone.db" "SELECT count(*) FROM delivery" 2>/dev/null
}

site_new "[mootd]
poll = 1h"
moot list create info >/dev/null
members info $N

"$MOOTD_BIN" -c "$CONF" -f -v 2>"$T/mootd.log" &
pid=$!
T_PIDS+=("$pid")
wait_for 60 test -S "$SITE/var/mootd.sock"
ok "mootd started" test -S "$SITE/var/mootd.sock"

# A copy each: a delivery record committed per copy, some 1.3 pages of
# WAL each, so about 4,000 pages a post, 12,000 for three.
for i in 1 2 3; do
	sed "s/^Message-ID: .*/Message-ID: <checkpoints-$i@one.example>/" \
	    "$MAILDIR/real/reply.eml" |
	    moot inject --wait --to info@lists.example.org --from user00001@example.org
	is "$(spool_state $i)" sent "post $i: sent"
done
wait_for 60 eval '[ "$(copies)" = $((3 * N)) ]'
is "$(copies)" $((3 * N)) "  a copy to each of $N members, three times"

# The thread said what it copied: with SQLite's own checkpoints in the
# commits there is no such line.
n=$(ckpt_lines)
ok "the checkpoints were made by mootd's thread ($n)" test "$n" -ge 4
# The commits let the WAL start over from 5,000 pages, once the thread
# has copied what it was asked to (more pages come meanwhile: a
# thousand or two on a slow machine).  Without that the thread alone
# never catches up with them, and the WAL grows to 10,000 pages, where
# every commit checkpoints.
w=$(wal_pages)
ok "the WAL started over: $w pages at most" test "$w" -lt 8500
# What was copied is in the database file itself.  A copy of the file
# taken while the thread writes to it may be torn (sqlite3 then prints
# nothing): wait for one that has them, and look again once mootd has
# stopped, when nothing writes to the file.
wait_for 60 eval '[ "$(in_file)" -ge $N ]'

# Read as any reader would (WAL and file together): none lost.
is "$(sqlite3 "$SITE/var/moot.db" 'SELECT count(*) FROM delivery')" $((3 * N)) \
    "every copy's delivery record is kept"
is "$(sqlite3 "$SITE/var/moot.db" 'PRAGMA integrity_check')" ok \
    "  and the database is whole"

# SIGTERM: the thread ends with mootd, which stops cleanly.
kill -TERM "$pid"
wait "$pid"
is $? 0 "mootd stops on SIGTERM with its checkpoint thread"
like "$(cat "$T/mootd.log")" "stopped" "  saying so"
n=$(in_file)
ok "the database file alone holds what was copied (${n:-no} records)" \
    test "${n:-0}" -ge $N

done_testing
