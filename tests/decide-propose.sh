#!/bin/bash
# decide-propose.sh - proposals by consensus (issue 14, items 1 and 7):
# each member gets the proposal with a personal reply address; agree,
# object with a reason, abstain; an objection goes to the list at once;
# a bare "object" is asked again; with no objection the proposal passes
# at its deadline and each member is told; with one it waits for the
# proposer, whose "amend" re-opens it with a new text and deadline and
# whose "vote" calls a vote on it (the proposal as its parent).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

sink_start
site_new
D=lists.example.org
MIMECHECK="$PYTHON3 $MOOT_SRCDIR/tests/lib/mimecheck.py"
moot list create strategy >/dev/null
moot member add strategy chair@c.example --role chair >/dev/null
moot member add strategy org@o.example --role organiser >/dev/null
moot member add strategy a@v.example --lang pl >/dev/null
moot member add strategy b@v.example --lang uk >/dev/null
printf 'The partnership adopts the new terms of reference.\n' >"$T/text"
ans() { send "$(reply_addr "$1" vote)" "$1" "Re: Proposal" "$2"; }
state() { moot decide show "$1" | sed -n 's/^state: //p'; }

# --- 1. passes with no objection --------------------------------------
P=$(moot decide propose strategy --title "Terms of reference" \
    --text "$T/text" --closes "2026-11-30 12:00")
like "$P" '^[0-9]+$' "decide propose prints the new id"
run
is "$(sink_msgs)" 4 "the proposal goes to each of the 4 members"
like "$(newest_to a@v.example)" "Subject: Propozycja dla strategy" "a's is in Polish"
like "$(newest_to org@o.example)" "agree" "  it says how to answer"
ok "  valid MIME" $MIMECHECK <(newest_to b@v.example)
ans a@v.example "agree"
ans b@v.example "abstain"
ans org@o.example "Agree! thanks"
run
like "$(newest_to org@o.example)" "^  agree" "an answer is receipted"
is "$(moot decide show "$P" | sed -n 's/^so far: //p')" \
    "agree=2,object=0,abstain=1" "two agree, one abstains"
export MOOT_NOW=2026-11-30T12:00:00Z
# A crash while the result is being queued (threat A8): nothing of the
# closing stays, and the next pass does all of it, once.
MOOT_KILL_AT=decision-told:2 mootd_once 2>/dev/null
is "$(state "$P")" open "killed while queueing the result: still open"
run
is "$(state "$P")" passed "no objection: the proposal passes at its deadline"
# (the outbox is read: the subjects are encoded in Polish and Ukrainian)
is "$(db "SELECT count(*) FROM outbox WHERE purpose = 'decision-result'")" 4 \
    "  each of the 4 members is told once"
like "$(newest_to a@v.example)" "Przyjęto w drodze konsensusu" \
    "each member is told, in their language"
like "$(newest_to chair@c.example)" "Agreed by consensus" "  (the chair in English)"
ok "  valid MIME" $MIMECHECK <(newest_to b@v.example)
moot decide audit "$P" >/dev/null && pass "the audit matches" || fail "the audit matches"

# --- 2. an objection: the proposer amends -----------------------------
export MOOT_NOW=2026-12-01T09:00:00Z
Q=$(moot decide propose strategy --title "Budget" --text "$T/text" \
    --closes "2026-12-03 12:00")
run
N=$(sink_msgs)
ans b@v.example "object"
run
like "$(newest_to b@v.example)" "moot прочитав:" \
    "an objection without a reason is asked again (in b's Ukrainian)"
is "$(moot decide show "$Q" | sed -n 's/^so far: //p')" \
    "agree=0,object=0,abstain=0" "  and records nothing"
ans b@v.example "object: we cannot afford it this year"
run
like "$(newest_to a@v.example)" "Subject: Sprzeciw: Budget" \
    "the objection goes to the list at once"
like "$(newest_to a@v.example)" "we cannot afford it this year" "  with its reason"
unlike "$(newest_to a@v.example)" "b@v.example" "  without the objector's name"
ans a@v.example "agree"
export MOOT_NOW=2026-12-03T12:00:00Z
run
is "$(state "$Q")" asking "an objection: the proposal does not pass"
like "$(newest_to org@o.example)" "Subject: Objections to your proposal: Budget" \
    "the proposer (the organisers, for the command line) is asked"
like "$(newest_to chair@c.example)" "Subject: Objections to your proposal" \
    "  and the chair"
unlike "$(newest_to a@v.example)" "Agreed" "members are not told it passed"
# the organiser amends it with a new text and deadline
send "$(reply_addr org@o.example vote)" org@o.example "Re: Objections" \
    "amend\nThe budget is spread over two years.\nCloses: 2026-12-10 12:00"
run
is "$(state "$Q")" amended "amend: the proposal is amended"
Q2=$(moot decide ls strategy | awk -F'\t' 'END { print $1 }')
is "$(moot decide show "$Q2" | sed -n 's/^follows: //p')" "$Q" \
    "  and re-opened as a new proposal that follows it"
is "$(moot decide show "$Q2" | sed -n 's/^closes: //p')" "2026-12-10 12:00" \
    "  closing when the proposer said"
like "$(newest_to b@v.example)" "The budget is spread over two years" \
    "  whose new text goes to the members"
# a second reply to the same question decides nothing more
send "$(reply_addr org@o.example vote)" org@o.example "Re: Objections" "vote"
run
is "$(moot decide ls strategy | wc -l)" 3 "a second choice of the proposer does nothing"

# --- 3. an objection: the proposer calls a vote -----------------------
ans b@v.example "object too expensive still"
run
export MOOT_NOW=2026-12-10T12:00:00Z
run
is "$(state "$Q2")" asking "the amended proposal meets an objection too"
send "$(reply_addr chair@c.example vote)" chair@c.example "Re: Objections" \
    "Vote, please"
run
is "$(state "$Q2")" failed "vote: the proposal failed"
V=$(moot decide ls strategy | awk -F'\t' 'END { print $1 }')
is "$(moot decide show "$V" | sed -n 's/^kind: //p')" vote "  and a vote is opened"
is "$(moot decide show "$V" | sed -n 's/^follows: //p')" "$Q2" \
    "  with the proposal as its parent"
like "$(newest_to a@v.example)" "Grupa strategy głosuje w sprawie" \
    "  each member gets a ballot"
like "$(newest_to a@v.example)" "The budget is spread over two years" \
    "  on the proposal's text"

# --- 4. nobody answers the proposer's question: it lapses --------------
export MOOT_NOW=2026-12-20T09:00:00Z
L=$(moot decide propose strategy --title "Logo" --text "$T/text" \
    --closes "2026-12-21 12:00")
run
ans a@v.example "object: I like the old one"
run
export MOOT_NOW=2026-12-21T12:00:00Z
run
is "$(state "$L")" asking "an objection: the proposer is asked"
export MOOT_NOW=2027-01-04T12:00:00Z
run
is "$(state "$L")" failed "two weeks without an answer: it failed"
like "$(newest_to b@v.example)" "Не ухвалено" "  and each member is told, in their language"
done_testing
