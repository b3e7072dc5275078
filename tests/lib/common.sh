# common.sh - what moot's shell tests share
#
# Sourced by tests/*.sh.  Gives TAP output (tests/lib/tap.sh: ok, is,
# like, skip, diag, done_testing...), a private site in a temporary
# folder (site_new: a moot.conf, moot init), the SMTP sink on 127.0.0.1
# (sink_start) and wrappers for the programs under test.  Everything a
# test starts is stopped on exit, and a sanitizer report from any
# program run by the test fails it (the ASan build writes reports to
# $T/san).

set -u

: "${MOOT_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${MOOT_BUILDDIR:=$MOOT_SRCDIR/build}"
: "${PYTHON3:=/usr/bin/python3}"
MOOT_BIN=$MOOT_BUILDDIR/moot
MOOTD_BIN=$MOOT_BUILDDIR/mootd
MILTER_BIN=$MOOT_BUILDDIR/moot-milter
MAILDIR=$MOOT_SRCDIR/tests/data/mail
# The schema version this moot writes: the number of migrations in
# src/db/db_schema.c (one place for the tests that check a migration),
# counted from their "N -> N+1:" comments, so that branches that each add
# one merge without a clash here.
SCHEMA_VERSION=$(grep -cE '^\s*(/\*|\*) [0-9]+ -> [0-9]+:' \
    "$MOOT_SRCDIR/src/db/db_schema.c")

T=$(mktemp -d -t moot-test.XXXXXX) || exit 1
# Daemons may run as another user: let them in.
chmod 755 "$T"
mkdir -p "$T/san"
chmod 777 "$T/san"
export ASAN_OPTIONS="log_path=$T/san/asan:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="log_path=$T/san/ubsan:print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$MOOT_SRCDIR/tests/lib/lsan.supp:print_suppressions=0"
unset MOOT_NOW MOOT_KILL_AT MOOT_CONF

# sanitized: true in the -fsanitize=address,undefined build.
sanitized() { grep -q -- '-fsanitize=address' "$MOOT_BUILDDIR/Makefile"; }

T_PIDS=()
T_CLEANUPS=()

. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

# sanitizer_check: a report from any program of this test fails it.
sanitizer_check() {
	local f found=0
	for f in "$T"/san/*; do
		[ -e "$f" ] || continue
		found=1
		diag "sanitizer report $f:"
		diag "$(head -c 4000 "$f")"
	done
	ok "no sanitizer reports" test $found = 0
}
T_DONE+=(sanitizer_check)

t_cleanup() {
	local pid f
	for f in "${T_CLEANUPS[@]}"; do
		"$f"
	done
	for pid in "${T_PIDS[@]}"; do
		kill "$pid" 2>/dev/null
	done
	for pid in "${T_PIDS[@]}"; do
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$pid" 2>/dev/null
	done
	[ "${KEEP_TMP:-0}" = 1 ] && { echo "# kept $T" >&2; return; }
	rm -rf "$T"
}
trap t_cleanup EXIT

# wait_for SECONDS COMMAND...: run COMMAND every 0.1 s until it
# succeeds; false if it has not within SECONDS.  A safety net, not a
# bound: give it room, and let the check after it say what was wrong.
# COMMAND's arguments are expanded once: for a condition that must be
# read again each time, write wait_for N eval '[ "$(f)" = 2 ]'.
wait_for() {
	local limit=$(( $1 * 10 )) i
	shift
	for ((i = 0; i < limit; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

# free_port: a port nothing listens on now.
free_port() {
	"$PYTHON3" -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# sink_start [SINK OPTIONS...]: the sink in $T/sink on a free port;
# sets SINK_PORT, SINK_PID, SINK_DIR.  A second call starts a new sink
# in a new folder (the old one is stopped).
SINK_N=0
sink_start() {
	[ -n "${SINK_PID:-}" ] && sink_stop
	SINK_N=$((SINK_N + 1))
	SINK_DIR=$T/sink$SINK_N
	mkdir -p "$SINK_DIR"
	"$PYTHON3" "$MOOT_SRCDIR/tests/lib/sink.py" --dir "$SINK_DIR" \
		--port "${SINK_PORT:-0}" --port-file "$SINK_DIR/port" \
		--pid-file "$SINK_DIR/pid" "$@" 2>"$SINK_DIR/stderr" &
	SINK_PID=$!
	T_PIDS+=("$SINK_PID")
	for _ in $(seq 100); do
		[ -s "$SINK_DIR/port" ] && break
		sleep 0.05
	done
	SINK_PORT=$(cat "$SINK_DIR/port")
}

sink_stop() {
	[ -n "${SINK_PID:-}" ] || return 0
	kill "$SINK_PID" 2>/dev/null
	wait "$SINK_PID" 2>/dev/null
	SINK_PID=
}

# sink_msgs: transactions the sink accepted.
sink_msgs() { ls "$SINK_DIR"/*.env 2>/dev/null | wc -l; }

# sink_rcpts: every accepted recipient, one a line, sorted.
sink_rcpts() {
	cat "$SINK_DIR"/*.env 2>/dev/null | sed -n 's/^RCPT TO:<\(.*\)>.*/\1/p' | sort
}

