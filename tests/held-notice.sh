#!/bin/bash
# held-notice.sh - what a moderator sees of a held post before deciding:
# the sender's display name beside the address, each HTML link's target
# beside its text (a phishing link shows where it goes), the attachments
# by name, type and size, the original attached only up to [moderation]
# attach_max and a sentence saying so above it; bidi controls from the
# post shown as \u{202E}, not obeyed, in the notice's subject, in moot
# held and in the log (threat F3); the log lines about a held post, its
# escalation and reminders included, carry its queue id.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

RLO=$'\xe2\x80\xae'

# shown FILE: the notice as a moderator's program shows it: its decoded
# Subject, "PART: type" for each part, then its text.
shown() {
	"$PYTHON3" - "$1" <<'EOF'
import email, email.policy, sys
with open(sys.argv[1], "rb") as f:
    m = email.message_from_binary_file(f, policy=email.policy.default)
print("Subject:", m["Subject"])
for p in m.walk():
    print("PART:", p.get_content_type())
b = m.get_body(("plain",))
print(b.get_content() if b is not None else "")
EOF
}

sink_start
site_new "[moderation]
attach_max = 8k"
moot list create info --moderated >/dev/null
moot member add info mod@one.example --role moderator >/dev/null
moot member add info mod2@two.example --role moderator >/dev/null
moot member set info mod2@two.example --lang ar >/dev/null

# 1. A phishing post: a display name in encoded words, a subject with a
# right-to-left override, an HTML link whose text is one site and whose
# target is another, a link whose text is its target, and a PDF.
subj=$("$PYTHON3" -c 'import base64; print("=?utf-8?b?" + base64.b64encode("Invoice \u202efdp.exe".encode()).decode() + "?=")')
pdf=$(head -c 3000 /dev/zero | base64)
cat >"$T/phish.eml" <<EOF
From: =?utf-8?q?Ana_B=C3=A1nk?= <ana@x.example>
To: info@lists.example.org
Subject: $subj
Message-ID: <phish1@x.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=outer

--outer
Content-Type: multipart/alternative; boundary=alt

--alt
Content-Type: text/plain; charset=utf-8

Please check your account: https://plain.example/visible
--alt
Content-Type: text/html; charset=utf-8

<p>Please <a href="https://evil.example/login">https://www.bank.example/</a>
today. Our site: <a href="https://x.example/">x.example</a></p>
--alt--
--outer
Content-Type: application/pdf; name="statement.pdf"
Content-Disposition: attachment; filename="statement.pdf"
Content-Transfer-Encoding: base64

$pdf
--outer--
EOF
moot inject --to info@lists.example.org --from ana@x.example \
    --queue-id QPHISH1 <"$T/phish.eml"
p1=$(last_id)
run
is "$(spool_state "$p1")" held "the post is held"
newest_to mod@one.example >"$T/n1.eml"
s=$(shown "$T/n1.eml")
like "$s" $'\nFrom: +"Ana B\xc3\xa1nk" <ana@x\\.example>\n' \
    "the sender's display name, decoded, beside the address"
like "$s" $'\n  https://www\\.bank\\.example/ <https://evil\\.example/login>\n' \
    "an HTML link whose text differs: its target beside its text"
like "$s" $'\n  <https://x\\.example/>\n' \
    "a link whose text is its target: shown once"
like "$s" 'https://plain\.example/visible' "a plain-text URL stays as it is, in the text"
like "$s" $'\n  statement\\.pdf \\(application/pdf, 3 KB\\)\n' \
    "the attachment with its name, type and size"
like "$s" $'\nPART: message/rfc822\n' "a message under attach_max is attached"
like "$s" "The whole message is attached\." "  and the notice says so"
like "$s" $'^Subject: [^\n]*Invoice \\\\u\\{202E\\}fdp\\.exe' \
    "the notice's subject shows U+202E as \\u{202E}"
like "$s" $'\nSubject: Invoice \\\\u\\{202E\\}fdp\\.exe\n' "  and so does its body"
is "$(grep -c "$RLO" <<<"$s")" 0 "  and the override itself is nowhere in the notice"
like "$(moot held)" 'Invoice \\u\{202E\}fdp\.exe' "moot held shows it as \\u{202E}"
is "$(moot held | grep -c "$RLO")" 0 "  and not the override itself"
like "$(moot spool ls)" 'Invoice \\u\{202E\}fdp\.exe' "moot spool ls too"
is "$(moot spool show "$p1" | grep -c "$RLO")" 0 "  and moot spool show"
like "$(cat "$T/mootd.log")" "QPHISH1: post $p1 held: .*; subject: Invoice \\\\u\\{202E\\}fdp\\.exe" \
    "the log says the post was held, with its queue id and the subject escaped"
is "$(grep -c "$RLO" "$T/mootd.log")" 0 "  and the override itself is not in the log"
"$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$T/n1.eml"
ok "the notice is well-formed MIME" test $? = 0

# The same in Arabic: every line with Arabic script still starts with it.
newest_to mod2@two.example >"$T/n1ar.eml"
s=$(shown "$T/n1ar.eml")
like "$s" $'\n  \xd8\xb1\xd8\xa7\xd8\xa8\xd8\xb7: https://www\\.bank\\.example/ <https://evil\\.example/login>\n' \
    "ar: the link, its target beside its text"
