#!/bin/bash
# long-lines.sh - no line of any message moot writes is longer than the
# 998 octets RFC 5322 allows, whatever the mail it answers: a hostile
# message with a 60,000-character one-word subject and a 5,000-octet
# body line (threat D1), and a command message that quotes such lines
# back (threat D3), through notices, the original attached to a
# moderator's notice, replies and the members' copies
. "$(dirname "$0")/lib/common.sh"

sink_start
site_new
moot list create info --moderated --notify-held >/dev/null
moot member add info amira@one.example >/dev/null
moot member add info mona@one.example --role moderator >/dev/null
moot member add info olga@one.example --role owner --nomail >/dev/null
moot list create open >/dev/null
moot member add open amira@one.example >/dev/null
moot member add open bob@two.example >/dev/null

# hostile SUBJECT-WORD-LEN BODY-LINE-LEN [TO]: a post from amira.
hostile() {
	"$PYTHON3" - "$@" <<'PY'
import sys
subj, line = int(sys.argv[1]), int(sys.argv[2])
to = sys.argv[3] if len(sys.argv) > 3 else "info@lists.example.org"
sys.stdout.write("From: Amira <amira@one.example>\r\nTo: %s\r\n"
    "Subject: %s\r\nMessage-ID: <long-%d-%d@one.example>\r\n"
    "Date: Wed, 2 Dec 2026 10:00:00 +0000\r\n\r\nHello.\r\n%s\r\nBye.\r\n"
    % (to, "S" * subj, subj, line, "b" * line))
PY
}
# longest FILE: octets in its longest line, CR LF not counted.
longest() { tr -d '\r' <"$1" | awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }'; }
# all_within LABEL FIRST: every message the sink has had since its
# FIRST-th (1-based) is within 998 octets a line, and parses.
all_within() {
	local f n i bad=0 files=()
	for ((i = $2; i <= $(sink_msgs); i++)); do
		files+=("$(sink_file "$i")")
	done
	for f in "${files[@]}"; do
		n=$(longest "$f")
		[ "$n" -le 998 ] || { diag "$f: a line of $n octets"; bad=1; }
	done
	ok "$1: ${#files[@]} messages, every line within 998 octets" \
	    test ${#files[@]} -gt 0 -a $bad = 0
	ok "$1: and each parses without a defect" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "${files[@]}"
}

# D1: held (moderated), the moderator is asked with the original
# attached; the poster hears it waits.
first=$(( $(sink_msgs) + 1 ))
hostile 60000 5000 | moot inject --to info@lists.example.org --from amira@one.example
is $? 0 "D1: the hostile post is stored"
mootd_once 2>/dev/null
id=$(last_id)
is "$(spool_state "$id")" held "D1: held"
like "$(spool_reason "$id")" "998 octets" "D1: the reason says a line is longer than 998 octets"
notice=$(grep -l 'RCPT TO:<mona@one.example>' "$SINK_DIR"/*.env | head -1)
notice=${notice%.env}.eml
ok "D1: the moderator is asked" test -s "$notice"
like "$(cat "$notice")" 'Content-Type: application/octet-stream; name="original.eml"' \
    "D1: the original goes as a base64 file"
unlike "$(cat "$notice")" 'message/rfc822' "D1: never as message/rfc822"
"$PYTHON3" - "$notice" "$T/orig" <<'PY'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
for p in m.walk():
    if p.get_filename() == "original.eml":
        open(sys.argv[2], 'wb').write(p.get_payload(decode=True))
PY
hostile 60000 5000 | tr -d '\r' >"$T/want"
tr -d '\r' <"$T/orig" >"$T/got" 2>/dev/null
ok "D1: the file is the original, byte for byte" cmp -s "$T/want" "$T/got"
all_within "D1 held" "$first"

# D1: a long subject alone is sent: the members' copy has the tag and
# the subject as encoded words, folded.
first=$(( $(sink_msgs) + 1 ))
hostile 60000 10 open@lists.example.org | moot inject --to open@lists.example.org --from amira@one.example
mootd_once 2>/dev/null
is "$(spool_state "$(last_id)")" sent "D1: a post with a 60,000-character subject is sent"
copy=$(grep -l 'RCPT TO:<bob@two.example>' "$SINK_DIR"/*.env | tail -1)
copy=${copy%.env}.eml
"$PYTHON3" - "$copy" >"$T/subject" <<'PY'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
print(m["Subject"])
PY
is "$(cat "$T/subject")" "[open] $(printf 'S%.0s' $(seq 60000))" \
    "D1: the member reads the tag and the whole subject"
all_within "D1 sent" "$first"

# D1: a body line of 5,000 octets, to a list nobody moderates: held,
# saying why, not sent as it is (RFC 5322 forbids the line).
n0=$(sink_rcpts | grep -c bob@two.example)
hostile 10 5000 open@lists.example.org | moot inject --to open@lists.example.org --from amira@one.example
mootd_once 2>/dev/null
is "$(spool_state "$(last_id)")" held "D1: a post with a 5,000-octet body line is held"
like "$(spool_reason "$(last_id)")" "^cannot be distributed as it is: the body has a line longer than the 998 octets" \
    "D1:   with the reason"
is "$(sink_rcpts | grep -c bob@two.example)" "$n0" "D1:   and no member gets it"

# D1: the same post from a stranger to a members-only list is refused
# with a notice to the poster that quotes the subject.
moot list create closed --members-only --nonmember reject >/dev/null
first=$(( $(sink_msgs) + 1 ))
hostile 60000 5000 closed@lists.example.org | moot inject --to closed@lists.example.org --from amira@one.example
mootd_once 2>/dev/null
all_within "D1 rejected" "$first"

# D3: a command message with long lines draws one reply, which quotes
# what was read; its lines stay within 998 octets.
n0=$(sink_msgs)
"$PYTHON3" - >"$T/cmd" <<'PY'
import sys
sys.stdout.write("From: Amira <amira@one.example>\r\nTo: info-request@lists.example.org\r\n"
    "Subject: %s\r\nMessage-ID: <cmd-long@one.example>\r\n\r\n%s\r\nhelp\r\n%s\r\n"
    % ("C" * 60000, "x" * 5000, "subscribe " + "y" * 5000))
PY
moot inject --to info-request@lists.example.org --from amira@one.example <"$T/cmd"
mootd_once 2>/dev/null
is $(( $(sink_msgs) - n0 )) 1 "D3: one reply to the command message"
all_within "D3" $((n0 + 1))

# D1: mail to the owners with a 5,000-octet line is not forwarded as it
# came: the owner gets a notice with it attached as a file.
n0=$(sink_msgs)
hostile 40 5000 info-owner@lists.example.org >"$T/owner"
moot inject --to info-owner@lists.example.org --from amira@one.example <"$T/owner"
mootd_once 2>/dev/null
is "$(spool_state "$(last_id)")" done "D1 -owner: done"
is $(( $(sink_msgs) - n0 )) 1 "  one message to the owner"
msg=$(tr -d '\r' <"$(sink_file $((n0 + 1)))")
like "$msg" "Subject: To the owners of info: S{40}" "  the notice, with the mail's subject"
like "$msg" 'filename="original.eml"' "  the mail attached as a file"
ok "  which is the mail as it came" "$PYTHON3" -c '
import email, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"))
part = [p for p in m.walk() if p.get_filename() == "original.eml"][0]
sys.exit(part.get_payload(decode=True) != open(sys.argv[2], "rb").read())' \
    "$(sink_file $((n0 + 1)))" "$T/owner"
all_within "D1 -owner" $((n0 + 1))

done_testing
