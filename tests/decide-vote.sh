#!/bin/bash
# decide-vote.sh - votes by mail (issue 14, items 2 and 7): a vote is
# refused without one chair; each member gets a personal ballot in their
# language; a changed vote counts once, with a receipt each time whose
# Reply-To is the ballot's address; an unclear answer is asked again and
# records nothing; a 3-3 tie waits for the chair's casting vote (members
# hear nothing until then; the chair is reminded and the organisers
# told), and ends as the chair decides; the result in each member's
# language, valid MIME, without the casting vote among the counts; the
# ballots no longer name their voters; decide show and audit.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

sink_start
site_new
D=lists.example.org
MIMECHECK="$PYTHON3 $MOOT_SRCDIR/tests/lib/mimecheck.py"
moot list create board >/dev/null
moot member add board chair@c.example --role chair >/dev/null
moot member add board org@o.example --role organiser >/dev/null
for v in a b c d e f; do
	moot member add board "$v@v.example" >/dev/null
done
moot member set board b@v.example --lang fr >/dev/null
moot member set board c@v.example --lang ar >/dev/null
printf 'Shall the partnership meet on Tuesdays?\n' >"$T/text"

# --- no chair, two chairs: refused ------------------------------------
moot member set board chair@c.example --role member >/dev/null
if moot decide vote board --title "Tuesdays" --text "$T/text" \
    --closes "2026-11-30 17:00" 2>"$T/err"; then
	fail "a vote on a list with no chair is refused"
else
	like "$(cat "$T/err")" "no chair" "a vote on a list with no chair is refused"
fi
moot member set board chair@c.example --role chair >/dev/null
moot member set board org@o.example --role chair >/dev/null
if moot decide vote board --title "Tuesdays" --text "$T/text" \
    --closes "2026-11-30 17:00" 2>"$T/err"; then
	fail "a vote on a list with two chairs is refused"
else
	like "$(cat "$T/err")" "more than one" "  and one with two chairs"
fi
moot member set board org@o.example --role organiser >/dev/null
is "$(moot decide ls)" "" "nothing opened"
is "$(sink_msgs)" 0 "nothing sent"

# --- the vote opens: a ballot to each of the 8 ------------------------
V=$(moot decide vote board --title "Tuesdays" --text "$T/text" \
    --closes "2026-11-30 17:00")
like "$V" '^[0-9]+$' "decide vote prints the new id"
run
is "$(sink_msgs)" 8 "a ballot to each of the 8 members"
for a in a b c chair; do
	[ "$a" = chair ] && addr=chair@c.example || addr=$a@v.example
	ok "$addr's ballot is valid MIME" $MIMECHECK "$(grep -l "^RCPT TO:<$addr>" "$SINK_DIR"/*.env | sed 's/env$/eml/')"
done
like "$(newest_to a@v.example)" "Subject: Vote on board: Tuesdays" \
    "the ballot says what is voted on"
like "$(newest_to a@v.example)" "Shall the partnership meet on Tuesdays" \
    "  with its text"
like "$(newest_to b@v.example)" "Le groupe board vote sur" "b's is in French"
like "$(newest_to c@v.example)" "تصوّت مجموعة board" "c's is in Arabic"
BA=$(reply_addr a@v.example vote)
like "$BA" "^board-vote\+[a-z2-7]{26}@$D$" "a's ballot has a personal reply address"
BB=$(reply_addr b@v.example vote)
[ "$BA" != "$BB" ] && pass "each ballot's address is its own" ||
    fail "each ballot's address is its own"
is "$(moot decide show "$V" | sed -n 's/^electorate: //p')" 8 "the electorate is 8"

