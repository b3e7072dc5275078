#!/bin/bash
# imperfect.sh - nothing accepted and then dropped: one message of each
# kind that used to end "failed" without a word is sent through moot
# inject and mootd to the sink, and each ends delivered, refused at the
# door (exit 65), or held for a moderator who is asked (threats D1, E6;
# issue 10).  Copies that go out have a pure ASCII header whose encoded
# words read as the post's own text (tests/lib/hdrcheck.py), and the
# post's body byte for byte.
. "$(dirname "$0")/lib/common.sh"

sink_start
site_new
moot list create info >/dev/null
moot member add info amira@one.example >/dev/null
moot member add info olga@one.example --role owner --nomail >/dev/null
HDRCHECK=$MOOT_SRCDIR/tests/lib/hdrcheck.py

# Refused at the door: an address of no form moot has.
moot inject --to info-bounces+not.a.token@lists.example.org --from amira@one.example \
    <"$MAILDIR/real/crlf.eml" 2>"$T/inject.err"
is $? 65 "mail to info-bounces+not.a.token is refused at the door (exit 65)"
# So is a non-ASCII envelope sender, which no relay here can carry.
moot inject --to info@lists.example.org --from 'jöran@two.example' \
    <"$MAILDIR/real/crlf.eml" 2>"$T/inject.err"
is $? 65 "a non-ASCII envelope sender is refused at the door (exit 65)"
like "$(cat "$T/inject.err")" "SMTPUTF8" "  saying why"

# run NAME [ENVELOPE SENDER]: post imperfect/NAME.eml; the spool id
run() {
	post "imperfect/$1.eml" info@lists.example.org "${2:-amira@one.example}" ||
	    diag "inject $1: exit $?"
	mootd_once 2>>"$T/mootd.log"
	last_id
}

# copy_to ADDR: the newest message the sink took for ADDR
copy_to() {
	grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env | sort | tail -1 | sed 's/\.env$/.eml/'
}

# body_kept NAME COPY: the post's body (after its header, CRLF) is in
# the copy byte for byte, once the footer's part is taken out of it
body_kept() {
	"$PYTHON3" - "$MAILDIR/imperfect/$1.eml" "$2" <<'EOP'
import sys
o = open(sys.argv[1], 'rb').read().replace(b'\r\n', b'\n')
body = o.split(b'\n\n', 1)[1].replace(b'\n', b'\r\n')
lines = open(sys.argv[2], 'rb').read().split(b'\r\n')
delim = lambda l: l.startswith(b'--') and l != b'-- '
at = next(i for i, l in enumerate(lines) if l.startswith(b'You get this'))
start = max(i for i in range(at) if delim(lines[i]))
end = min(i for i in range(at, len(lines)) if delim(lines[i]))
copy = b'\r\n'.join(lines[:start] + lines[end:])
sys.exit(0 if body in copy else 1)
EOP
}

