#!/bin/bash
# priorities.sh - the partnership's priorities (issue 14, item 3): moot
# priority add, ls, retire and lists, with the warning when the current
# ones are not three or four; a proposal's set of priorities made
# current when it passes (gov_effect.h, driven as the proposals' code
# drives it) and the old ones retired, once; the yearly review asked of
# the strategy list's owners a year later (MOOT_NOW), once, in their
# languages, from a reply address of their own; an unclear answer told
# what moot read, a stranger's changing nothing, a no recorded and asked
# again a year after it, a yes handed to the proposals' opener.
. "$(dirname "$0")/lib/common.sh"

DRIVE=$MOOT_BUILDDIR/tests/unit/gov_effect_drive
D=lists.example.org
sink_start
site_new
drive() { "$DRIVE" "$CONF" "$@"; }
not() { ! "$@" 2>/dev/null; }
run() { mootd_once 2>>"$T/mootd.log"; }
state_of() { moot priority ls --all | awk -v i="$1" '$1 == i { print $2 }'; }
agreed_of() { moot priority ls --all | awk -v i="$1" '$1 == i { print $3 }'; }

export MOOT_NOW=2025-01-15T10:00:00Z
moot list create strategy >/dev/null
moot member add strategy ann@example.org --role owner >/dev/null
moot member add strategy bea@example.org --role owner --lang fr >/dev/null
moot member add strategy cat@example.org >/dev/null
moot list create ops >/dev/null
moot list create events >/dev/null

# --- add, ls, retire, lists, and the warning ---------------------------
P1=$(moot priority add "Housing" --lists ops 2>"$T/err")
is "$P1" 1 "priority add prints the new id"
has "$T/err" "warning: the partnership now has 1 current priority; it agrees 3 or 4" \
    "one current priority: moot warns, and adds it"
P2=$(moot priority add "Jobs and training" 2>/dev/null)
P3=$(moot priority add "Young people" 2>"$T/err")
is "$(cat "$T/err")" "" "three current priorities: no warning"
printf 'Safer streets and buses.\n' >"$T/transport.txt"
P4=$(moot priority add "Transport" --text "$T/transport.txt" --proposed 2>"$T/err")
is "$(cat "$T/err")" "" "a proposed priority does not count as current"
is "$(state_of "$P4")" proposed "--proposed: it waits for a proposal"
is "$(agreed_of "$P4")" - "  and has no agreed date"
ok "a list that does not exist is refused" not moot priority add "Parks" --lists nosuch
like "$(moot priority add "Parks" --lists nosuch 2>&1)" 'no list is called "nosuch"' \
    "  saying which"
is "$(moot priority ls --all | wc -l)" 4 "  and nothing was added"
ok "an empty title is refused" not moot priority add ""
like "$(moot priority lists "$P2" ops,events)" "priority $P2: lists ops,events" \
    "priority lists sets the lists working on one"
L=$(moot priority ls)
like "$L" "^$P1 +current +2025-01-15 +ops +Housing$" \
    "ls: id first, state, agreed date, lists, title"
like "$L" "^$P2 +current +2025-01-15 +events,ops +Jobs and training$" \
    "  the lists working on it, by name"
like "$L" "^$P4 +proposed +- +- +Transport$" "  a proposed one"
moot priority lists "$P2" ops >/dev/null
like "$(moot priority ls)" "^$P2 .* ops +Jobs" "priority lists removes a list"
P5=$(moot priority add "Health" 2>"$T/err")
is "$(cat "$T/err")" "" "four current priorities: no warning"
P6=$(moot priority add "Culture" 2>"$T/err")
has "$T/err" "warning: the partnership now has 5 current priorities" \
    "five current priorities: moot warns"
like "$(moot check 2>&1)" "priorities: the partnership now has 5 current priorities; it agrees 3 or 4" \
    "  and so does moot check"
like "$(moot priority retire "$P6" 2>"$T/err")" "priority $P6 retired" \
    "priority retire"
is "$(cat "$T/err")" "" "  back to four: no warning"
ok "retiring it again is refused" not moot priority retire "$P6"
ok "retiring what does not exist is refused" not moot priority retire 99
unlike "$(moot priority ls)" "Culture" "ls leaves the retired out"
like "$(moot priority ls --all)" "^$P6 +retired .*Culture" "  ls --all shows them"
unlike "$(moot check 2>&1)" "^priorities:" "moot check: four, and a strategy list: nothing to say"
cp "$CONF" "$T/conf.saved"
printf '[gov]\nstrategy_list = nosuch\n' >>"$CONF"
like "$(moot check 2>&1)" "priorities: no list is called nosuch \\(\\[gov\\] strategy_list\\): nobody will be asked" \
    "moot check: a strategy list that does not exist"
