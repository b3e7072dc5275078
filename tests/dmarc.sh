#!/bin/bash
# dmarc.sh - a post from a domain whose DMARC policy (RFC 7489) is reject
# or quarantine goes to the members From: the list, "Name via LIST"
# <LIST@domain>, with the author in Reply-To: (or Cc:); a post from a
# domain with p=none keeps its From: under --dmarc auto; always and
# never; a subdomain without a record takes its organisational domain's
# sp=; a DNS server that never answers makes mootd wait [dns] timeout
# once (the failure is remembered) and the From: is rewritten (issue
# 15, item 3; threat E5).  A list that changes neither subject nor body
# (no prefix, --no-footer) keeps the author's DKIM signature, and
# python3-dkim verifies it in the member's copy, sent through libESMTP,
# with the key from the same zone; a list that changes them drops it
# (item 4; threat E4).  The DNS server is Debian's
# unbound, started here on 127.0.0.1 (and ::1, to ask it as an IPv6
# server) with a test zone of its own and nothing else: it asks nobody,
# so no query leaves this host.  A lookup whose second query (the
# organisational domain's) gets no answer still ends within [dns]
# timeout.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

UNBOUND=$(command -v unbound || echo /usr/sbin/unbound)
if [ ! -x "$UNBOUND" ]; then
	echo "1..0 # SKIP unbound is not installed (tools/deps.sh)"
	exit 0
fi
if ! "$PYTHON3" -c 'import dkim, dns.resolver' 2>/dev/null; then
	echo "1..0 # SKIP python3-dkim is not installed (tools/deps.sh)"
	exit 0
fi
ASK=$MOOT_BUILDDIR/tests/unit/dmarc_ask
MIMECHECK=$MOOT_SRCDIR/tests/lib/mimecheck.py

