#!/bin/bash
# postfix-readme.sh - README.md's "Running with Postfix", step by step,
# with a private Postfix that already has a milter of its own: the
# commands are the README's own fenced blocks (those marked
# "<!-- postfix-readme: NAME -->"), run with the machine's paths, users
# and ports replaced by the test's (as_here says which).  Then a post
# reaches the members, an unknown list is refused at RCPT, Postfix's own
# bounce to LIST-bounces+TOKEN@ goes to moot inject and not away, moot check
# compares the two size limits; the milter's unix socket works with
# smtpd chrooted too, and the TCP socket the README allows works, with
# moot-milter's warning (issue 10, items 7 and 9; issue 11, item 6).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/postfix.sh"

for p in postfix postconf swaks; do
	command -v "$p" >/dev/null || [ -x "/usr/sbin/$p" ] ||
		{ echo "1..0 # SKIP $p is not installed (tools/deps.sh installs it)"; exit 0; }
done
[ "$(id -u)" = 0 ] || { echo "1..0 # SKIP a private Postfix needs root"; exit 0; }
README=$MOOT_SRCDIR/README.md

# readme_block NAME: the fenced block after "<!-- postfix-readme: NAME -->".
readme_block() {
	awk -v m="<!-- postfix-readme: $1 -->" '
	    index($0, m) { want = 1; next }
	    want && /^ *```/ { if (inside) exit; inside = 1; next }
	    inside { sub(/^   /, ""); print }' "$README"
}

# The machine's names, as this test has them: moot's user is nobody (its
# group nogroup), the socket's group postfix (the postfix user is in it
# already), paths are under $T, ports are free ones.
ETC=$T/etc-moot
MPORT=$(free_port)
as_here() {
	sed -e "s|/etc/moot|$ETC|g; s|/var/lib/moot|$T/lib|g; s|/run/moot|$T/run|g" \
	    -e "s|/etc/tmpfiles.d|$T/tmpfiles.d|g; s|/etc/postfix|$PF/etc|g" \
	    -e "s|/var/spool/postfix|$PF/spool|g" \
	    -e "s|/usr/local/bin/moot|$MOOT_BIN|g" \
	    -e "s|/usr/local/sbin/mootd|$MOOTD_BIN|g" \
	    -e "s|/usr/local/sbin/moot-milter|$MILTER_BIN|g" \
	    -e "s| conf/| $MOOT_SRCDIR/conf/|g" \
	    -e "s|-g moot-milter |-g postfix |g; s|-o moot |-o nobody |g" \
	    -e "s|-g moot |-g nogroup |g; s|user=moot |user=nobody |g" \
	    -e "s|^user *= *moot\$|user = nobody|" \
	    -e "s|10030|$PF_REINJECT|g; s|8895|$MPORT|g"
}

# What the blocks call that this test must not run on the machine:
# accounts (mapped to existing ones above), and systemd-tmpfiles, done
# here for the "d" lines of the file the README installs, as here.
adduser() { echo "adduser $*" >>"$T/accounts"; }
addgroup() { echo "addgroup $*" >>"$T/accounts"; }
systemd-tmpfiles() {
	local type path mode user group
	while read -r type path mode user group _; do
		[ "$type" = d ] || continue
		[ "$user" = moot ] && user=nobody
		[ "$group" = moot ] && group=nogroup
		install -d -m "$mode" -o "$user" -g "$group" "$path"
	done < <(grep -v "^#" "$T/tmpfiles.d/$2" | as_here)
}
export -f adduser addgroup systemd-tmpfiles as_here

# run_block NAME [FIRST]: the block, as here, in bash -e, with FIRST
# instead of its first line if given; its output in $T/NAME.out.
run_block() {
	local script
	script=$(readme_block "$1" | as_here)
	[ -n "$script" ] || { echo "# README.md has no block $1"; return 1; }
	[ -z "${2:-}" ] || script=$2$'\n'$(echo "$script" | sed 1d)
	(cd "$MOOT_SRCDIR" && bash -e -c "$script") >"$T/$1.out" 2>&1
}

chmod 0755 "$T"		# moot runs as nobody, below it
mkdir "$T/tmpfiles.d"	# as /etc/tmpfiles.d is
sink_start --reject-rcpt refuse@
# Postfix as a site has it before moot: a milter of its own (as
# OpenDKIM's, not running here, hence accept), nothing else.
DEAD=$(free_port)
postfix_bare "smtpd_milters = { inet:127.0.0.1:$DEAD, default_action=accept }"
postfix_run
export MAIL_CONFIG=$PF/etc
export T PF ETC MPORT PF_REINJECT MOOT_BIN MOOTD_BIN MILTER_BIN MOOT_SRCDIR

# Step 1: the user, the folders, /run/moot.
run_block users
is $? 0 "step 1: the README's commands run"
is "$(stat -c '%U:%G %a' "$ETC" "$T/lib" "$T/run" 2>&1 | tr '\n' ' ')" \
    "root:nogroup 750 nobody:nogroup 750 nobody:nogroup 750 " \
    "  /etc/moot, /var/lib/moot, and /run/moot by the tmpfiles.d entry"
is "$(stat -c '%U:%G %a' "$PF/spool/moot")" "nobody:postfix 750" \
    "  the milter socket's folder: moot's user's, and the group Postfix is in"
like "$(cat "$T/accounts")" "adduser postfix moot-milter" "  Postfix joins that group, not moot's"

# Step 2: moot.conf (with the templates of the source tree, as "Setting
# up a site" says for a moot not installed), moot init, a list.
CONF=$ETC/moot.conf
readme_block moot.conf | as_here |
    sed "s|^\[moot\]\$|[moot]\ntemplates = $MOOT_SRCDIR/templates|" >"$CONF"
# DMARC lookups go to the tests' stub (common.sh), as site_new's do: no
# query leaves the host, and moot check has a server that answers.
dns_nxdomain_start
printf '[dns]\nserver = 127.0.0.1:%s\n' "$DNS_NX_PORT" >>"$CONF"
moot init >"$T/init.out" 2>&1
is $? 0 "step 2: moot init"
moot list create ops >/dev/null
for m in amira@one.example bogdan@four.example refuse@six.example; do
	moot member add ops "$m" >/dev/null
done
moot member add ops owner@one.example --role owner >/dev/null
# shellcheck disable=SC2012
is "$(ls -ln "$T/lib/moot.db" | awk '{ print $3 }')" 65534 "  the database is moot's user's"

# Step 3: postconf -e, master.cf.
run_block main.cf
is $? 0 "step 3: the README's postconf lines run"
# "change /usr/local/bin and /etc/moot there if yours differ"
as_here <"$PF/etc/master.cf" >"$T/master.cf" && cp "$T/master.cf" "$PF/etc/master.cf"
like "$(postconf -h smtpd_milters)" "^\{ inet:127.0.0.1:$DEAD, default_action=accept \} \{ unix:moot/milter.sock, default_action=tempfail \}\$" \
    "  smtpd_milters: the site's milter kept, moot's added after it"
like "$(postconf -h non_smtpd_milters)" "^ *\{ unix:moot/milter.sock, default_action=tempfail \}\$" \
    "  non_smtpd_milters: from nothing, moot's alone"
like "$(postconf -h relay_domains)" " lists.example.org\$" "  relay_domains: the list domain added"
like "$(postconf -h transport_maps)" "^inline:\{ lists.example.org=moot: \}" "  transport_maps: the list domain to moot"
is "$(postconf -P "127.0.0.1:$PF_REINJECT/inet/message_size_limit")" \
    "127.0.0.1:$PF_REINJECT/inet/message_size_limit = 0" "  master.cf: the reinjection listener"
like "$(postconf -M moot/unix)" "pipe .*argv=$MOOT_BIN -c $ETC/moot.conf inject" "  master.cf: the moot service"
ok "  postfix check is content" postfix check
postfix reload >/dev/null 2>&1

# A daemon without its folder says which (9(c)).
mv "$T/run" "$T/run.away"
out=$("$MOOTD_BIN" -c "$CONF" -f 2>&1)
is "$?" 2 "without /run/moot, mootd stops"
like "$out" "fatal: \[mootd\] lock $T/run/mootd.lock: the folder $T/run does not exist" \
    "  saying which folder is missing"
out=$("$MILTER_BIN" -c "$CONF" -f 2>&1)
is "$?" 2 "so does moot-milter"
like "$out" "fatal: \[milter\] pid_file $T/run/moot-milter.pid: the folder $T/run does not exist" \
    "  saying which folder is missing"
mv "$T/run.away" "$T/run"

# Step 4: the daemons, as their systemd units start them.
unit_start() {
	local cmd
	cmd=$(sed -n 's/^ExecStart=//p' "$MOOT_SRCDIR/conf/systemd/$1.service" | as_here)
	# shellcheck disable=SC2086
	$cmd 2>>"$T/$1.log" &
	T_PIDS+=("$!")
	UNIT_PID=$!
}
unit_start moot-milter
milter_pid=$UNIT_PID
unit_start mootd
wait_for 10 test -S "$PF/spool/moot/milter.sock"
wait_for 10 test -S "$T/run/mootd.sock"
ok "step 4: moot-milter listens on the README's socket" test -S "$PF/spool/moot/milter.sock"
is "$(stat -c '%U %a' "$PF/spool/moot/milter.sock")" "nobody 666" "  owned by moot's user, mode socket_mode"
ok "  mootd made its wake socket in /run/moot" test -S "$T/run/mootd.sock"
is "$(stat -c %U "$T/run/mootd.pid" "$T/run/moot-milter.pid" 2>&1 | tr '\n' ' ')" \
    "nobody nobody " "  their pid files, written as moot's user"

# Step 5: moot check, swaks, a post.
out=$(moot check 2>&1)
is "$?:$out" "0:" "step 5: moot check has nothing to say"
postconf -e message_size_limit=9500000
out=$(moot check 2>&1)
is $? 1 "  with Postfix's message_size_limit lowered to 9500000: exit 1"
like "$out" "^\[limits\] message_bytes: 9437184, .* is not below Postfix's message_size_limit 9500000" \
    "  the largest post with room for headers and footer is not below it"
postconf -e message_size_limit=0
out=$(moot check 2>&1)
is "$?:$out" "0:" "  with no limit: nothing to say"
# A copy larger than message_size_limit: the reinjection listener, and
# its cleanup, take it (9(a)).
postconf -e message_size_limit=200000
postfix reload >/dev/null 2>&1
head -c 300000 /dev/zero | tr '\0' 'y' | fold -w 70 >"$T/big.txt"
swaks --server "127.0.0.1:$PF_REINJECT" --from ops-bounces@lists.example.org \
    --to big@seven.example --body "@$T/big.txt" >"$T/swaks.out" 2>&1
is $? 0 "a copy over message_size_limit: the reinjection listener takes it"
wait_for 30 eval 'sink_rcpts | grep -q big@seven.example'
is "$(sink_rcpts | grep -c big@seven.example)" 1 "  and it goes on its way"
postconf -X message_size_limit
postfix reload >/dev/null 2>&1

swaks --server "127.0.0.1:$PF_PORT" --to nosuchlist@lists.example.org \
    --from amira@one.example >"$T/swaks.out" 2>&1
is $? 24 "nosuchlist@lists.example.org: refused at RCPT"
has "$T/swaks.out" '^<\*\* 550 5\.1\.1 ' "  with 550 5.1.1"
swaks --server "127.0.0.1:$PF_PORT" --to ops@lists.example.org \
    --from amira@one.example --header "Subject: hello ops" >"$T/swaks.out" 2>&1
is $? 0 "a member's post: 250"
wait_for 60 eval '[ "$(sink_rcpts | grep -c "@\(one\|four\)\.example")" -ge 3 ]'
is "$(sink_rcpts | grep -v "postmaster\|big@" | tr '\n' ' ')" \
    "amira@one.example bogdan@four.example owner@one.example " \
    "  it reaches the members through the reinjection listener"
like "$(moot spool ls)" "sent .* ops .* post .* amira@one\.example .*hello ops" \
    "  moot spool ls shows it, sent"

# The member whose server refused the copy: Postfix bounces it to
# ops-bounces+TOKEN@ (the copy's VERP sender), which skips the milter,
# and the transport_maps entry gives it to moot inject, which takes it;
# never relayed.
wait_for 30 grep -q 'to=<ops-bounces+[a-z2-7]*@lists.example.org>, relay=moot' "$PF/maillog"
like "$(cat "$PF/maillog")" "to=<ops-bounces\\+[a-z2-7]+@lists.example.org>, relay=moot, .*status=sent" \
    "Postfix's own bounce to ops-bounces+TOKEN@ goes to moot inject, which takes it"
is "$(sink_rcpts | grep -c bounces)" 0 "  and is not relayed away"
# mootd reads it: Postfix's own DSN (5.x.x from the sink) scores the
# member the token names, a point.
wait_for 30 eval 'moot member ls ops --bounces | grep -q "^refuse@six.example "'
like "$(moot member ls ops --bounces)" "refuse@six\.example +1 " \
    "  and mootd scores the member whose server refused it: 1"

# The same recipe on a Postfix that runs smtpd chrooted, as Debian's
# does: the relative socket path is found inside the queue directory.
stop_milter() {
	kill "$milter_pid" 2>/dev/null
	wait_for 15 eval '! kill -0 "$milter_pid" 2>/dev/null'
}
stop_milter
postfix_stop
PF_CHROOT=y postfix_bare "smtpd_milters = { inet:127.0.0.1:$DEAD, default_action=accept }"
mkdir -p "$PF/spool/etc" && cp /etc/hosts /etc/services "$PF/spool/etc/"
run_block main.cf
is $? 0 "chrooted: the postconf lines run"
as_here <"$PF/etc/master.cf" >"$T/master.cf" && cp "$T/master.cf" "$PF/etc/master.cf"
postfix_run
like "$(postconf -M "127.0.0.1:$PF_PORT/inet")" "inet +n +- +y " "  smtpd runs chrooted"
unit_start moot-milter
milter_pid=$UNIT_PID
wait_for 10 test -S "$PF/spool/moot/milter.sock"
n0=$(grep -c milter-discard "$PF/maillog")
swaks --server "127.0.0.1:$PF_PORT" --to ops@lists.example.org \
    --from bogdan@four.example --header "Subject: hello again" >"$T/swaks.out" 2>&1
is $? 0 "a post through a chrooted smtpd and the unix socket: 250"
is "$(grep -c milter-discard "$PF/maillog")" $((n0 + 1)) \
    "  taken out of Postfix's delivery by moot-milter"
wait_for 60 eval '[ "$(sink_rcpts | grep -c amira@one.example)" -ge 2 ]'
is "$(sink_rcpts | grep -c amira@one.example)" 2 "  and it reaches the members"

# The TCP socket the README allows where a unix one cannot be: it works,
# and moot-milter says any local user may reach it.
stop_milter
postfix_stop
postfix_bare "smtpd_milters = { inet:127.0.0.1:$DEAD, default_action=accept }"
sed -i '/^socket \{0,\}=/d; /^socket_mode/d' "$CONF"
readme_block tcp.conf | as_here | sed 1d >"$T/tcp.lines"
sed -i "/^\[milter\]\$/r $T/tcp.lines" "$CONF"
run_block main.cf "$(readme_block tcp.m | as_here)"
is $? 0 "TCP: the postconf lines with the README's other first line run"
as_here <"$PF/etc/master.cf" >"$T/master.cf" && cp "$T/master.cf" "$PF/etc/master.cf"
like "$(postconf -h smtpd_milters)" "\{ inet:127.0.0.1:$MPORT, default_action=tempfail \}\$" \
    "  smtpd_milters: Postfix's form of the socket"
postfix_run
: >"$T/moot-milter.log"
unit_start moot-milter
milter_pid=$UNIT_PID
wait_for 10 eval "ss -Hltn 'sport = :$MPORT' | grep -q ."
ok "  moot-milter listens on the port" test -n "$(ss -Hltn "sport = :$MPORT")"
like "$(cat "$T/moot-milter.log")" "is not a unix socket: any local user may connect" \
    "  and warns that any local user may reach it"
swaks --server "127.0.0.1:$PF_PORT" --to ops@lists.example.org \
    --from bogdan@four.example --header "Subject: over TCP" >"$T/swaks.out" 2>&1
is $? 0 "  a post through it: 250"
wait_for 60 eval '[ "$(sink_rcpts | grep -c amira@one.example)" -ge 3 ]'
is "$(sink_rcpts | grep -c amira@one.example)" 3 "  and it reaches the members"

done_testing