# Delivered: imperfect but common mail, each to the member.
for name in utf8-headers latin1-headers mbox-from obsolete-syntax \
    no-closing-boundary no-boundary-parameter; do
	n0=$(sink_rcpts | grep -c '^amira@one.example$')
	id=$(run "$name")
	is "$(spool_state "$id")" sent "$name: sent"
	is $(( $(sink_rcpts | grep -c '^amira@one.example$') - n0 )) 1 "  the member has it"
	# This post's copy, by its Message-ID (each fixture's is NAME-1@).
	copy=$(grep -l "<$name-1@one.example>" "$SINK_DIR"/*.eml | head -1)
	ok "  the copy's header is ASCII and reads as the post's" \
	    "$PYTHON3" "$HDRCHECK" "$MAILDIR/imperfect/$name.eml" "$copy" "[info] "
	ok "  its body is the post's, byte for byte" body_kept "$name" "$copy"
done
# Real mail from CPython's email tests: Outlook Express nesting a
# multipart in one that uses the same boundary.
id=$(run cpython-msg_15)
is "$(spool_state "$id")" sent "cpython-msg_15 (one boundary for two multiparts): sent"
copy=$(grep -l '^Message-ID: <xxxx>' "$SINK_DIR"/*.eml | head -1)
ok "  its body is the post's, byte for byte" body_kept cpython-msg_15 "$copy"
ok "  a second MIME reader reads the copy" "$PYTHON3" -c '
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
sys.exit(0 if m.is_multipart() else 1)' "$copy"
is "$(spool_field "$(moot spool ls | awk '/Housing advice/ { print $1 }')" from)" \
    amira@one.example "obsolete syntax: From is read"
mbox=$(grep -l 'Drop-in on Thursday' "$SINK_DIR"/*.eml | head -1)
ok "mbox: a copy went out" test -n "$mbox"
unlike "$(head -1 "$mbox")" '^From ' "mbox: the From line is not passed on"
like "$(sed -n 's/^Subject: //p' "$mbox")" '^\[info\] Drop-in on Thursday' "mbox: the post is read after it"
sub=$(grep -l 'Housing advice moved' "$SINK_DIR"/*.eml | head -1)
like "$(cat "$sub")" $'^Subject: \\[info\\] Housing advice moved\r$' \
    "obsolete syntax: the subject gets its prefix"
like "$(cat "$sub")" $'^From: Amira Hassan <amira@one\\.example>\r$' \
    "  and every field goes out in today's syntax, From first"
is "$(grep -ci '^From *:' "$sub")" 1 "  so the relay adds no From of its own"
is "$(grep -ci '^Message-ID *:' "$sub")" 1 "  nor a Message-ID"

# Held for a moderator, who is asked with the reason: no From, a From
# nobody can read (the envelope sender stands in), an address no
# encoding carries, a post that cannot be read at all.
ask=$(sink_rcpts | grep -c '^olga@one.example$')
id=$(run no-from)
is "$(spool_state "$id")" held "no From: held"
is "$(spool_reason "$id")" "no usable From address" "  the reason says why"
like "$(moot held info)" "^ *$id .*amira@one.example" "  the moderator sees the envelope sender"
id=$(run bad-from)
is "$(spool_state "$id")" held "an unreadable From: held"
sed 's/no-from-1@/no-from-2@/' "$MAILDIR/imperfect/no-from.eml" >"$T/no-from-2.eml"
post "$T/no-from-2.eml" info@lists.example.org stranger@x.example
mootd_once 2>>"$T/mootd.log"
id=$(last_id)
is "$(spool_state "$id")" held "no From, from a stranger to an open list: held too"
moot approve "$id" >/dev/null
mootd_once 2>>"$T/mootd.log"
is "$(spool_state "$id")" sent "  approved, it goes out"
# (One line each: grep reads a newline in a pattern as "or".)
like "$(cat "$(copy_to amira@one.example)")" $'^From: stranger@x\\.example\r$' \
    "  with the envelope sender as its From"
id=$(run utf8-address)
is "$(spool_state "$id")" held "a non-ASCII address in Cc: held"
like "$(spool_reason "$id")" "SMTPUTF8" "  the reason names SMTPUTF8"
post hostile/nul-bytes.eml info@lists.example.org amira@one.example
mootd_once 2>>"$T/mootd.log"
id=$(last_id)
is "$(spool_state "$id")" held "a member's post that cannot be read: held"
like "$(spool_reason "$id")" "^cannot be distributed as it is: NUL bytes" "  with the reason"
id=$(run cpython-msg_35)
is "$(spool_state "$id")" held "cpython-msg_35 (no blank line after the header): held"
like "$(spool_reason "$id")" "line 4 of the header section is not a header field" "  with the reason"
is $(( $(sink_rcpts | grep -c '^olga@one.example$') - ask )) 6 \
    "the owner was asked about each held post"
req=$(copy_to olga@one.example)
like "$(cat "$req")" "cannot distribute it as it is" "  the request says moot cannot distribute it"

# Nothing of this ended failed without a word.
is "$(moot spool ls --state failed | wc -l)" 0 "no post ended failed"

done_testing