like "$s" "statement\\.pdf \\(application/pdf" "ar: the attachment"
is "$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/rtl-layout.py" --mail "$T/n1ar.eml")" "" \
    "ar: no line with Arabic begins with Latin text"

# An HTML-only post: its text, as shown, has each link's target after
# its text.
printf 'From: cai@z.example\nTo: info@lists.example.org\nSubject: Renew\nMessage-ID: <html1@z.example>\nContent-Type: text/html; charset=utf-8\n\n<p>Renew at <a href="http://evil.example/r">https://www.bank.example/renew</a> today.</p>\n' |
    moot inject --to info@lists.example.org --from cai@z.example --queue-id QHTML1
run
newest_to mod@one.example >"$T/n3.eml"
s=$(shown "$T/n3.eml")
like "$s" 'Subject: [^\n]*Renew' "the request about an HTML-only post came"
like "$s" $'\n-{70}\n\nRenew at https://www\\.bank\\.example/renew <http://evil\\.example/r> today\\.\n' \
    "its text shows the link's target after its text"

# 2. A post over attach_max: not attached, and the notice says so.
{ printf 'From: Ben <ben@y.example>\nTo: info@lists.example.org\nSubject: Long minutes\nMessage-ID: <big1@y.example>\n\n'
  for i in $(seq 200); do printf 'Line %03d of the minutes of the long meeting, as taken.\n' "$i"; done; } >"$T/big.eml"
size=$(wc -c <"$T/big.eml")
ok "the big post is over 8 KiB ($size bytes)" test "$size" -gt 8192
moot inject --to info@lists.example.org --from ben@y.example --queue-id QBIG1 <"$T/big.eml"
p2=$(last_id)
run
newest_to mod@one.example >"$T/n2.eml"
s=$(shown "$T/n2.eml")
like "$s" 'Subject: [^\n]*Long minutes' "the request about the big post came"
unlike "$s" $'\nPART: message/rfc822\n' "over attach_max: the message is not attached"
unlike "$s" 'PART: application/octet-stream' "  in no form"
like "$s" "The message is [0-9]+ KB, more than the 8 KB that moot attaches,"$'\n'"so it is not attached\." \
    "  and the notice says so, with both sizes"
like "$s" $'\nFrom: +"Ben" <ben@y\\.example>\n' "a plain display name is shown too"
like "$s" "Line 001 of the minutes" "  the text is still shown"
newest_to mod2@two.example >"$T/n2ar.eml"
like "$(shown "$T/n2ar.eml")" $'\xd8\xad\xd8\xac\xd9\x85 \xd8\xa7\xd9\x84\xd8\xb1\xd8\xb3\xd8\xa7\xd9\x84\xd8\xa9 [0-9]+ \xd9\x83\xd9\x8a\xd9\x84\xd9\x88\xd8\xa8\xd8\xa7\xd9\x8a\xd8\xaa' \
    "ar: the size in Arabic"

# 3. Escalation and the daily reminder: each line about a post starts
# with its queue id.
moot rota set info mod@one.example mod2@two.example --escalate 24h >/dev/null
MOOT_NOW=$(at 25*3600) run
like "$(cat "$T/mootd.log")" "QPHISH1: post $p1 escalated to level" \
    "an escalation's log line carries the post's queue id"
like "$(cat "$T/mootd.log")" "QBIG1: post $p2 escalated to level" "  each post's own"
MOOT_NOW=$(at 2*86400+23*3600+60) run		# Wednesday 09:01
like "$(cat "$T/mootd.log")" "QPHISH1: post $p1 in a reminder" \
    "a reminder's log line carries the post's queue id"
like "$(cat "$T/mootd.log")" "QBIG1: post $p2 in a reminder" "  each post's own"
rem=$(newest_to mod@one.example)
like "$(shown <(printf '%s' "$rem"))" 'Invoice \\u\{202E\}fdp\.exe' \
    "the reminder shows the subject's U+202E as \\u{202E}"
is "$(shown <(printf '%s' "$rem") | grep -c "$RLO")" 0 "  and not the override itself"
moot approve "$p2" >/dev/null
run
is "$(spool_state "$p2")" sent "approved by hand: sent"

# 4. A moderator who answers after the post was decided hears who
# decided, with its subject as the request showed it (threat F3).
R1=$(grep -o "^Reply-To: [a-z0-9-]*-moderate+[a-z2-7]*@lists\.example\.org" "$T/n1.eml" |
    head -1 | sed 's/^Reply-To: //')
moot reject "$p1" >/dev/null
send "$R1" mod@one.example "Re: held" "approve"
run
late=$(shown <(newest_to mod@one.example))
like "$late" 'The post "Invoice \\u\{202E\}fdp\.exe" to the info list' \
    "the late moderator's answer shows the subject's U+202E as \\u{202E} in its text"
is "$(grep -c "$RLO" <<<"$late")" 0 "  and not the override itself"
is "$(grep -cE "^mootd: (warning: )?post ($p1|$p2) " "$T/mootd.log")" 0 \
    "no line about either post goes without its queue id"

done_testing