# sink_file N: the path of the N-th message (1-based).
sink_file() { printf '%s/%06d.eml' "$SINK_DIR" "$1"; }

# newest_file_to ADDR: the path of the newest message to ADDR, or
# nothing when there is none.
newest_file_to() {
	grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env 2>/dev/null | sort | tail -1 |
	    sed 's/env$/eml/'
}

# posts_to ADDR [LIST]: how many posts of LIST (default info), those
# with its subject prefix, the sink took for ADDR.
posts_to() {
	local n=0 f
	for f in $(grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env 2>/dev/null); do
		grep -m1 '^Subject:' "${f%.env}.eml" |
		    grep -q "^Subject: \[${2:-info}\]" && n=$((n + 1))
	done
	echo $n
}

# new_msgs: the messages the sink took since the last call, into M.
SEEN=0
new_msgs() {
	local n i
	n=$(sink_msgs)
	M=()
	for ((i = SEEN + 1; i <= n; i++)); do M+=("$(sink_file "$i")"); done
	SEEN=$n
}
# to_of FILE: the message's To.
to_of() { sed -n 's/^To: //p' "$1" | head -1 | tr -d '\r'; }
# msg_to ADDR FILES...: the one of FILES sent to ADDR.
msg_to() {
	local a=$1 f
	shift
	for f in "$@"; do [ "$(to_of "$f")" = "$a" ] && echo "$f"; done
}

# dns_nxdomain_start: tests/lib/dns_nxdomain.py on a free UDP port of
# 127.0.0.1, once a test; sets DNS_NX_PORT.
dns_nxdomain_start() {
	[ -n "${DNS_NX_PORT:-}" ] && return 0
	"$PYTHON3" "$MOOT_SRCDIR/tests/lib/dns_nxdomain.py" "$T/dns_nx.port" \
	    2>"$T/dns_nx.err" &
	T_PIDS+=($!)
	for _ in $(seq 100); do
		[ -s "$T/dns_nx.port" ] && break
		sleep 0.05
	done
	DNS_NX_PORT=$(cat "$T/dns_nx.port")
}

# site_new [EXTRA CONF LINES]: a site in $T/site with lists.example.org,
# relaying to the sink (start the sink first).  Sets CONF.  Its DMARC
# lookups go to dns_nxdomain.py, unless the lines bring a [dns] section:
# no From: is rewritten, and no lookup leaves the host.
site_new() {
	local dns=
	case "$*" in
	*"[dns]"*) ;;
	*)	dns_nxdomain_start
		dns="[dns]
server = 127.0.0.1:$DNS_NX_PORT" ;;
	esac
	SITE=$T/site
	mkdir -p "$SITE"
	CONF=$SITE/moot.conf
	cat >"$CONF" <<EOC
[moot]
domain    = lists.example.org
templates = $MOOT_SRCDIR/templates
timezone  = Europe/London
[relay]
host = 127.0.0.1
port = ${SINK_PORT:-25}
timeout = 10s
[delivery]
retry_min = 1m
$*
$dns
EOC
	moot init >/dev/null 2>"$T/init.err" ||
	    { echo "Bail out! moot init failed: $(cat "$T/init.err")"; exit 1; }
}

# conf_set_port PORT: point the relay at another port.
conf_set_port() { sed -i "s/^port = .*/port = $1/" "$CONF"; }

moot() { "$MOOT_BIN" -c "$CONF" "$@"; }
mootd_once() { "$MOOTD_BIN" -c "$CONF" --once "$@"; }

# post FILE TO [FROM]: inject a fixture (a path, or a name under
# tests/data/mail) and say nothing unless it fails.
post() {
	local f=$1
	[ -f "$f" ] || f=$MAILDIR/$f
	moot inject --to "$2" ${3:+--from "$3"} <"$f"
}

# members LIST N: add user00001@example.org ... as members of LIST, in
# one moot member import; the addresses are left in $T/members.txt.
members() {
	local i
	for ((i = 1; i <= $2; i++)); do
		printf 'user%05d@example.org\n' "$i"
	done >"$T/members.txt"
	moot member import "$1" "$T/members.txt" >/dev/null
}

# The shell tests look at moot's state as an administrator would, through
# the moot command; tests/*.sh query the database only for what no
# command shows, each time saying why.
#
# spool_state ID, spool_reason ID, spool_field ID NAME: a line of moot
# spool show ID; last_id: the newest spool id (moot spool ls).
spool_field() { moot spool show "$1" | sed -n "s/^$2: //p"; }
spool_state() { spool_field "$1" state; }
spool_reason() { spool_field "$1" reason; }
last_id() { moot spool ls --limit 1 | awk '{ print $1 }'; }
# member_field LIST ADDR N: field N of ADDR's line in moot member ls
# LIST (2 role, 3 mode, 4 language), or nothing if not a member.
member_field() { moot member ls "$1" | awk -v a="$2" -v n="$3" '$1 == a { print $n }'; }
# list_field LIST NAME: a line of moot list show LIST.
list_field() { moot list show "$1" | sed -n "s/^$2: //p"; }
# log_count LIST REGEX: lines of moot log LIST (all of it) that match.
log_count() { moot log "$1" --limit 1000000 | grep -cE -- "$2"; }
