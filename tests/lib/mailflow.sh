# mailflow.sh - for tests that drive moot by mail over simulated days:
# sourced after common.sh, once sink_start and site_new have run or
# before (the functions look SITE and SINK_DIR up when called).
#
#   T0, MOOT_NOW      the test's start, a Monday at 10:00 UTC
#   at SECONDS        the time SECONDS after T0, for MOOT_NOW
#   run               one mootd --once, its log kept in $T/mootd.log
#   db SQL            sqlite3 on the site's database, for what no
#                     command shows (say why where it is used)
#   count_to ADDR     how many messages the sink took for ADDR
#   newest_to ADDR    the newest of them, printed
#   reply_addr ADDR KIND   the KIND+TOKEN Reply-To of the newest to ADDR
#   send TO FROM SUBJECT BODY [HEADER...]   a message, injected

T0=2026-11-23T10:00:00Z			# a Monday
export MOOT_NOW=$T0
at() { date -u -d "@$(( $(date -u -d "$T0" +%s) + $1 ))" +%Y-%m-%dT%H:%M:%SZ; }
run() { mootd_once 2>>"$T/mootd.log"; }
db() { sqlite3 "$SITE/var/moot.db" "$@"; }
count_to() { grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env 2>/dev/null | wc -l; }
newest_to() {
	local f
	f=$(grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env 2>/dev/null | sort | tail -1)
	[ -n "$f" ] && cat "${f%.env}.eml"
}
reply_addr() {
	newest_to "$1" | grep -o "^Reply-To: [a-z0-9-]*-$2+[a-z2-7]*@lists\.example\.org" |
	    head -1 | sed 's/^Reply-To: //'
}
n_msg=0
send() {
	local to=$1 from=$2 subject=$3 body=$4
	shift 4
	n_msg=$((n_msg + 1))
	{ printf 'From: %s\nTo: %s\nSubject: %s\nMessage-ID: <m%d@x.example>\n' \
	    "$from" "$to" "$subject" "$n_msg"
	  for h in "$@"; do printf '%s\n' "$h"; done
	  printf '\n%b\n' "$body"; } >"$T/msg.eml"
	moot inject --to "$to" --from "$from" <"$T/msg.eml"
}