cp "$T/conf.saved" "$CONF"
moot priority retire "$P5" >/dev/null 2>&1

# --- a proposal adopting a set ----------------------------------------
is "$(drive set 100 priorities "$P6,$P1")" "refused: priority $P6 is retired" \
    "a set with a retired priority is refused"
is "$(drive set 100 priorities "99")" "refused: no priority has id 99" \
    "a set with an unknown priority is refused"
is "$(drive set 100 priorities "$P1,$P1")" "refused: priority $P1 is named twice" \
    "a set naming one twice is refused"
is "$(drive set 100 priorities " $P1, $P2,$P4")" "refused: \" $P1\" is not a priority's id" \
    "ids are read exactly"
is "$(drive set 100 priorities "$P1,$P2,$P4")" ok "a set of current and proposed ones"
like "$(drive describe 100 en)" "If it passes, these become the partnership's priorities" \
    "the proposal says what it does"
like "$(drive describe 100 en)" "  - Transport \\($P4\\)" "  naming each priority"
like "$(drive describe 100 fr)" "Si elle est adoptée" "  in the reader's language"
is "$(state_of "$P3")" current "until it passes, nothing changes"
export MOOT_NOW=2025-02-01T10:00:00Z
ok "the proposal passes" drive passed 100
is "$(state_of "$P4") $(agreed_of "$P4")" "current 2025-02-01" \
    "the proposed priority is current, agreed now"
is "$(state_of "$P1") $(agreed_of "$P1")" "current 2025-02-01" \
    "a current one in the set is agreed again"
is "$(state_of "$P3")" retired "a current one outside the set is retired"
export MOOT_NOW=2025-03-01T10:00:00Z
ok "passing again" drive passed 100
is "$(agreed_of "$P1")" 2025-02-01 "  changes nothing: it was done once"
ok "a decision without an effect passes doing nothing" drive passed 101

# --- the yearly review --------------------------------------------------
export MOOT_NOW=2026-01-31T10:00:00Z
run
new_msgs
is "${#M[@]}" 0 "a day short of a year: nobody is asked"
export MOOT_NOW=2026-02-01T11:00:00Z
MOOT_KILL_AT=review-queued:2 mootd_once 2>/dev/null
new_msgs
is "${#M[@]}" 0 "a crash while queueing the question sends none"
MOOT_KILL_AT=review-committed mootd_once 2>/dev/null
new_msgs
is "${#M[@]}" 0 "a crash once it is committed sends none yet"
run
new_msgs
ANN=$(msg_to ann@example.org "${M[@]}")
BEA=$(msg_to bea@example.org "${M[@]}")
is "${#M[@]}" 2 "a year after they were agreed, the owners are asked"
is "$(msg_to cat@example.org "${M[@]}")" "" "  the owners only"
has "$ANN" "^Subject: The priorities are a year old: review them\\? \\(strategy\\)" \
    "  in English"
has "$ANN" "agreed on 2025-02-01, a year ago" "  saying when they were agreed"
has "$ANN" "^  - Transport" "  and what they are"
has "$BEA" "^Les priorités du partenariat ont été convenues le 2025-02-01" \
    "  and in French"
for f in "$ANN" "$BEA"; do
	ok "the question is valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$f"
done
tok_of() { sed -n 's/^Reply-To: .*strategy-review+\([a-z2-7]*\)@.*/\1/p' "$1" | tr -d '\r' | head -1; }
TA=$(tok_of "$ANN")
TB=$(tok_of "$BEA")
like "$TA" '^[a-z2-7]{26}$' "each owner answers to strategy-review+TOKEN"
ok "  a token of their own" test "$TA" != "$TB"
run
new_msgs
is "${#M[@]}" 0 "asked once: not again at the next pass"
export MOOT_NOW=2026-02-02T11:00:00Z
run
new_msgs
is "${#M[@]}" 0 "  nor the next day"

# text_of FILE: its subject, decoded, and its text
text_of() {
	"$PYTHON3" -c 'import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print("Subject: " + m["Subject"])
print(m.get_body(("plain",)).get_content())' "$1"
}
answer() { # FROM TOKEN TEXT
	printf 'From: %s\r\nTo: strategy-review+%s@%s\r\nSubject: Re: review\r\nMessage-ID: <%s.%s@example.org>\r\n\r\n%s\r\n' \
	    "$1" "$2" "$D" "$RANDOM" "$RANDOM" "$3" |
	    moot inject --to "strategy-review+$2@$D" --from "$1"
}
answer ann@example.org "$TA" "Maybe, let me think"
run
new_msgs
U=$(msg_to ann@example.org "${M[@]}")
ok "an unclear answer is answered" test -n "$U"
has "$U" "^Subject: Nothing changed: moot could not read yes or no" "  saying nothing changed"
has "$U" "Maybe, let me think" "  and what moot read"
ok "  valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$U"
like "$(spool_reason "$(last_id)")" "^review: unclear" "  recorded as unclear"
answer mallory@example.org "$TA" "no"
run
new_msgs
is "${#M[@]}" 0 "someone else's answer with an owner's token is not answered"
like "$(spool_reason "$(last_id)")" "refused: not from the owner it was sent to" \
    "  and changes nothing"