# --- answers ----------------------------------------------------------
ans() { send "$(reply_addr "$1" vote)" "$1" "Re: Vote" "$2"; }
ans a@v.example "against"
run
like "$(newest_to a@v.example)" "Subject: Recorded: Tuesdays" "a gets a receipt"
like "$(newest_to a@v.example)" "^  against" "  saying what was recorded"
RA=$(newest_to a@v.example | sed -n 's/^Reply-To: //p' | tr -d '\r')
is "$RA" "$BA" "  with the ballot's address in Reply-To"
ok "  valid MIME" $MIMECHECK <(newest_to a@v.example)
# a changes their mind, replying to the receipt: counted once
send "$RA" a@v.example "Re: Recorded" "for, thanks"
run
like "$(newest_to a@v.example)" "^  for" "a's changed vote is receipted"
is "$(moot decide show "$V" | sed -n 's/^so far: //p')" \
    "for=1,against=0,abstain=0" "a changed vote counts once"
ans b@v.example "pour"
ans c@v.example "ضد"
ans d@v.example "I think maybe"
run
like "$(newest_to b@v.example)" "^  for" "b's French 'pour' is for"
like "$(newest_to c@v.example)" "^  against" "c's Arabic 'ضد' is against"
ok "b's French receipt is valid MIME" $MIMECHECK <(newest_to b@v.example)
ok "c's Arabic receipt is valid MIME" $MIMECHECK <(newest_to c@v.example)
like "$(newest_to c@v.example)" "Subject: =\?UTF-8\?" "  with its subject encoded"
is "$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/rtl-layout.py" --mail \
    <(newest_to c@v.example) 2>&1)" "" "  and reading right to left"
like "$(newest_to d@v.example)" "Subject: Not recorded: Tuesdays" \
    "d's unclear answer is asked again"
like "$(newest_to d@v.example)" "I think maybe" "  with what was read"
is "$(moot decide show "$V" | sed -n 's/^so far: //p')" \
    "for=2,against=1,abstain=0" "d's unclear answer counted for nothing"
ans d@v.example "against"
ans e@v.example "against"
ans f@v.example "for"
ans chair@c.example "abstain"
run
is "$(moot decide show "$V" | sed -n 's/^so far: //p')" \
    "for=3,against=3,abstain=1" "3-3, one abstention"
unlike "$(moot decide show "$V")" "@v.example" \
    "decide show names no voter on a secret vote"

# The database is read because no command shows a mail's text.
answers() {
	db "SELECT count(*) FROM message WHERE instr(CAST(raw AS TEXT),
	    'Subject: Re: Vote') > 0 OR instr(CAST(raw AS TEXT),
	    'Subject: Re: Recorded') > 0"
}
is "$(answers)" 9 "the 9 answers are kept while votes may change"

# --- closing: a tie waits for the chair -------------------------------
N=$(sink_msgs)
export MOOT_NOW=2026-11-30T17:00:00Z
run
is "$(moot decide show "$V" | sed -n 's/^state: //p')" casting \
    "the tie waits for the chair's casting vote"
is "$(sink_msgs)" $((N + 1)) "one message: the chair's casting ballot"
like "$(newest_to chair@c.example)" "Subject: Your casting vote: Tuesdays" \
    "  to the chair"
unlike "$(newest_to chair@c.example)" "^  abstain$" \
    "  whose options have no abstain"
CB=$(reply_addr chair@c.example vote)
# a late ballot after closing changes nothing
send "$BA" a@v.example "Re: Vote" "against"
run
is "$(moot decide show "$V" | sed -n 's/^result: //p')" \
    "for=3,against=3,abstain=1" "a late ballot changes nothing"
is "$(sink_msgs)" $((N + 1)) "  and is not answered"
# a day later the chair is reminded; three days later the organisers told
export MOOT_NOW=2026-12-01T17:00:00Z
run
is "$(sink_msgs)" $((N + 2)) "a day later: the chair is reminded"
like "$(newest_to chair@c.example)" "This is a reminder" "  as a reminder"
export MOOT_NOW=2026-12-03T17:00:00Z
run
like "$(newest_to org@o.example)" "Subject: The chair has not answered" \
    "three days later: the organisers are told"
