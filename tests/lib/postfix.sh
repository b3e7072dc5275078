# postfix.sh - a private Postfix for moot's tests (c-libraries.md, 5)
#
# Sourced after common.sh.  postfix_start makes an instance in $T/pf that
# listens on 127.0.0.1 only: PF_PORT (smtpd with moot-milter on
# $MILTER_SOCK, as conf/postfix/main.cf sets it up) and PF_REINJECT
# (smtpd without milters, where mootd hands its mail back), relaying
# everything to the sink.  postfix_bare and postfix_run make and start
# the same instance without moot's lines, for tests that add them as
# README.md says.  It never touches the system's Postfix or port 25;
# postfix_stop (also run at exit) stops it.

PF=
# postfix_bare [MAIN.CF LINES]: $PF/etc with an instance that knows
# nothing of moot: smtpd on PF_PORT, everything relayed to the sink.
postfix_bare() {
	PF=$T/pf
	mkdir -p "$PF/etc" "$PF/spool" "$PF/data"
	chown postfix "$PF/data"
	PF_PORT=${PF_PORT:-$(free_port)}
	PF_REINJECT=${PF_REINJECT:-$(free_port)}
	cat >"$PF/etc/main.cf" <<EOC
compatibility_level = 3.6
queue_directory = $PF/spool
data_directory = $PF/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = $PF/maillog
maillog_file_prefixes = $PF
myhostname = mx.test.example
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:$SINK_PORT
in_flow_delay = 0
smtpd_error_sleep_time = 0
smtp_connect_timeout = 5s
$*
EOC
	cat >"$PF/etc/master.cf" <<EOC
127.0.0.1:$PF_PORT  inet n - ${PF_CHROOT:-n} - - smtpd
pickup  unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr    unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce  unix - - n - 0 bounce
defer   unix - - n - 0 bounce
trace   unix - - n - 0 bounce
verify  unix - - n - 1 verify
flush   unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp    unix - - n - - smtp
relay   unix - - n - - smtp
showq   unix n - n - - showq
error   unix - - n - - error
retry   unix - - n - - error
discard unix - - n - - discard
anvil   unix - - n - 1 anvil
scache  unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
EOC
}

postfix_start() {
	postfix_bare "relay_domains = lists.example.org
# As conf/postfix/main.cf:
smtpd_milters = unix:$MILTER_SOCK
non_smtpd_milters =
milter_default_action = tempfail
milter_protocol = 6
# Tests only: postfix.sh says, by XCLIENT, that a client comes from
# elsewhere, to see the reinjection listener refuse it.
smtpd_authorized_xclient_hosts = 127.0.0.1"
	cat >>"$PF/etc/master.cf" <<EOC
# As conf/postfix/master.cf: the reinjection listener, without milters.
127.0.0.1:$PF_REINJECT inet n - n - - smtpd
  -o syslog_name=postfix/reinject
  -o smtpd_milters=
  -o non_smtpd_milters=
  -o receive_override_options=no_milters,no_address_mappings
  -o content_filter=
  -o mynetworks=127.0.0.0/8
  -o smtpd_client_restrictions=permit_mynetworks,reject
  -o smtpd_recipient_restrictions=permit_mynetworks,reject
  -o smtpd_forbid_bare_newline=yes
  -o message_size_limit=0
  -o cleanup_service_name=moot-cleanup
moot-cleanup unix n - n - 0 cleanup
  -o syslog_name=postfix/reinject
  -o message_size_limit=0
EOC
	postfix_run
}

# postfix_run: start the instance of $PF/etc and wait for its greeting.
postfix_run() {
	if ! postfix -c "$PF/etc" start >/dev/null 2>&1; then
		echo "Bail out! postfix would not start: $(tail -5 "$PF/maillog" 2>/dev/null)"
		exit 1
	fi
	T_CLEANUPS+=("postfix_stop")
	for _ in $(seq 100); do
		"$PYTHON3" -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$PF_PORT),1); sys.exit(0 if s.recv(3)==b'220' else 1)" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "Bail out! postfix does not answer on 127.0.0.1:$PF_PORT"
	exit 1
}

postfix_stop() {
	[ -n "$PF" ] && [ -d "$PF/etc" ] || return 0
	postfix -c "$PF/etc" stop >/dev/null 2>&1
	for _ in $(seq 100); do
		[ -s "$PF/spool/pid/master.pid" ] || break
		kill -0 "$(cat "$PF/spool/pid/master.pid")" 2>/dev/null || break
		sleep 0.1
	done
}

# postfix_queue_empty: true when Postfix holds no mail.
postfix_queue_empty() { postqueue -c "$PF/etc" -p 2>/dev/null | grep -q 'Mail queue is empty'; }
postfix_flush() { postqueue -c "$PF/etc" -f >/dev/null 2>&1; }

# milter_start [ENV=VALUE...]: moot-milter in the foreground on
# $MILTER_SOCK, logging to $T/milter.log; sets MILTER_PID.
milter_start() {
	env "$@" "$MILTER_BIN" -c "$CONF" -f 2>>"$T/milter.log" &
	MILTER_PID=$!
	T_PIDS+=("$MILTER_PID")
	wait_for 10 test -S "$MILTER_SOCK" || {
		echo "Bail out! moot-milter did not start: $(tail -3 "$T/milter.log")"
		exit 1
	}
}

milter_stop() {
	[ -n "${MILTER_PID:-}" ] || return 0
	kill "$MILTER_PID" 2>/dev/null
	# libmilter takes up to 5 s to return after SIGTERM (c-libraries.md).
	wait_for 15 eval '! kill -0 "$MILTER_PID" 2>/dev/null'
	wait "$MILTER_PID" 2>/dev/null
	MILTER_PID=
}

# miltertest_run SCRIPT: the miltertest script (tests/milter/) against
# the milter on $MILTER_SOCK, each of its PASS or FAIL lines a check;
# sets MT_N to how many it ran.
miltertest_run() {
	miltertest -D sock="unix:$MILTER_SOCK" -s "$MOOT_SRCDIR/tests/milter/$1" >"$T/mt.out" 2>&1
	while read -r verdict text; do
		case $verdict in
		PASS) ok "$text" true ;;
		FAIL) ok "$text" false ;;
		*) diag "miltertest: $verdict $text" ;;
		esac
	done <"$T/mt.out"
	MT_N=$(grep -c '^PASS\|^FAIL' "$T/mt.out")
}
