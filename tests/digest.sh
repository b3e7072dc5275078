#!/bin/bash
# digest.sh - a list's digest, Mondays at 10:00 in Europe/London: members
# in MIME, plain-text and normal mode; nothing before the time, once at
# it, never again (a later run, a restart, a crash between two members'
# digests); the Mondays either side of the March and October clock
# changes; a digest missed while mootd was down sent once; both forms
# read by a strict MIME parser; the member's language; `set digest
# plain` by mail.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

# digests_to ADDR: how many digests the sink took for ADDR (a MIME
# digest, or a text with RFC 1153's line of 70 hyphens)
digests_to() {
	grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env 2>/dev/null |
	    sed 's/env$/eml/' |
	    xargs -r grep -lE 'multipart/digest|^-{70}.?$' | wc -l
}
# digest_check FILE FORM N SUBJECT...: the digest in FILE is in FORM
# (mime or plain) with the N posts of these subjects, in order
digest_check() {
	"$PYTHON3" - "$@" <<'EOF'
import email, email.policy, os, sys
path, form, n, subjects = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
msg = email.message_from_bytes(open(path, 'rb').read(), policy=email.policy.strict)
def fail(why):
    print(why)
    sys.exit(1)
if form == 'mime':
    if msg.get_content_type() != 'multipart/digest':
        fail('not multipart/digest: ' + msg.get_content_type())
    parts = list(msg.iter_parts())
    if len(parts) != n + 1:
        fail('%d parts, want %d' % (len(parts), n + 1))
    if parts[0].get_content_type() != 'text/plain':
        fail('first part is ' + parts[0].get_content_type())
    toc = parts[0].get_content()
    for i, (p, s) in enumerate(zip(parts[1:], subjects)):
        if p.get_content_type() != 'message/rfc822':
            fail('part %d is %s' % (i + 2, p.get_content_type()))
        inner = p.get_content()
        if inner['Subject'] != '[%s] %s' % (os.environ.get('DLIST', 'info'), s):
            fail('part %d subject %r' % (i + 2, inner['Subject']))
        if '%3d. %s (' % (i + 1, s) not in toc:
            fail('contents lack %r:\n%s' % (s, toc))
else:
    if msg.get_content_type() != 'text/plain':
        fail('not text/plain: ' + msg.get_content_type())
    text = msg.get_content().replace('\r\n', '\n')
    lines = text.split('\n')
    if lines.count('-' * 70) != 1:
        fail('no single line of 70 hyphens')
    body = text.split('\n' + '-' * 70 + '\n', 1)[1]
    msgs = body.split('\n' + '-' * 30 + '\n')
    # n messages, then the end: "End of ..." and as many asterisks
    if len(msgs) != n + 1:
        fail('%d pieces between 30 hyphens, want %d' % (len(msgs), n + 1))
    for m, s in zip(msgs, subjects):
        if 'Subject: ' + s + '\n' not in m or 'Date: ' not in m:
            fail('message %r lacks its fields' % s)
    end = [l for l in msgs[-1].split('\n') if l]
    if len(end) != 2 or set(end[1]) != {'*'} or len(end[1]) != len(end[0]):
        fail('the end is %r' % end)
print('ok')
EOF
}

sink_start
site_new
export MOOT_NOW=2026-11-23T08:00:00Z		# Monday 08:00 GMT
moot list create info --digest "Mon 10:00" >/dev/null
like "$(moot list show info)" "digest: Mon 10:00" "moot list show: the schedule"
moot member add info ana@one.example --digest >/dev/null
moot member add info ben@two.example --digest-plain >/dev/null
moot member add info cai@three.example >/dev/null
moot member add info dan@four.example --digest --lang fr >/dev/null
moot member add info eve@five.example >/dev/null
moot member add info fay@six.example --digest-plain --lang ar >/dev/null
is "$(member_field info ben@two.example 3)" plain "moot member ls: plain digest"
is "$(member_field info ana@one.example 3)" digest "  and MIME digest"

# eve asks for the plain-text digest by mail, and confirms.
send info-request@lists.example.org eve@five.example "set digest plain" ""
run
send "$(reply_addr eve@five.example confirm)" eve@five.example "Re: confirm" "yes"
run
is "$(member_field info eve@five.example 3)" plain "set digest plain by mail"
like "$(newest_to eve@five.example)" "plain-text message with a summary" \
    "  and eve is told what she will get"

send info@lists.example.org cai@three.example "First" "The first post."
MOOT_NOW=2026-11-23T08:30:00Z send info@lists.example.org ana@one.example "Second" "The second post.\n------------------------------\nnot an end."
MOOT_NOW=2026-11-23T08:31:00Z run
is "$(posts_to cai@three.example)" 2 "a member in mail mode gets each post"
is "$(posts_to ana@one.example)" 0 "a member in digest mode does not"
is "$(posts_to ben@two.example)$(posts_to dan@four.example)$(posts_to eve@five.example)" 000 \
    "  nor do the others in digest mode"

