#!/bin/bash
# decide-safety.sh - what must never count (issue 14, items 6 and 7;
# threats A8, B1-B3, C2, F3): a forged token, a right token from another
# sender, a token of another list, a replayed ballot, a late one, an
# automatic reply carrying a good token, and the ballot of a member
# removed before closing (kept with --keep-removed); one vote per
# organisation however many addresses it has; a crash between a ballot
# and its receipt, and between a count and its result, leaves each done
# once.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

sink_start
site_new
D=lists.example.org
moot list create ops >/dev/null
moot list create info >/dev/null
moot member add ops chair@c.example --role chair >/dev/null
moot member add info chair@c.example --role chair >/dev/null
for v in a b c; do moot member add ops "$v@v.example" >/dev/null; done
moot member add info a@v.example >/dev/null
printf 'Move the office?\n' >"$T/text"
so_far() { moot decide show "$1" | sed -n 's/^so far: //p'; }
ans() { send "$(reply_addr "$1" vote)" "$1" "Re: Vote" "$2"; }

V=$(moot decide vote ops --title "Office" --text "$T/text" \
    --closes "2026-11-30 12:00")
W=$(moot decide vote info --title "Other" --text "$T/text" \
    --closes "2026-11-30 12:00")
run
OPS_A=$(newest_to a@v.example | grep -o "ops-vote+[a-z2-7]*@$D" | head -1)
INFO_A=$(newest_to a@v.example | grep -o "info-vote+[a-z2-7]*@$D" | head -1)
[ -z "$OPS_A" ] && OPS_A=$(grep -h -o "ops-vote+[a-z2-7]*@$D" $(grep -l '^RCPT TO:<a@v.example>' "$SINK_DIR"/*.env | sed 's/env$/eml/') | head -1)
[ -z "$INFO_A" ] && INFO_A=$(grep -h -o "info-vote+[a-z2-7]*@$D" $(grep -l '^RCPT TO:<a@v.example>' "$SINK_DIR"/*.env | sed 's/env$/eml/') | head -1)
like "$OPS_A" "^ops-vote\+" "a has a ballot for ops"
like "$INFO_A" "^info-vote\+" "  and one for info"
N=$(sink_msgs)

# --- forged and foreign tokens (B1-B3) --------------------------------
send "ops-vote+aaaaaaaaaaaaaaaaaaaaaaaaaa@$D" a@v.example "Re" "for"
tok=${OPS_A#ops-vote+}; tok=${tok%@*}
flip=$(printf '%s' "$tok" | sed 's/^./a/;t'); [ "$flip" = "$tok" ] && flip=$(printf '%s' "$tok" | sed 's/^./b/')
send "ops-vote+$flip@$D" a@v.example "Re" "for"
send "$OPS_A" b@v.example "Re" "for"			# a's ballot, from b
send "ops-vote+${INFO_A#info-vote+}" a@v.example "Re" "for"	# info's at ops
run
is "$(so_far "$V")" "for=0,against=0,abstain=0" \
    "a forged token, a changed one, someone else's and another list's count for nothing"
is "$(so_far "$W")" "for=0,against=0,abstain=0" "  on either list"
is "$(sink_msgs)" "$N" "  and draw no answer"

# --- an automatic reply with a good token (C2) ------------------------
send "$OPS_A" a@v.example "Out of office" "for" "Auto-Submitted: auto-replied"
run
is "$(so_far "$V")" "for=0,against=0,abstain=0" "an automatic reply is no ballot"
is "$(sink_msgs)" "$N" "  and draws no answer"

# --- a crash between a ballot and its receipt (A8) --------------------
send "$OPS_A" a@v.example "Re: Vote" "for"
MOOT_KILL_AT=ballot-recorded mootd_once 2>/dev/null
is "$(so_far "$V")" "for=0,against=0,abstain=0" "killed before its commit: no ballot"
run
is "$(so_far "$V")" "for=1,against=0,abstain=0" "after restart: the ballot counts once"
is "$(count_to a@v.example)" 3 "  with one receipt"

# --- a replayed ballot counts once ------------------------------------
moot inject --to "$OPS_A" --from a@v.example <"$T/msg.eml"
run
is "$(so_far "$V")" "for=1,against=0,abstain=0" "a replayed ballot counts once"

# --- a removed voter loses the vote ------------------------------------
ans b@v.example "against"
ans c@v.example "against"
run
is "$(so_far "$V")" "for=1,against=2,abstain=0" "b and c voted against"
moot member rm ops b@v.example >/dev/null
ans b@v.example "for"
run
is "$(so_far "$V")" "for=1,against=2,abstain=0" \
    "a removed member's new answer counts for nothing"

# --- a crash between the count and the result (A8) --------------------
export MOOT_NOW=2026-11-30T12:00:00Z
N=$(sink_msgs)
MOOT_KILL_AT=decision-counted mootd_once 2>/dev/null
is "$(moot decide show "$V" | sed -n 's/^state: //p')" open \
    "killed after counting, before its commit: the vote is still open"
run
is "$(moot decide show "$V" | sed -n 's/^state: //p')" casting \
    "after restart: closed once; b's earlier ballot no longer counts: 1-1"
is "$(moot decide show "$V" | sed -n 's/^result: //p')" \
    "for=1,against=1,abstain=0" "  recorded so"
run
is "$(moot decide ls ops | wc -l)" 1 "nothing happens twice"
# the late ballot, after closing
send "$OPS_A" a@v.example "Re: Vote" "against"
run
is "$(moot decide show "$V" | sed -n 's/^result: //p')" \
    "for=1,against=1,abstain=0" "a late ballot changes nothing"
# a replayed casting vote: the chair decides once
# (info's vote, with no ballots, is tied 0-0 too: the chair has two)
CB=$(grep -l '^RCPT TO:<chair@c.example>' "$SINK_DIR"/*.env | sed 's/env$/eml/' |
    xargs grep -l 'Your casting vote' | xargs grep -h -o "^Reply-To: ops-vote+[a-z2-7]*@$D" |
    head -1 | sed 's/^Reply-To: //')
like "$CB" "^ops-vote" "the chair's casting address for ops"
send "$CB" chair@c.example "Re: casting" "for"
run
cp "$T/msg.eml" "$T/casting.eml"
is "$(moot decide show "$V" | sed -n 's/^outcome: //p')" for "the chair decided: for"
sed -i 's/^for$/against/' "$T/casting.eml"
moot inject --to "$CB" --from chair@c.example <"$T/casting.eml"
run
is "$(moot decide show "$V" | sed -n 's/^outcome: //p')" for \
    "a replayed casting ballot changes nothing"
moot decide audit "$V" >/dev/null && pass "the audit matches" || fail "the audit matches"

# --- --keep-removed ---------------------------------------------------
export MOOT_NOW=2026-12-01T09:00:00Z
moot member add ops b@v.example >/dev/null
K=$(moot decide vote ops --title "Keep" --text "$T/text" \
    --closes "2026-12-02 12:00" --keep-removed)
run
ans b@v.example "against"
run
moot member rm ops b@v.example >/dev/null
export MOOT_NOW=2026-12-02T12:00:00Z
run
is "$(moot decide show "$K" | sed -n 's/^result: //p')" \
    "for=0,against=1,abstain=0" "--keep-removed: a removed voter's ballot counts"

# --- one vote per organisation ----------------------------------------
export MOOT_NOW=2026-12-03T09:00:00Z
moot list create orgs >/dev/null
moot member add orgs chair@c.example --role chair >/dev/null
moot member add orgs one@acme.example --org "Acme Trust" >/dev/null
moot member add orgs two@acme.example --org " acme trust " >/dev/null
moot member add orgs solo@x.example >/dev/null
G=$(moot decide vote orgs --title "Per org" --text "$T/text" \
    --closes "2026-12-04 12:00" --per-org)
run
is "$(moot decide show "$G" | sed -n 's/^electorate: //p')" 3 \
    "per organisation: the electorate is 3 (Acme, solo, the chair)"
like "$(newest_to one@acme.example)" "One vote per organisation" \
    "  the ballot says so"
ans one@acme.example "for"
ans two@acme.example "against"
ans solo@x.example "against"
run
is "$(moot decide show "$G" | sed -n 's/^so far: //p')" \
    "for=0,against=2,abstain=0" \
    "two addresses of one organisation cannot vote twice: the latest counts"

# --- an open vote shows each choice; a secret one never does -----------
O=$(moot decide vote orgs --title "Open" --text "$T/text" \
    --closes "2026-12-04 12:00" --open)
run
ans solo@x.example "for"
run
like "$(moot decide show "$O")" "choice: solo@x.example for" \
    "an --open vote shows each voter's choice"
unlike "$(moot decide show "$G")" "choice:|solo@x.example" \
    "a secret one shows none"

# --- a ballot that came in time counts, though mootd reads it late -----
export MOOT_NOW=2026-12-04T11:59:00Z
# (one@acme's newest ballot is the open vote's: G's is found by title)
GB=$(grep -l '^RCPT TO:<one@acme.example>' "$SINK_DIR"/*.env | sed 's/env$/eml/' |
    xargs grep -l 'Subject: Vote on orgs: Per org' | xargs grep -h -o "^Reply-To: orgs-vote+[a-z2-7]*@$D" |
    head -1 | sed 's/^Reply-To: //')
send "$GB" one@acme.example "Re: Vote" "for"	# mootd is down until 12:00
export MOOT_NOW=2026-12-04T12:00:00Z
run
is "$(moot decide show "$G" | sed -n 's/^result: //p')" \
    "for=1,against=1,abstain=0" "a ballot received before closing counts when read after"
done_testing
