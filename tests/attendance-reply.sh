#!/bin/bash
# attendance-reply.sh - who attended, by reply (issue 13, item 4): once a
# meeting has ended its notes-taker (or else the group's organisers) is
# asked, once, in their language, from LIST-meeting+TOKEN, with the
# group's members listed; a reply naming members, one a line (alone or
# as Name <address>, several with commas), records them and is
# confirmed; a reply with anything else, or a non-member's address,
# records nothing and is told what moot read; someone else with the
# token, a forged token and an auto-reply record nothing (threats B2,
# B3, C2); a meeting that ended over a week before mootd ran is not
# asked about.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

sink_start
site_new
D=lists.example.org
# No reminders, agendas a day before: this test counts what is about
# attendance.
moot list create ops --meeting-reminders none --agenda-days 1 >/dev/null
moot member add ops org@one.example --role organiser >/dev/null
moot member add ops taker@four.example --lang fr >/dev/null
moot member add ops ana@five.example --name "Ana Silva" --org "City Council" >/dev/null
moot member add ops ben@six.example --org "Refugee Action" >/dev/null

# T0 is Monday 2026-11-23 10:00 UTC.
A=$(moot meeting add ops "2026-11-23 10:00" --duration 2h \
    --notes-taker taker@four.example | head -1)
B=$(moot meeting add ops "2026-11-30 10:00" --duration 2h | head -1)
attended() { moot meeting show "$1" | sed -n 's/^attended: //p' | tr '\n' ';'; }
# text_to ADDR: the newest message to ADDR, its subject and text decoded
text_to() {
	newest_to "$1" | "$PYTHON3" -c 'import email, email.policy, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
print("Subject: " + m["Subject"])
print(m.get_body(("plain",)).get_content())'
}
# Members added are welcomed: count from here.
export MOOT_NOW=$(at -60)
run
base_t=$(count_to taker@four.example)
base_o=$(count_to org@one.example)

export MOOT_NOW=$(at $((2 * 3600 - 60)))	# 11:59: not ended
run
is "$(($(count_to taker@four.example) - base_t))" 0 "nobody is asked before the meeting ends"
export MOOT_NOW=$(at $((2 * 3600)))		# 12:00: ended
run
is "$(($(count_to taker@four.example) - base_t))" 1 "at its end the notes-taker is asked"
is "$(($(count_to org@one.example) - base_o))" 0 "  and not the organisers"
ask=$(text_to taker@four.example)
like "$ask" "Subject: Qui est venu à la réunion ops du 2026-11-23 10:00" \
    "  in French, the notes-taker's language"
like "$ask" "Ana Silva <ana@five\.example>" "  listing the members, as a reply may copy them"
ok "  valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" <(newest_to taker@four.example)
R=$(reply_addr taker@four.example meeting)
like "$R" "^ops-meeting\+[a-z2-7]{26}@" "  from LIST-meeting+TOKEN"
run
is "$(($(count_to taker@four.example) - base_t))" 1 "  once"

# Unclear: a greeting first; nothing recorded, the answer says so.
export MOOT_NOW=$(at $((3 * 3600)))
send "$R" taker@four.example "Re: attendance" "Bonjour,\nana@five.example"
run
is "$(attended "$A")" "" "a reply with more than addresses records nothing"
is "$(($(count_to taker@four.example) - base_t))" 2 "  and is answered"
like "$(text_to taker@four.example)" "« Bonjour, »" "  quoting what moot read"
like "$(text_to taker@four.example)" "Rien n'a été noté" "  in French"

# A non-member's address: nothing recorded either.
export MOOT_NOW=$(at $((5 * 3600)))
send "$R" taker@four.example "Re: attendance" "zed@seven.example"
run
is "$(attended "$A")" "" "a non-member's address records nothing"

# Clear: a name and address, two with a comma; the quote is not read.
export MOOT_NOW=$(at $((7 * 3600)))
send "$R" taker@four.example "Re: attendance" \
    "Ana Silva <ana@five.example>\nben@six.example, org@one.example\n\n> Qui est venu ?\n> zed@seven.example"
run
is "$(attended "$A")" "ana@five.example;ben@six.example;org@one.example;" \
    "a clear reply records each member it names"
like "$(text_to taker@four.example)" "moot a enregistré 3 personnes" \
    "  and is confirmed, with the count"
ok "  the confirmation is valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" \
    <(newest_to taker@four.example)
like "$(moot member ls ops --attendance)" "City Council +attended 1 of 1" \
    "  and counts for the organisation"

# Later, once more: adds (and a name twice is once).
moot member add ops cai@eight.example >/dev/null
send "$R" taker@four.example "Re: attendance" "cai@eight.example\nana@five.example"
run
is "$(attended "$A")" "ana@five.example;ben@six.example;cai@eight.example;org@one.example;" \
    "a later reply adds to what was recorded"

# Guests, who need not be members: a line that begins with the word, in
# the sender's language (French here) or English.
send "$R" taker@four.example "Re: attendance" \
    "Invité : Zed Guest <zed@seven.example>\nguest yan@nine.example"
run
is "$(attended "$A")" "ana@five.example;ben@six.example;cai@eight.example;org@one.example;yan@nine.example;zed@seven.example;" \
    "a line that begins with \"invité\" or \"guest\" records a non-member"
like "$(text_to taker@four.example)" "moot a enregistré 2 personnes" "  and is confirmed, counting people"
# The word before something that is not an address, or alone: nothing.
h=8
for w in "invité : bonjour" "guest\nxi@ten.example"; do
	export MOOT_NOW=$(at $((h * 3600)))	# unclear answers: one an hour
	h=$((h + 2))
	n=$(count_to taker@four.example)
	send "$R" taker@four.example "Re: attendance" "$w"
	run
	is "$(count_to taker@four.example)" $((n + 1)) "  \"${w%%\\*}\": answered"
	like "$(text_to taker@four.example)" "Rien n'a été noté" "    saying nothing was recorded"
done
is "$(attended "$A")" "ana@five.example;ben@six.example;cai@eight.example;org@one.example;yan@nine.example;zed@seven.example;" \
    "  (the list is as it was)"

# Someone else with the token, an auto-reply, a forged token.
n=$(count_to ana@five.example)
send "$R" ana@five.example "Re: attendance" "taker@four.example"
send "$R" taker@four.example "Re: attendance" "taker@four.example" \
    "Auto-Submitted: auto-replied"
send "ops-meeting+abcdefghijklmnopqrstuvwxyz@$D" taker@four.example \
    "Re: attendance" "taker@four.example"
run
is "$(attended "$A")" "ana@five.example;ben@six.example;cai@eight.example;org@one.example;yan@nine.example;zed@seven.example;" \
    "someone else, an auto-reply and a forged token record nothing"
is "$(count_to ana@five.example)" "$n" "  and someone else is not answered"

# No notes-taker: the organisers are asked.
export MOOT_NOW=$(at $((7 * 86400 + 2 * 3600)))
run
is "$(($(count_to org@one.example) - base_o))" 1 "with no notes-taker the organisers are asked"
like "$(text_to org@one.example)" "Who came to the ops meeting of 2026-11-30 10:00" \
    "  in English, about meeting B"

# A meeting that ended more than a week before mootd ran: not asked.
C=$(moot meeting add ops "2026-12-07 10:00" --duration 2h | head -1)
export MOOT_NOW=$(at $((22 * 86400)))
run
is "$(($(count_to org@one.example) - base_o))" 1 "a meeting that ended over a week ago is not asked about"
[ -n "$C" ] && pass "meeting C added" || fail "meeting C added"

done_testing