MOOT_NOW=2026-11-23T09:59:00Z run
is "$(digests_to ana@one.example)" 0 "nothing at 09:59 on Monday"
MOOT_NOW=2026-11-23T10:00:00Z run
is "$(digests_to ana@one.example)" 1 "the digest at 10:00"
is "$(digests_to ben@two.example)" 1 "  to each member in digest mode"
is "$(digests_to cai@three.example)" 0 "  and not to members in mail mode"
a=$(newest_file_to ana@one.example)
like "$(cat "$a")" $'\r\nSubject: info digest: 2 posts\r\n' "  its subject counts the posts"
is "$(digest_check "$a" mime 2 First Second)" ok \
    "  MIME: contents first, then each post as message/rfc822"
ok "  and the strict parser finds no defect" \
    "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$a"
b=$(newest_file_to ben@two.example)
is "$(digest_check "$b" plain 2 First Second)" ok \
    "  plain: RFC 1153 separators, a post's own line of hyphens moved"
ok "  and in the plain digest too" \
    "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$b"
like "$(cat "$b")" "^ ------------------------------" \
    "  the hyphens in a post are moved one space on"
d=$(newest_file_to dan@four.example)
like "$("$PYTHON3" -c 'import email,email.policy,sys; m=email.message_from_bytes(open(sys.argv[1],"rb").read(),policy=email.policy.default); print(m["Subject"]); print(list(m.iter_parts())[0].get_content())' "$d")" \
    "Résumé de info : 2 messages" "dan's digest is in French"
like "$(cat "$d")" "Sommaire" "  its contents too"
is "$(digests_to eve@five.example)" 1 "eve, who asked by mail, gets hers"
f=$(newest_file_to fay@six.example)
like "$("$PYTHON3" -c 'import email,email.policy,sys; m=email.message_from_bytes(open(sys.argv[1],"rb").read(),policy=email.policy.default); print(m["Subject"]); print(m.get_content())' "$f")" \
    "ملخص info: رسالتان" "fay's plain digest is in Arabic"
is "$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/rtl-layout.py" --mail "$f")" "" \
    "  and each of its Arabic lines reads right to left"
is "$(DLIST=info digest_check "$f" plain 2 First Second)" ok "  in RFC 1153's form"

MOOT_NOW=2026-11-23T10:01:00Z run
MOOT_NOW=2026-11-23T15:00:00Z run
is "$(digests_to ana@one.example)" 1 "not again at 10:01, nor after a restart"

# Nothing new: no digest the next Monday.
MOOT_NOW=2026-11-30T10:00:00Z run
is "$(digests_to ana@one.example)" 1 "no digest when there is nothing new"

# A crash between two members' digests: each gets one, once.
MOOT_NOW=2026-12-01T09:00:00Z send info@lists.example.org cai@three.example "Third" "3"
MOOT_NOW=2026-12-01T09:00:00Z run
MOOT_KILL_AT=digest-queued:1 MOOT_NOW=2026-12-07T10:00:00Z run
MOOT_NOW=2026-12-07T10:00:00Z run
MOOT_NOW=2026-12-07T10:05:00Z run
is "$(digests_to ana@one.example)$(digests_to ben@two.example)$(digests_to dan@four.example)$(digests_to eve@five.example)$(digests_to fay@six.example)" \
    22222 "a crash mid-send: every member gets the digest once"
is "$(digest_check "$(newest_file_to ana@one.example)" mime 1 Third)" ok \
    "  with only what came since the last"

# Missed: mootd down over two Mondays sends one digest when it is back.
MOOT_NOW=2026-12-08T09:00:00Z send info@lists.example.org cai@three.example "Fourth" "4"
MOOT_NOW=2026-12-08T09:00:00Z run
MOOT_NOW=2026-12-23T12:00:00Z run		# a Wednesday, two Mondays on
is "$(digests_to ana@one.example)" 3 "missed while down: sent once when back"
MOOT_NOW=2026-12-24T12:00:00Z run
is "$(digests_to ana@one.example)" 3 "  and not again"

# Clock changes: 10:00 local is 10:00 UTC in winter, 09:00 in summer.
clock_week() {	# post at $1, quiet at $2, digest at $3, n before
	MOOT_NOW=$1 run		# the Mondays since the last run: nothing new
	MOOT_NOW=$1 send info@lists.example.org cai@three.example "Post $1" "x"
	MOOT_NOW=$1 run
	MOOT_NOW=$2 run
	is "$(digests_to ana@one.example)" "$4" "nothing at 09:59 local ($2)"
	MOOT_NOW=$3 run
	is "$(digests_to ana@one.example)" "$(($4 + 1))" "the digest at 10:00 local ($3)"
}
clock_week 2027-03-17T12:00:00Z 2027-03-22T09:59:00Z 2027-03-22T10:00:00Z 3
clock_week 2027-03-23T12:00:00Z 2027-03-29T08:59:00Z 2027-03-29T09:00:00Z 4
clock_week 2027-10-20T12:00:00Z 2027-10-25T08:59:00Z 2027-10-25T09:00:00Z 5
clock_week 2027-10-26T12:00:00Z 2027-11-01T09:59:00Z 2027-11-01T10:00:00Z 6