is "$(count_to a@v.example)" 3 "members heard nothing of the outcome"
# someone else using the chair's casting address: nothing
send "$CB" a@v.example "Re: casting" "for"
run
is "$(moot decide show "$V" | sed -n 's/^state: //p')" casting \
    "the casting address from another sender decides nothing"
send "$(reply_addr chair@c.example vote)" chair@c.example "Re: casting" "against"
run
is "$(moot decide show "$V" | sed -n 's/^state: //p')" passed "the chair decided"
is "$(moot decide show "$V" | sed -n 's/^outcome: //p')" against \
    "  as the chair chose: against"
is "$(moot decide show "$V" | sed -n 's/^result: //p')" \
    "for=3,against=3,abstain=1" "the casting vote is not among the counts"
R=$(newest_to a@v.example)
like "$R" "Subject: Result: Tuesdays" "the result goes to each member"
like "$R" "^Decided: against\s*$" "  saying what was decided, on its own line"
like "$R" "^The votes were tied; the chair.s casting vote decided it" "  and that the casting vote decided"
like "$R" "Turnout: 7 of 8" "  with the turnout"
like "$(newest_to b@v.example)" "Participation : 7 sur 8" "  in French to b"
for a in a b c d e f; do
	ok "the result to $a is valid MIME" $MIMECHECK <(newest_to "$a@v.example")
done
rtl=$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/rtl-layout.py" --mail \
    <(newest_to c@v.example) 2>&1)
is "$rtl" "" "the Arabic result reads right to left"

# --- secrecy and audit ------------------------------------------------
# The database is read here because no command shows a ballot's voter.
is "$(db "SELECT count(*) FROM decision_ballot WHERE decision_id = $V AND
    (voter_key IS NOT NULL OR addr IS NOT NULL OR cast_at IS NOT NULL)")" 0 \
    "no ballot names its voter once the result is final"
is "$(db "SELECT count(*) FROM decision_ballot WHERE decision_id = $V")" 7 \
    "  and the 7 choices are kept"
is "$(answers)" 1 \
    "  and their text is dropped at closing (the late one, counted for nothing, stays)"
is "$(db "SELECT count(*) FROM outbox WHERE purpose = 'ballot-receipt' AND
    length(raw) > 0")" 0 "  and the receipts' too"
moot decide audit "$V" >"$T/audit" && pass "decide audit: the recount matches" ||
    fail "decide audit: the recount matches"
like "$(cat "$T/audit")" "recount: for=3,against=3,abstain=1" "  and shows it"
db "UPDATE decision_ballot SET choice = 'for' WHERE id = (SELECT min(id)
    FROM decision_ballot WHERE decision_id = $V AND choice = 'against')"
if moot decide audit "$V" >/dev/null 2>&1; then
	fail "decide audit finds a changed ballot"
else
	pass "decide audit finds a changed ballot"
fi
is "$(moot decide ls board | cut -f1,3,4)" "$V	vote	passed" "decide ls"

# --- no token or choice in the log (threat F3) --------------------------
moot log board --limit 1000000 >"$T/log" 2>&1
cat "$T/mootd.log" >>"$T/log"
like "$(cat "$T/log")" "decision $V: ballot recorded" "the log says a ballot was recorded"
toks=$(cat "$SINK_DIR"/*.eml | grep -o 'board-vote+[a-z2-7]*' | sort -u | sed 's/.*+//')
is "$(echo "$toks" | wc -l)" 10 "ten tokens were sent (8 ballots, 2 casting)"
found=0
for tok in $toks; do grep -q "${tok:0:12}" "$T/log" && found=$((found + 1)); done
is "$found" 0 "no ballot token in the log"
unlike "$(grep -i 'decision' "$T/log")" "against|abstain|pour" "no choice in the log"
done_testing