answer ann@example.org "$TA" "No"
run
like "$(spool_reason "$(last_id)")" "^review: no" "a clear no is recorded"
new_msgs
N=$(msg_to ann@example.org "${M[@]}")
is "${#M[@]}" 1 "  and the owner who said it is told, alone"
has "$N" "^Subject: No review: the priorities stay as they are \\(strategy\\)" \
    "  that the priorities stay"
has "$N" "ask the owners again on 2027-02-02" "  and when moot asks again"
ok "  valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "$N"
has "$N" "^From: .*strategy-owner@" "  from the owners' address: the question is settled"
is "$(grep -c "strategy-review" "$N")" 0 "  not her used token's"
answer bea@example.org "$TB" "oui"
run
like "$(spool_reason "$(last_id)")" "refused: answered already" \
    "the first clear answer decides"
new_msgs
is "$(to_of "${M[0]:-/dev/null}") ${#M[@]}" "bea@example.org 1" \
    "  and the other owner who answers too late is told"
like "$(text_of "${M[0]:-/dev/null}")" "Subject: Déjà répondu : la révision des priorités \\(strategy\\)" \
    "  in her language, that another owner answered first"
ok "  valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "${M[0]:-/dev/null}"
answer ann@example.org "$TA" "yes"
run
like "$(spool_reason "$(last_id)")" "refused: a token used before" "  and a token works once"

export MOOT_NOW=2027-02-01T10:00:00Z
run
new_msgs
is "${#M[@]}" 0 "after a no: not asked before a year has passed"
export MOOT_NOW=2027-02-02T12:00:00Z
run
new_msgs
is "${#M[@]}" 2 "  then asked again"
TB=$(tok_of "$(msg_to bea@example.org "${M[@]}")")
# A yes that cannot open the review changes nothing, and says so.
answer bea@example.org "$TB" "oui"
MOOT_FAIL_AT=review-open run
like "$(spool_reason "$(last_id)")" "^review: yes, not opened" \
    "a yes that cannot open the review is recorded as such"
is "$(moot decide ls strategy | grep -c .)" 0 "  nothing opens"
new_msgs
is "$(to_of "${M[0]:-/dev/null}") ${#M[@]}" "bea@example.org 1" "  and the owner is told"
like "$(text_of "${M[0]:-/dev/null}")" "Subject: Non ouverte : la révision des priorités \\(strategy\\)" \
    "  that it did not open"
has "${M[0]:-/dev/null}" "^Reply-To: .*strategy-review\\+$TB@" \
    "  from her token's address: it still works"
answer bea@example.org "$TB" "Oui, merci"
# A crash once the review is opened but before the yes is recorded
# leaves neither: the yes is read again, and one review opens.
MOOT_KILL_AT=review-opened mootd_once 2>/dev/null
is "$(moot decide ls strategy | grep -c .)" 0 "a crash while opening the review keeps nothing"
run
is "$(moot decide ls strategy | grep -c .)" 1 "  and once mootd is back, one review opens"
like "$(spool_reason "$(last_id)")" "^review: yes, proposal [0-9]+" \
    "a clear yes (in French) opens the review as a proposal"
P=$(spool_reason "$(last_id)" | sed 's/.*proposal //')
new_msgs
O=()
for f in $(msg_to bea@example.org "${M[@]}"); do
	[[ $(text_of "$f") == "Subject: Révision ouverte"* ]] && O+=("$f")
done
is "${#O[@]}" 1 "  the owner who said yes is told, once"
like "$(text_of "${O[0]:-/dev/null}")" "Subject: Révision ouverte : .* \\(strategy\\)" \
    "  that the review is open"
like "$(text_of "${O[0]:-/dev/null}")" "jusqu'au 2027-02-1[0-9] [0-9:]+ \\(" "  and when it closes"
ok "  valid MIME" "$PYTHON3" "$MOOT_SRCDIR/tests/lib/mimecheck.py" "${O[0]:-/dev/null}"
like "$(moot decide show "$P")" "priorities" "  which moot decide show has, about the priorities"
answer bea@example.org "$TB" "non"
run
like "$(spool_reason "$(last_id)")" "refused: a token used before" "  and the question is answered: a later no is refused"

done_testing