# A schedule set after Monday 10:00 does not count that Monday.
MOOT_NOW=2027-11-08T10:00:00Z run
MOOT_NOW=2027-11-08T11:00:00Z send info@lists.example.org cai@three.example "Late" "x"
MOOT_NOW=2027-11-08T11:00:00Z run
MOOT_NOW=2027-11-08T11:30:00Z moot list set info --digest "Mon 10:30" >/dev/null
MOOT_NOW=2027-11-09T12:00:00Z run
is "$(digests_to ana@one.example)" 7 "a time before the schedule was set does not count"

# --digest none: members in digest mode get each post again.
moot list set info --digest none >/dev/null
is "$(list_field info digest)" "-" "--digest none takes the schedule away"
MOOT_NOW=2027-11-10T12:00:00Z send info@lists.example.org cai@three.example "Each" "x"
MOOT_NOW=2027-11-10T12:00:00Z run
is "$(posts_to ana@one.example)" 1 "  and a digest member gets each post again"

# set nodigest by mail: back to each post.
send info-request@lists.example.org ben@two.example "set nodigest" ""
run
send "$(reply_addr ben@two.example confirm)" ben@two.example "Re: confirm" "yes"
run
is "$(member_field info ben@two.example 3)" mail "set nodigest: mail again"

# Retention keeps a post a digest still needs, and only that long.
sink_stop
rm -rf "$T/site"
sink_start
site_new "$(printf '%s\n' 'dedupe_window = 2d' '[retention]' 'posts = 1d')"
export MOOT_NOW=2026-11-23T08:00:00Z
moot list create w --digest "Mon 10:00" >/dev/null
moot list create each >/dev/null
moot member add w ana@one.example --digest >/dev/null
moot member add each cai@three.example >/dev/null
MOOT_NOW=2026-11-23T10:00:00Z run		# this Monday's time: nothing yet
MOOT_NOW=2026-11-23T11:00:00Z send each@lists.example.org cai@three.example "Gone" "x"
gone=$(last_id)
MOOT_NOW=2026-11-23T11:00:00Z send w@lists.example.org cai@three.example "Kept" "x"
kept=$(last_id)
MOOT_NOW=2026-11-23T11:00:00Z send each@lists.example.org cai@three.example "Newest" "x"
MOOT_NOW=2026-11-23T11:01:00Z run
MOOT_NOW=2026-11-29T12:00:00Z moot spool purge >/dev/null
is "$(spool_state "$gone" 2>/dev/null)" "" "retention: a sent post past its time goes"
is "$(spool_state "$kept")" sent "  but not one a digest member has not had"
MOOT_NOW=2026-11-30T10:00:00Z run
is "$(DLIST=w digest_check "$(newest_file_to ana@one.example)" mime 1 Kept)" ok \
    "  which is in the next digest"
MOOT_NOW=2026-12-03T12:00:00Z moot spool purge >/dev/null
is "$(spool_state "$kept" 2>/dev/null)" "" "  and goes once it has been sent"

# Many posts in one digest, in the order they went out.
MOOT_NOW=2026-12-07T10:00:00Z run	# nothing new since the last
subjects=()
for i in $(seq 1 24); do
	MOOT_NOW=2026-12-08T09:00:00Z send w@lists.example.org cai@three.example "Many $i" "$i"
	subjects+=("Many $i")
done
MOOT_NOW=2026-12-08T09:05:00Z run
MOOT_NOW=2026-12-14T10:00:00Z run
is "$(DLIST=w digest_check "$(newest_file_to ana@one.example)" mime 24 "${subjects[@]}")" ok \
    "24 posts in one digest, in order"

# --digest-empty: a digest that says so when nothing came, in both forms.
moot member add w ben@two.example --digest-plain >/dev/null
MOOT_NOW=2026-12-21T10:00:00Z run
is "$(digests_to ana@one.example)" 2 "no empty digest unless the list asks"
moot list set w --digest-empty >/dev/null
like "$(moot list show w)" "digest-empty: yes" "moot list show: --digest-empty"
MOOT_NOW=2026-12-28T10:00:00Z run
is "$(digests_to ana@one.example)" 3 "--digest-empty: a digest with nothing new"
is "$(DLIST=w digest_check "$(newest_file_to ana@one.example)" mime 0)" ok \
    "  a MIME digest of its contents alone"
like "$(cat "$(newest_file_to ana@one.example)")" "Nothing was sent to the list" \
    "  saying nothing was sent"
is "$(DLIST=w digest_check "$(newest_file_to ben@two.example)" plain 0)" ok \
    "  and an RFC 1153 one for a plain member"
MOOT_NOW=2026-12-28T11:00:00Z run
is "$(digests_to ana@one.example)" 3 "  once"

done_testing
