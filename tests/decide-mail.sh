#!/bin/bash
# decide-mail.sh - proposals and votes opened by mail to LIST-decide
# (issue 14, item 4): from an organiser or the chair, confirmed by reply
# before anything opens (a forged From: opens nothing); "Closes:" and
# "Options:" lines; anyone else gets a short refusal that repeats
# nothing they wrote; automatic mail is not answered (threat C2).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

sink_start
site_new
D=lists.example.org
MIMECHECK="$PYTHON3 $MOOT_SRCDIR/tests/lib/mimecheck.py"
moot list create ops >/dev/null
moot member add ops chair@c.example --role chair >/dev/null
moot member add ops org@o.example --role organiser --lang fr >/dev/null
moot member add ops m@v.example >/dev/null

# --- a member, a stranger, an automatic reply: nothing opens -----------
send "ops-decide@$D" m@v.example "Buy a van" "We should buy a van.\nCloses: 2026-11-30 12:00"
send "ops-decide@$D" x@stranger.example "Buy <b>now</b>" "Click here"
send "ops-decide@$D" org@o.example "Out of office" "Away" "Auto-Submitted: auto-replied"
run
is "$(moot decide ls)" "" "nothing opens from a member, a stranger or an automatic reply"
like "$(newest_to m@v.example)" "Only an organiser or the chair" "the member is told why"
ok "  valid MIME" $MIMECHECK <(newest_to m@v.example)
like "$(newest_to x@stranger.example)" "Subject: Nothing opened" "the stranger is refused"
unlike "$(newest_to x@stranger.example)" "Click here|now|van" \
    "  repeating nothing they wrote"
is "$(count_to org@o.example)" 0 "the automatic reply draws no answer"

# --- an organiser's proposal, confirmed by reply ----------------------
send "ops-decide@$D" org@o.example "Buy a van" \
    "We should buy a van for deliveries.\nCloses: 2026-11-30 12:00"
run
P=$(moot decide ls ops | cut -f1)
is "$(moot decide show "$P" | sed -n 's/^state: //p')" pending \
    "an organiser's proposal waits for confirmation"
like "$(newest_to org@o.example)" "^Subject: Confirmer : Buy a van" \
    "the organiser is asked to confirm"
like "$(newest_to org@o.example)" "une proposition" "  in French"
like "$(newest_to org@o.example)" "2026-11-30 12:00" "  with its closing time"
unlike "$(newest_to org@o.example)" "Closes: 2026" "  the Closes line cut from the text"
ok "  valid MIME" $MIMECHECK <(newest_to org@o.example)
is "$(count_to m@v.example)" 1 "members hear nothing yet"
CA=$(reply_addr org@o.example vote)
send "$CA" m@v.example "Re: Confirm" "yes"		# not the organiser
run
is "$(moot decide show "$P" | sed -n 's/^state: //p')" pending \
    "a confirmation from someone else opens nothing"
send "$CA" org@o.example "Re: Confirm" "ok"
run
is "$(moot decide show "$P" | sed -n 's/^state: //p')" open "the organiser's reply opens it"
is "$(moot decide show "$P" | sed -n 's/^proposer: //p')" org@o.example \
    "  the organiser is its proposer"
like "$(newest_to m@v.example)" "Subject: Proposal on ops: Buy a van" \
    "each member gets the proposal"
like "$(newest_to m@v.example)" "We should buy a van for deliveries" "  with its text"
N=$(sink_msgs)
moot inject --to "$CA" --from org@o.example <"$T/msg.eml"
run
is "$(sink_msgs)" "$N" "a replayed confirmation sends nothing again"

# --- a vote by mail; a no opens nothing; a bad closing time ------------
send "ops-decide@$D" chair@c.example "Colour" \
    "Which colour?\nOptions: red, blue\nCloses: 2026-11-30 12:00"
run
V=$(moot decide ls ops | tail -1 | cut -f1)
is "$(moot decide show "$V" | sed -n 's/^kind: //p')" vote "an Options: line makes a vote"
is "$(moot decide show "$V" | sed -n 's/^options: //p')" "red,blue" "  with those options"
send "$(reply_addr chair@c.example vote)" chair@c.example "Re: Confirm" "no"
run
is "$(moot decide show "$V" | sed -n 's/^state: //p')" pending "a no opens nothing"
send "ops-decide@$D" chair@c.example "Late" "Text\nCloses: someday"
run
like "$(newest_to chair@c.example)" "Closes: 2026-12-01 17:00" \
    "a closing time that cannot be read is refused, with an example"
is "$(moot decide ls ops | wc -l)" 2 "  and nothing is recorded"

# --- a decision by mail nobody confirms is forgotten after three days ---
export MOOT_NOW=$(at $((3 * 86400 + 3600)))
run
is "$(moot decide ls ops | wc -l)" 1 \
    "the vote whose sender said no is gone three days on; the opened one stays"
is "$(moot decide show "$V" >/dev/null 2>&1; echo $?)" 1 "  moot decide show has it no more"
like "$(cat "$T/mootd.log")" "decision\\(s\\) sent by mail and not confirmed within 3 days forgotten" \
    "  and the log says so"
done_testing
