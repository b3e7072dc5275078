#!/bin/bash
# milter.sh - moot-milter's cost inside Postfix, in one run:
#  - messages a second accepted by a private Postfix with moot-milter
#    (each stored in moot's spool before the 250), against the same
#    Postfix's listener without milters (each queued by Postfix), both
#    fed by smtp-source over 4 connections; the ratio is the figure;
#  - the RCPT decision time with 1,000 lists and 100,000 members
#    (bench/rcpt_bench: median and 99th percentile).
# Prints key=value lines; bench/run.sh puts them in RESULTS.md.
# Settings: RUNS (default 3), MESSAGES (default 1000).  Needs a build in
# build/ (with `make check`, which builds rcpt_bench) and Postfix.
# Everything listens on and talks to 127.0.0.1 only.
set -u
cd "$(dirname "$0")/.."
MOOT_SRCDIR=$(pwd)
MOOT_BUILDDIR=${MOOT_BENCH_BIN:-$MOOT_SRCDIR/build}
: "${RUNS:=3}" "${MESSAGES:=1000}"
export MOOT_SRCDIR MOOT_BUILDDIR
. tests/lib/common.sh
. tests/lib/postfix.sh
done_testing() { :; }

[ -x "$MOOT_BUILDDIR/bench/rcpt_bench" ] ||
	(cd "$MOOT_BUILDDIR" && make -s bench/rcpt_bench) || exit 1

MILTER_SOCK=$T/milter.sock
SINK_PORT=$(free_port)
mkdir -p "$T/sink"
chown nobody "$T/sink"
/usr/sbin/smtp-sink -u nobody "127.0.0.1:$SINK_PORT" 1000 >/dev/null 2>&1 &
T_PIDS+=("$!")
site_new "[milter]
socket = unix:$MILTER_SOCK
socket_mode = 0666"
moot list create ops >/dev/null
postfix_start
milter_start

# rate PORT: messages a second smtp-source gets accepted at PORT.
rate() {
	local s e
	s=$(date +%s%N)
	/usr/sbin/smtp-source -s 4 -m "$MESSAGES" -f amira@one.example \
	    -t ops@lists.example.org -M bench.example "127.0.0.1:$1" >/dev/null 2>&1 ||
		{ echo "smtp-source failed on port $1" >&2; return 1; }
	e=$(date +%s%N)
	awk -v n="$MESSAGES" -v ns=$((e - s)) 'BEGIN { printf "%.1f", n / (ns / 1e9) }'
}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

with=() without=()
for ((r = 1; r <= RUNS; r++)); do
	w=$(rate "$PF_PORT") || exit 1
	n=$(rate "$PF_REINJECT") || exit 1
	stored=$(sqlite3 "$SITE/var/moot.db" "SELECT count(*) FROM message")
	echo "milter run=$r messages=$MESSAGES with_milter_msgs_per_s=$w without_milter_msgs_per_s=$n stored_so_far=$stored"
	with+=("$w")
	without+=("$n")
done
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$MILTER_PID/status")
mw=$(printf '%s\n' "${with[@]}" | median)
mn=$(printf '%s\n' "${without[@]}" | median)
echo "milter runs=$RUNS stat=median messages=$MESSAGES with_milter_msgs_per_s=$mw" \
    "without_milter_msgs_per_s=$mn ratio=$(awk -v a="$mw" -v b="$mn" 'BEGIN { printf "%.2f", a / b }')" \
    "milter_peak_rss_kb=$hwm stored=$(sqlite3 "$SITE/var/moot.db" "SELECT count(*) FROM message")"
"$MOOT_BUILDDIR/bench/rcpt_bench" "$T" 200000 2>/dev/null
