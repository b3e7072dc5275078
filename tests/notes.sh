#!/bin/bash
# notes.sh - a meeting's notes (issue 13, item 6): notes to ops-notes@
# are always held, even from the notes-taker who is an organiser; the
# organisers and owners (not the rota's moderators) are asked, with a
# moderation token, and told which meeting; an organiser's "approve"
# sends them to the group and keeps them with the meeting (meeting show,
# meeting notes); a stranger's notes are held with that reason; a
# rejection tells the sender; an unclear reply gets the unclear answer;
# notes as an attachment; an auto-reply is never notes (threat C2); and
# the notes are found again for the weekly update of --notes-to lists.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

sink_start
site_new
D=lists.example.org
moot list create ops >/dev/null
moot list create info >/dev/null
moot member add ops org@one.example --role organiser >/dev/null
moot member add ops owner@two.example --role owner >/dev/null
moot member add ops mod@three.example --role moderator >/dev/null
moot member add ops taker@four.example --role organiser >/dev/null
moot member add ops bob@five.example >/dev/null
moot rota set ops mod@three.example >/dev/null
moot list set ops --notes-to info >/dev/null
is "$(list_field ops notes-to)" info "list show: notes-to"
if moot list set ops --notes-to nosuch 2>/dev/null; then
	fail "--notes-to names only lists that exist"
else
	pass "--notes-to names only lists that exist"
fi

# No meeting has begun yet (T0 is 2026-11-23 10:00).
M1=$(moot meeting add ops "2026-11-24 10:00" --notes-taker taker@four.example | head -1)
M0=$(moot meeting add ops "2026-11-17 10:00" | head -1)
M2=$(moot meeting add ops "2026-12-01 10:00" | head -1)

export MOOT_NOW=$(at $((86400 + 3 * 3600)))	# the 24th, 13:00, after M1
mootd_once >/dev/null 2>&1			# invitations and the like
base_org=$(count_to org@one.example)
base_bob=$(count_to bob@five.example)
base_mod=$(count_to mod@three.example)
base_own=$(count_to owner@two.example)

# 1. The notes-taker (an organiser too) sends the notes: held all the same.
send ops-notes@$D taker@four.example "Notes of 24 November" \
    "Present: org, taker, bob.\nAgreed: the budget."
n1=$(last_id)
run
is "$(spool_state $n1)" held "notes from the notes-taker are held, though they are an organiser"
like "$(spool_reason $n1)" "^notes of meeting $M1 \(ops 2026-11-24 10:00\)$" \
    "  the reason names the latest meeting that has begun"
is "$(count_to org@one.example)" $((base_org + 1)) "the organiser is asked"
is "$(count_to owner@two.example)" $((base_own + 1)) "the owner is asked"
is "$(count_to mod@three.example)" "$base_mod" "the rota's moderator is not"
is "$(count_to bob@five.example)" "$base_bob" "the group has nothing yet"
req=$(newest_to org@one.example)
like "$req" "Agreed: the budget" "the request quotes the notes"
like "$req" "notes of meeting $M1" "  and says they are the notes of meeting $M1"
addr=$(reply_addr org@one.example moderate)
like "$addr" "^ops-moderate\+[a-z2-7]{26}@$D$" "  with a moderation token to reply to"

# 2. An unclear reply: nothing decided, the unclear answer.
send "$addr" org@one.example "Re: notes" "Looks fine to me, thanks"
run
is "$(spool_state $n1)" held "an unclear reply decides nothing"
like "$(newest_to org@one.example)" "Subject: Nothing changed" \
    "  and the organiser gets the unclear answer"

# 3. A moderator (not an organiser) replying with someone's token: no.
send "$addr" mod@three.example "Re: notes" "approve"
run
is "$(spool_state $n1)" held "a moderator cannot pass notes with an organiser's token"

# 4. The organiser approves: the notes go to the group, kept with M1.
send "$addr" org@one.example "Re: notes" "approve"
run
run
like "$(spool_state $n1)" "^(sent|distributing)$" "an organiser's approve sends the notes"
is "$(count_to bob@five.example)" $((base_bob + 1)) "  the group's members get them"
like "$(newest_to bob@five.example)" "Agreed: the budget" "  with their text"
show=$(moot meeting show "$M1")
like "$show" "notes: approved 2026-11-24 13:00, from taker@four.example" \
    "meeting show says the notes were approved, and when"
is "$(moot meeting show "$M2" | sed -n 's/^notes: //p')" "-" "  and a later meeting has none"
notes=$(moot meeting notes "$M1")
like "$notes" "Agreed: the budget" "moot meeting notes prints them"
like "$notes" "from: taker@four.example" "  with who sent them"
ok "moot meeting notes of a meeting with none succeeds" moot meeting notes "$M0"