# A UDP port nothing listens on now, for unbound.
DNS_PORT=$("$PYTHON3" -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DNS=127.0.0.1:$DNS_PORT
mkdir -p "$T/unbound"
# The author's DKIM key (RFC 6376), its public half in the zone as
# s1._domainkey.signed.example, in TXT strings of at most 255 octets.
openssl genrsa -out "$T/dkim.key" 2048 2>/dev/null ||
    { echo "Bail out! openssl genrsa failed"; exit 1; }
DKIM_P=$(openssl rsa -in "$T/dkim.key" -pubout -outform DER 2>/dev/null |
    base64 -w0)
DKIM_TXT=$(printf 'v=DKIM1; k=rsa; p=%s' "$DKIM_P" | fold -w 200 |
    sed 's/.*/"&"/' | tr '\n' ' ')
# The zone: "example." is answered from these records alone (static:
# any other name under it does not exist), hang.example is dropped
# without an answer (deny), the list domain has no records (moot check
# asks for its _dmarc), and every other name is refused: unbound has
# nothing to ask anyone, and may only send from 127.0.0.1.
# With an IPv6 loopback, unbound answers on [::1] too ([dns] server may
# be IPv6).
V6=no
grep -q '^0\{31\}1 .* lo$' /proc/net/if_inet6 2>/dev/null && V6=yes
V6_LINES=
[ $V6 = yes ] && V6_LINES="	interface: ::1
	outgoing-interface: ::1
	access-control: ::1 allow"
cat >"$T/unbound/unbound.conf" <<EOF
server:
	interface: 127.0.0.1
	port: $DNS_PORT
	outgoing-interface: 127.0.0.1
	do-ip6: $V6
$V6_LINES
	username: ""
	chroot: ""
	directory: "$T/unbound"
	pidfile: ""
	do-daemonize: no
	use-syslog: no
	logfile: "$T/unbound/unbound.log"
	log-queries: yes
	num-threads: 1
	module-config: "iterator"
	access-control: 127.0.0.0/8 allow
	local-zone: "." refuse
	local-zone: "example." static
	local-data: '_dmarc.reject.example. 300 IN TXT "v=DMARC1; p=reject; rua=mailto:d@reject.example"'
	local-data: '_dmarc.quarantine.example. 300 IN TXT "v=DMARC1; " "p=quarantine"'
	local-data: '_dmarc.none.example. 300 IN TXT "v=DMARC1; p=none"'
	local-data: '_dmarc.none.example. 300 IN TXT "v=spf1 -all"'
	local-data: '_dmarc.org.example. 300 IN TXT "v=DMARC1; p=none; sp=reject"'
	local-data: 's1._domainkey.signed.example. 300 IN TXT $DKIM_TXT'
	local-zone: "hang.example." deny
	local-zone: "slow.example." deny
	local-zone: "sub.slow.example." static
	local-zone: "lists.example.org." static
remote-control:
	control-enable: no
EOF
"$UNBOUND" -d -c "$T/unbound/unbound.conf" >"$T/unbound/stderr" 2>&1 &
T_PIDS+=($!)
wait_for 10 eval '"$ASK" "$DNS" 1 reject.example | grep -q " reject "' ||
    { echo "Bail out! unbound did not start: $(cat "$T/unbound/stderr")"; exit 1; }

# --- the resolver and discovery, alone (mail/dmarc.h)
# 2 s: the organisational domain's query gets what is left of the
# timeout in whole seconds (dmarc.h), and with 1 s nothing would be.
is "$("$ASK" "$DNS" 2 reject.example quarantine.example none.example \
    lists.org.example org.example nothing.example [192.0.2.1] | cut -d' ' -f1-4)" \
"reject.example reject reject.example ok
quarantine.example quarantine quarantine.example ok
none.example none none.example ok
lists.org.example reject org.example ok
org.example none org.example ok
nothing.example none - ok
[192.0.2.1] none - ok" \
    "policies: p=, a record of two strings, other TXT records left out, sp= for a subdomain of the organisational domain, none, a literal"
out=$("$ASK" "$DNS" 1 hang.example hang.example)
like "$out" "^hang.example unknown - timed out 0 _dmarc.hang.example: no answer within 1 s" \
    "a server that does not answer: unknown, after the timeout"
like "$out" $'\nhang.example unknown - timed out 1 ' \
    "the failure is remembered: the second lookup waits for nothing"
# The From: domain's query answered at once (no record), and its
# organisational domain's never is: the second gets what the first left,
# in whole seconds (1 of 2), so the lookup ends within [dns] timeout.
like "$("$ASK" "$DNS" 2 sub.slow.example)" \
    "^sub.slow.example unknown - timed out 0 _dmarc.slow.example: no answer within 1 s\$" \
    "the first query answered, the second not: it waits what is left, 1 s of 2"
# [dns] server may be IPv6: "[::1]:PORT", or a bare address (port 53).
if [ $V6 = yes ]; then
	is "$("$ASK" "[::1]:$DNS_PORT" 1 reject.example | cut -d' ' -f1-4)" \
	    "reject.example reject reject.example ok" \
	    "an IPv6 server, [::1]:$DNS_PORT: asked and answered"
else
	skip "no IPv6 loopback here: an IPv6 [dns] server is not tried"
fi
like "$("$ASK" "[::1]:$DNS_PORT:53" 1 reject.example)" "is not a server address" \
    "  \"[::1]:$DNS_PORT:53\" is refused"
like "$("$ASK" 127.0.0.1:9 1 reject.example)" "unknown - failed .*refused" \
    "nothing listening: failed at once, not timed out"

# --- the members' copies
sink_start
site_new "[dns]
server = $DNS
timeout = 2s"
moot list create team >/dev/null
members team 2
for a in amira@reject.example qiu@quarantine.example nora@none.example \
    sub@lists.org.example hana@hang.example zoe@reject.example; do
	moot member add team "$a" >/dev/null
done
like "$(moot list show team)" $'dmarc: auto\ndmarc-author: reply-to' \
    "moot list show: --dmarc auto and --dmarc-author reply-to by default"

# eml_of N: the file of post N's copy to user00001
eml_of() {
	local e
	for e in $(grep -l "^RCPT TO:<user00001@example.org>" "$SINK_DIR"/*.env); do
		grep -qE "^X-Test: $1"$'\r?$' "${e%.env}.eml" && { echo "${e%.env}.eml"; return; }
	done
}
# copy_of N: the From:, Reply-To:, Cc: and Sender: fields of post N's
# copy to user00001, RFC 2047 words decoded, as a reader's program
# shows them (Python's email package, apart from moot's C)
copy_of() {
	"$PYTHON3" - "$(eml_of "$1")" <<'EOF'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
for k in ('From', 'Reply-To', 'Cc', 'Sender'):
    for v in m.get_all(k) or []:
        print('%s: %s' % (k, v))
EOF
}
n=0
# post_from FROM [HEADER...]: a post to team From: FROM, marked X-Test: N
post_from() {
	local from=$1 env
	shift
	n=$((n + 1))
	env=$(printf '%s\n' "$from" | grep -o '[^<> ]*@[^<> ]*' | tail -1)
	{ printf 'From: %s\nTo: team@lists.example.org\nSubject: post %d\n' \
	    "$from" $n
	  printf 'Message-ID: <p%d@x.example>\nX-Test: %d\n' $n $n
	  for h in "$@"; do printf '%s\n' "$h"; done
	  printf '\nHello.\n'; } >"$T/post.eml"
	moot inject --to team@lists.example.org --from "$env" <"$T/post.eml" ||
	    fail "post $n injected"
}

post_from "Amira Haddad <amira@reject.example>"
post_from "qiu@quarantine.example"
post_from "Nora <nora@none.example>"
post_from "Sub <sub@lists.org.example>"
post_from "=?utf-8?q?Zo=C3=AB_K=C3=B6rting?= <zoe@reject.example>"
post_from "Amira Haddad <amira@reject.example>" "Reply-To: Desk <desk@reject.example>"
post_from "Amira Haddad <amira@reject.example>" "Reply-To: amira@reject.example"
# a right-to-left override in the name would turn " via team" around
post_from "=?utf-8?q?Eve_=E2=80=AEmaet?= <eve@reject.example>"
run
is "$(copy_of 1)" "From: Amira Haddad via team <team@lists.example.org>
Reply-To: Amira Haddad <amira@reject.example>" \
    "p=reject: From: the list with the author's name, the author in Reply-To:"
is "$(copy_of 2)" "From: qiu via team <team@lists.example.org>
Reply-To: qiu@quarantine.example" \
    "p=quarantine: rewritten; without a display name, the local part"
is "$(copy_of 3)" "From: Nora <nora@none.example>" \
    "p=none under auto: From: kept, no Reply-To: added"
is "$(copy_of 4)" "From: Sub via team <team@lists.example.org>
Reply-To: Sub <sub@lists.org.example>" \
    "a subdomain without a record: its organisational domain's sp=reject"
is "$(copy_of 5)" "From: Zoë Körting via team <team@lists.example.org>
Reply-To: Zoë Körting <zoe@reject.example>" \
    "a name that is not ASCII: RFC 2047 words in From: and Reply-To:"
grep -q '^From: =?' "$(eml_of 5)" && ! grep -q '^From:.*ö' "$(eml_of 5)"
ok "the copy's From: is ASCII, in encoded words" test $? = 0
is "$(copy_of 6)" "From: Amira Haddad via team <team@lists.example.org>
Reply-To: Desk <desk@reject.example>, Amira Haddad <amira@reject.example>" \
    "the post's own Reply-To: is kept, the author added after it"
is "$(copy_of 7)" "From: Amira Haddad via team <team@lists.example.org>
Reply-To: amira@reject.example" \
    "a Reply-To: that names the author already is left as it is"
from8=$(copy_of 8 | sed -n 1p)
like "$from8" "^From: \"?Eve .*u\\{202E\}maet via team\"? <team@lists.example.org>\$" \
    "a bidi override in the author's name ..."
unlike "$from8" $'\u202e' "... is made visible, not obeyed, in the From: moot writes"
like "$(cat "$T/mootd.log")" "list=team dmarc: reject.example: policy reject at _dmarc.reject.example: From: rewritten" \
    "mootd logs the policy and where it was found"
like "$(cat "$T/mootd.log")" "list=team dmarc: none.example: policy none at _dmarc.none.example: From: kept" \
    "... and a From: it kept"
mime_ok=1
for i in 1 2 3 4 5 6 7 8; do
	"$PYTHON3" "$MIMECHECK" "$(eml_of $i)" || mime_ok=0
done
ok "every copy passes the strict MIME check" test $mime_ok = 1

# --- a server that never answers: the post is not held up
post_from "Hana <hana@hang.example>"
post_from "Hana <hana@hang.example>"
run
is "$(copy_of 9)" "From: Hana via team <team@lists.example.org>
Reply-To: Hana <hana@hang.example>" \
    "no answer from DNS: taken as strict, From: rewritten"
is "$(copy_of 10 | sed -n 1p)" "From: Hana via team <team@lists.example.org>" \
    "... the second post too"
is "$(grep -c 'dmarc: hang.example: lookup timed out (_dmarc.hang.example: no answer within 2 s): From: rewritten$' "$T/mootd.log")" 1 \
    "mootd waited [dns] timeout once, and said so"
is "$(grep -c 'dmarc: hang.example: lookup timed out .*, remembered: From: rewritten$' "$T/mootd.log")" 1 \
    "the second post used the remembered failure: no second wait"
is "$(spool_state "$(last_id)")" sent "the posts were sent"

# --- always, never, and the author in Cc:
moot list set team --dmarc never >/dev/null
post_from "Amira Haddad <amira@reject.example>"
run
moot list set team --dmarc always --dmarc-author cc >/dev/null
like "$(moot list show team)" $'dmarc: always\ndmarc-author: cc' \
    "moot list show: the new settings"
post_from "Nora <nora@none.example>" "Cc: friend@none.example"
post_from "Nora <nora@none.example>" "Reply-To: desk@none.example"
# a Cc: that cannot take another address (raw 8-bit): Reply-To: then
post_from "Nora <nora@none.example>" "$(printf 'Cc: J\xc3\xb6rg <jorg@none.example>')"
run
is "$(copy_of 11)" "From: Amira Haddad <amira@reject.example>" \
    "--dmarc never: a p=reject post keeps its From:"
is "$(copy_of 12)" "From: Nora via team <team@lists.example.org>
Cc: friend@none.example, Nora <nora@none.example>" \
    "--dmarc always: p=none rewritten too; --dmarc-author cc: the author joins the Cc:"
is "$(copy_of 13)" "From: Nora via team <team@lists.example.org>
Reply-To: desk@none.example
Cc: Nora <nora@none.example>" \
    "--dmarc-author cc: a Cc: of its own, Reply-To: as it was"
is "$(copy_of 14)" "From: Nora via team <team@lists.example.org>
Reply-To: Nora <nora@none.example>
Cc: Jörg <jorg@none.example>" \
    "a Cc: with raw 8-bit bytes is left alone: the author goes in Reply-To:"
mime_ok=1
for i in 11 12 13 14; do
	"$PYTHON3" "$MIMECHECK" "$(eml_of $i)" || mime_ok=0
done
ok "these copies pass the strict MIME check" test $mime_ok = 1
is "$(moot list set team --dmarc sometimes 2>&1 >/dev/null; echo "rc=$?")" \
    "moot: --dmarc: \"sometimes\" is not one of always, auto, never
rc=1" "--dmarc takes only its three words"

# --- DKIM: kept, and verifying, when the copy changes nothing signed
# dkim_tool sign FILE | verify FILE: python3-dkim, apart from moot's C,
# with the key above and, to verify, the zone's key asked of unbound
dkim_tool() {
	"$PYTHON3" - "$@" "$T/dkim.key" "$DNS_PORT" <<'EOF'
import sys, dkim, dns.resolver
what, path, key, port = sys.argv[1:5]
msg = open(path, 'rb').read()
if what == 'sign':
    sig = dkim.sign(msg, b's1', b'signed.example', open(key, 'rb').read(),
                    canonicalize=(b'relaxed', b'relaxed'))
    sys.stdout.buffer.write(sig + msg)
    sys.exit(0)
r = dns.resolver.Resolver(configure=False)
r.nameservers = ['127.0.0.1']
r.port = int(port)
def txt(name, timeout=5):
    try:
        a = r.resolve(name.decode().rstrip('.'), 'TXT', lifetime=timeout)
    except Exception:
        return None
    return b''.join(a[0].strings)
print('pass' if dkim.verify(msg, dnsfunc=txt) else 'fail')
EOF
}
moot list create plain --subject-prefix "" >/dev/null
moot list set plain --no-footer --dmarc auto >/dev/null
like "$(moot list show plain)" "footer: no" "moot list show: --no-footer"
members plain 2
moot member add plain dee@signed.example >/dev/null
moot list set team --dmarc auto --dmarc-author reply-to >/dev/null
moot member add team dee@signed.example >/dev/null
for l in plain team; do
	n=$((n + 1))
	printf 'From: Dee <dee@signed.example>\r\nTo: %s@lists.example.org\r\nSubject: signed %d\r\nDate: Thu, 03 Dec 2026 07:00:00 +0000\r\nMessage-ID: <s%d@signed.example>\r\nX-Test: %d\r\n\r\nA signed post.\r\n' \
	    "$l" $n $n $n >"$T/unsigned.eml"
	dkim_tool sign "$T/unsigned.eml" >"$T/signed-$l.eml"
	moot inject --to "$l@lists.example.org" --from dee@signed.example \
	    <"$T/signed-$l.eml" || fail "signed post to $l injected"
done
is "$(dkim_tool verify "$T/signed-plain.eml")" pass \
    "the signed post verifies as posted (python3-dkim, key from unbound)"
run
plain_copy=$(eml_of $((n - 1)))
is "$(grep -c '^DKIM-Signature:' "$plain_copy")" 1 \
    "no prefix, no footer: the copy keeps the author's DKIM-Signature"
is "$(dkim_tool verify "$plain_copy")" pass \
    "... and it verifies at the member's end"
sed 's/^A signed post\./A changed post./' "$plain_copy" >"$T/changed.eml"
is "$(dkim_tool verify "$T/changed.eml")" fail \
    "(the verifier does fail a copy whose body changed)"
team_copy=$(eml_of $n)
like "$(cat "$team_copy")" "Subject: \[team\] signed $n" \
    "a list with a prefix and footer changes the copy"
is "$(grep -c '^DKIM-Signature:' "$team_copy")" 0 \
    "... and drops the author's DKIM-Signature, which would fail"
"$PYTHON3" "$MIMECHECK" "$plain_copy" "$team_copy"
ok "both copies pass the strict MIME check" test $? = 0

# The word between the names is the list's language's (the phrase
# from-via of templates/LANG/phrases), in RFC 2047 words where it is not
# ASCII; a list without a language of its own has the site's (en).
for lang in uk ar fr; do
	moot list set team --language $lang >/dev/null
	post_from "Amira Haddad <amira@reject.example>"
	run
done
moot list set team --language en >/dev/null
n_uk=$((n - 2)) n_ar=$((n - 1)) n_fr=$n
is "$(copy_of $n_uk | sed -n 1p)" "From: Amira Haddad через team <team@lists.example.org>" \
    "a list in Ukrainian: From: \"Amira Haddad через team\""
is "$(copy_of $n_ar | sed -n 1p)" "From: Amira Haddad عبر team <team@lists.example.org>" \
    "a list in Arabic: From: \"Amira Haddad عبر team\""
is "$(copy_of $n_fr | sed -n 1p)" "From: Amira Haddad via team <team@lists.example.org>" \
    "a list in French: From: \"Amira Haddad via team\""
grep -q '^From: =?' "$(eml_of $n_uk)" && ! LC_ALL=C grep -q $'^From:.*[\x80-\xff]' "$(eml_of $n_uk)"
ok "  the Ukrainian From: is ASCII, in encoded words" test $? = 0
"$PYTHON3" "$MIMECHECK" "$(eml_of $n_uk)" "$(eml_of $n_ar)" "$(eml_of $n_fr)"
ok "  and the copies pass the strict MIME check" test $? = 0

# --- moot check says when DNS does not answer
is "$(moot check 2>&1 | grep -c '^DNS ')" 0 "moot check: unbound answers, nothing to say"
sed -i "s/^server = $DNS\$/server = 127.0.0.1:9/" "$CONF"
like "$(moot check 2>&1)" "DNS 127\.0\.0\.1:9: asking for _dmarc\.lists\.example\.org failed: refused: nothing listens there, or the server refused or failed the query; posts to lists with --dmarc auto all go From: the list" \
    "moot check: a DNS server that does not answer is a finding"
sed -i "s/^server = 127\.0\.0\.1:9\$/server = $DNS/" "$CONF"

# --- no query left this host: unbound was asked from 127.0.0.1 alone,
# for names of the test zone (and moot check's, of the list domain) alone, and (its statistics, written when
# it stops) asked no other server
Q=' info: [0-9a-f.:]+ [^ ]+ [A-Z0-9]+ IN$'
queries=$(grep -cE "$Q" "$T/unbound/unbound.log")
others=$(grep -E "$Q" "$T/unbound/unbound.log" |
    grep -vcE ' info: (127\.0\.0\.1|::1) (_dmarc|s1\._domainkey)\.[a-z.]*example\.(org\.)? TXT IN$')
ok "unbound was asked for the test zone's names only, from 127.0.0.1 (or ::1) ($queries queries, $others others)" \
    test "$queries" -gt 0 -a "$others" = 0
kill "${T_PIDS[0]}"
wait_for 10 grep -q 'server stats for thread 0: ' "$T/unbound/unbound.log"
like "$(grep 'server stats for thread 0: [0-9]* queries' "$T/unbound/unbound.log")" \
    " 0 recursions," "unbound asked no other server (0 recursions)"

done_testing
