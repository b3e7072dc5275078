# adapter.sh - moot under the shared benchmark harness
#
# ../shared/bench/subject.sh sources this file and calls run_subject (the
# contract is in ../shared/bench/README.md, "Plugging in the list server
# under test").  Run it from the top of the repository, after building in
# build/ (or set MOOT_BENCH_BIN to the folder of moot and mootd):
#
#   ../shared/bench/subject.sh 10000
#
# setup makes a site in WORKDIR (SQLite, the list bench@example.org with
# the harness's subscribers, the relay = the harness's sink) and starts a
# mootd daemon.  POST_CMD is `moot inject --wait`, which stores the
# post, wakes the daemon and returns when nothing is due, i.e. when the
# relay has taken the post for every member; SPOOL_CMD is `moot inject`
# alone.
# Because the daemon does the work, teardown reports its own memory and
# CPU as daemon_peak_rss_kb, daemon_user_s and daemon_sys_s.
#
# Modes: batch is a --bulk list (one copy for many members, [relay]
# max_recipients a transaction); per-rcpt is moot's default, a copy per
# member with its own List-Unsubscribe, one transaction each.  Its
# envelope sender is not yet per member (VERP comes with bounce
# handling), which the harness's per-rcpt mode otherwise implies.

MOOT_BENCH_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MOOT_BENCH_MOOTD=
MOOT_BENCH_DNS=

run_subject() {
	local phase=$1 w=$2 subs=${3:-} host=${4:-} port=${5:-} mode=${6:-}
	local bin=${MOOT_BENCH_BIN:-$MOOT_BENCH_TOP/build} conf=$2/moot.conf
	local pid tick stat hwm bulk
	case $phase in
	setup) ;;
	teardown)
		[ -n "$MOOT_BENCH_DNS" ] && bench_stop_pid "$MOOT_BENCH_DNS"
		MOOT_BENCH_DNS=
		[ -n "$MOOT_BENCH_MOOTD" ] || return 0
		pid=$MOOT_BENCH_MOOTD
		tick=$(getconf CLK_TCK)
		hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
		stat=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null)
		bench_stop_pid "$pid"
		MOOT_BENCH_MOOTD=
		awk -v s="$stat" -v t="$tick" -v h="${hwm:-na}" 'BEGIN {
			split(s, f, " ")
			# after "pid (comm) ": utime and stime are the 12th and 13th
			printf "daemon_peak_rss_kb=%s daemon_user_s=%.2f daemon_sys_s=%.2f\n",
			    h, f[12] / t, f[13] / t }'
		return 0 ;;
	*) bench_die "run_subject: unknown phase $phase" ;;
	esac
	case $mode in
	batch) bulk=--bulk ;;
	per-rcpt) bulk= ;;
	*) return 3 ;;
	esac
	[ -x "$bin/moot" ] && [ -x "$bin/mootd" ] ||
		bench_die "no moot in $bin: build first (./configure && make in build/)"

	# DMARC lookups go to a local server that answers "no such name",
	# as in the tests: nothing leaves 127.0.0.1, and the post's domain
	# has no policy, so no From: is rewritten.
	"$BENCH_PY" "$MOOT_BENCH_TOP/tests/lib/dns_nxdomain.py" "$w/dns.port" &
	MOOT_BENCH_DNS=$!
	BENCH_PIDS+=("$MOOT_BENCH_DNS")
	for _ in $(seq 100); do
		[ -s "$w/dns.port" ] && break
		sleep 0.05
	done
	[ -s "$w/dns.port" ] || bench_die "the DNS stub did not start"
	cat >"$conf" <<EOC
[moot]
domain    = example.org
templates = $MOOT_BENCH_TOP/templates
[relay]
host = $host
port = $port
[mootd]
poll = 60s
[dns]
server = 127.0.0.1:$(cat "$w/dns.port")
EOC
	"$bin/moot" -c "$conf" init >/dev/null 2>&1 || bench_die "moot init failed"
	"$bin/moot" -c "$conf" list create bench $bulk >/dev/null || bench_die "list create failed"
	# Untimed: the harness's subscribers as members, in one transaction.
	"$BENCH_PY" - "$w/var/moot.db" "$subs" <<'PY' || bench_die "adding members failed"
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
lid = db.execute("SELECT id FROM list WHERE name = 'bench'").fetchone()[0]
now = int(time.time())
with open(sys.argv[2]) as f:
    db.executemany("INSERT INTO member (list_id, addr, created_at) VALUES (?, ?, ?)",
                   ((lid, a.strip().lower(), now) for a in f if a.strip()))
db.commit()
PY
	"$bin/mootd" -c "$conf" -f 2>"$w/mootd.log" &
	MOOT_BENCH_MOOTD=$!
	BENCH_PIDS+=("$MOOT_BENCH_MOOTD")
	for _ in $(seq 100); do
		[ -S "$w/var/mootd.sock" ] && break
		sleep 0.05
	done
	[ -S "$w/var/mootd.sock" ] || bench_die "mootd did not start: $(cat "$w/mootd.log")"
	# Members added since the last post get their List-Unsubscribe
	# tokens from the daemon while it is idle, as after `moot member
	# import`; the post comes later, as it would.  (A post right after
	# an import makes the rest itself: 100,000 tokens take about 4 s,
	# bench/PROFILE.md.)  Bulk lists have none to make.
	"$BENCH_PY" - "$w/var/moot.db" <<'PY' || bench_die "mootd did not make the members' tokens"
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=60)
end = time.monotonic() + 600
while db.execute("SELECT count(*) FROM member JOIN list ON list.id = member.list_id "
                 "WHERE NOT list.bulk AND member.leave_token_id IS NULL").fetchone()[0]:
    if time.monotonic() > end:
        sys.exit(1)
    time.sleep(0.05)
PY
	POST_CMD=("$bin/moot" -c "$conf" inject --wait --to bench@example.org --from poster@example.org)
	SPOOL_CMD=("$bin/moot" -c "$conf" inject --to bench@example.org --from poster@example.org)
	return 0
}