# 5. The weekly update's query: notes approved since T for info (the
# list named by ops's --notes-to), and none for a list it does not name.
T_TOOL=$MOOT_BUILDDIR/tests/unit/notes_since
ok "the query's helper is built" test -x "$T_TOOL"
if [ -x "$T_TOOL" ]; then
	is "$("$T_TOOL" "$SITE/var/moot.db" info 0)" "$n1 $M1 ops" \
	    "notes approved since then for info: these"
	is "$("$T_TOOL" "$SITE/var/moot.db" ops 0)" "" "  none for ops itself"
	is "$("$T_TOOL" "$SITE/var/moot.db" info \
	    "$(date -u -d 2026-11-25 +%s)")" "" "  none approved since the 25th"
fi

# 6. A stranger's notes: held with that reason.
send ops-notes@$D stranger@x.example "My notes" "I was not there."
n2=$(last_id)
run
is "$(spool_state $n2)" held "a stranger's notes are held"
is "$(spool_reason $n2)" \
    "not from the notes-taker or an organiser: notes of meeting $M1 (ops 2026-11-24 10:00)" \
    "  with that reason"
addr2=$(reply_addr org@one.example moderate)

# 7. Rejected: the sender is told, as for a post.
base_s=$(count_to stranger@x.example)
send "$addr2" org@one.example "Re: notes" "reject Not the agreed notes"
run
is "$(spool_state $n2)" rejected "an organiser rejects them"
is "$(count_to stranger@x.example)" $((base_s + 1)) "  and the sender is told"
like "$(newest_to stranger@x.example)" "Not the agreed notes" "  with the reason"
is "$(moot meeting notes "$M1" | grep -c '^from: ')" 1 "rejected notes are not kept with the meeting"

# 8. Notes as an attachment, from the owner.
n_msg=$((n_msg + 1))
cat >"$T/att.eml" <<EOM
From: owner@two.example
To: ops-notes@$D
Subject: Notes attached
Message-ID: <att1@x.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

The notes are attached.[31m
--b1
Content-Type: text/plain; charset=utf-8; name="notes.txt"
Content-Disposition: attachment; filename="notes.txt"

Item 1: the hall is booked.
--b1--
EOM
moot inject --to ops-notes@$D --from owner@two.example <"$T/att.eml"
n3=$(last_id)
run
is "$(spool_state $n3)" held "notes as an attachment are held"
like "$(newest_to org@one.example)" "notes.txt" "  the request names the attachment"
send "$(reply_addr org@one.example moderate)" org@one.example "Re: notes" "approve"
run
run
like "$(newest_to bob@five.example)" "Item 1: the hall is booked" \
    "  approved, the group gets the attachment"
like "$(moot meeting notes "$M1")" "\[attached: notes.txt \(text/plain" \
    "  meeting notes names the attachment"
like "$(moot meeting notes "$M1")" "Item 1: the hall is booked" \
    "  and keeps the text of an attached plain-text file"
is "$(sqlite3 "$SITE/var/moot.db" "SELECT count(*) FROM meeting_notes WHERE spool_id = $n3 AND (instr(text, char(27)) > 0 OR instr(text, char(13)) > 0)")" 0 \
    "  without the controls of the sender's mail (ESC, CR)"
is "$(sqlite3 "$SITE/var/moot.db" "SELECT count(*) FROM meeting_notes WHERE spool_id = $n3 AND instr(text, 'attached.[31m') > 0")" 1 \
    "  the rest of the covering text kept"

# 9. An auto-reply to ops-notes@ is never notes.
send ops-notes@$D org@one.example "Out of office" "I am away." \
    "Auto-Submitted: auto-replied"
n4=$(last_id)
run
is "$(spool_state $n4)" done "an auto-reply to ops-notes@ is done with"
like "$(spool_reason $n4)" "automated" "  as automated mail"

# 10. No meeting of the group has begun: held with that reason.
moot list create strat >/dev/null
moot member add strat org@one.example --role organiser >/dev/null
send strat-notes@$D org@one.example "Notes" "Early notes."
n5=$(last_id)
run
is "$(spool_state $n5)" held "notes when no meeting has begun are held"
is "$(spool_reason $n5)" "notes, but no meeting of this group has begun" \
    "  with that reason"

# 11. The address is one moot takes.
ok "moot inject takes ops-notes@" moot inject --to ops-notes@$D \
    --from org@one.example <"$T/msg.eml"

done_testing
