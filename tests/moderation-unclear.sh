#!/bin/bash
# moderation-unclear.sh - a moderator's reply that decides nothing
# (issue 12, item 1): nothing changes, the token stays good, and the
# moderator, only they, with a valid token, is told what moot read and
# the words that work, in their language; at most once per post an
# hour and replies_per_day a day (threat D3); a forged token or another
# sender gets nothing (B3, C4).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

sink_start
site_new $'[membership]\nreplies_per_day = 3'
moot list create info --moderated >/dev/null 2>&1
moot list create infofr --moderated >/dev/null 2>&1
moot member add info mod1@one.example --role moderator >/dev/null
moot member add infofr mod2@two.example --role moderator --lang fr >/dev/null

unclear_to() { grep -l '^Subject: Nothing changed' \
    $(grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env 2>/dev/null | sed 's/env$/eml/') /dev/null | wc -l; }

send info@lists.example.org poster@x.example "Budget" "Post one."
p1=$(last_id)
run
addr=$(reply_addr mod1@one.example moderate)
like "$addr" '^info-moderate\+[a-z2-7]{26}@' "the moderator is asked, with a token"

# 1. An everyday sentence: nothing changes; the moderator is told.
send "$addr" mod1@one.example "Re: request" "No problem, I'll look later\n\n> Post one."
run
is "$(spool_state $p1)" held "\"No problem, I'll look later\": the post is still held"
is "$(unclear_to mod1@one.example)" 1 "the moderator gets one answer"
ans=$(newest_to mod1@one.example)
like "$ans" "\"No problem, I'll look later\"" "  quoting the line moot read"
like "$ans" "nothing was changed" "  saying nothing was changed"
like "$ans" $'\n  approve\r?\n  reject .*\n  discard' "  and the three words that work"
like "$ans" "Auto-Submitted: auto-replied" "  marked as an automatic answer"
is "$(reply_addr mod1@one.example moderate)" "$addr" "  from the same moderation address"
is "$(count_to poster@x.example)" 0 "the poster hears nothing"

# 2. Unclear again within the hour: no second answer.
send "$addr" mod1@one.example "Re: request" "Hmm, let me think"
run
is "$(unclear_to mod1@one.example)" 1 "a second unclear reply within the hour: no second answer"
like "$(grep 'not answered' "$T/mootd.log" | tail -1)" "within the hour" "  the log says why"

# 3. Another sender with the moderator's token: nothing, no answer.
send "$addr" other@five.example "Re: request" "What is this?"
run
is "$(count_to other@five.example)" 0 "a reply From another address: no answer"
# 4. A forged token: nothing, no answer.
send "info-moderate+aaaaaaaaaaaaaaaaaaaaaaaaaa@lists.example.org" mod1@one.example \
    "Re: request" "Who knows"
MOOT_NOW=$(at 7200)
run
is "$(unclear_to mod1@one.example)" 1 "a forged token: no answer"
is "$(spool_state $p1)" held "the post still waits"

# 5. An hour on, an empty reply (only a quote) is answered, saying so.
send "$addr" mod1@one.example "Re: request" "> Post one."
run
is "$(unclear_to mod1@one.example)" 2 "an hour on, an unclear reply is answered again"
ans=$(newest_to mod1@one.example)
like "$ans" "nothing: the reply had no text of its own" "  an empty reply is said to be empty"
unlike "$ans" '""' "  not quoted as \"\""

# 6. The same token still decides.
send "$addr" mod1@one.example "Re: request" "approve"
run
like "$(spool_state $p1)" "approved|distributing|sent" "\"approve\" with the same token then works"

# 7. A moderator who reads French is answered in French.
send infofr@lists.example.org poster2@x.example "Réunion" "Post two."
p2=$(last_id)
run
faddr=$(reply_addr mod2@two.example moderate)
send "$faddr" mod2@two.example "Re: demande" "Pas de souci, je regarde ce soir"
run
ans=$(newest_to mod2@two.example)
like "$ans" "Rien n'a donc changé" "a moderator with --lang fr is answered in French"
like "$ans" "« Pas de souci, je regarde ce soir »" "  quoting what moot read"
like "$ans" "approuver, rejeter" "  with the French words"
is "$(spool_state $p2)" held "  and the post still waits"

# 8. The day's cap: replies_per_day (3 here) such answers to a mailbox.
for i in 3 4 5; do
	send info@lists.example.org "poster$i@x.example" "Post $i" "Post $i."
done
run
n0=$(unclear_to mod1@one.example)
for a in $(grep -l "^RCPT TO:<mod1@one.example>" "$SINK_DIR"/*.env | sort | tail -3); do
	t=$(grep -o '^Reply-To: info-moderate+[a-z2-7]*@lists\.example\.org' "${a%.env}.eml" | sed 's/^Reply-To: //')
	send "$t" mod1@one.example "Re: request" "Maybe tomorrow"
done
run
is "$(unclear_to mod1@one.example)" $((n0 + 1)) "replies_per_day: the day's third answer is the last"
like "$(grep 'no answer to an unclear reply' "$T/mootd.log" | tail -1)" "to its mailbox today" "  the log says so"

# 9. A long line is cut, and bidi controls are left out.
# 9. An organiser's unclear answer about a join is answered the same way.
moot list create ops --members-only --joins approve >/dev/null 2>&1
moot member add ops org@six.example --role organiser >/dev/null
send ops-join@lists.example.org newbie@seven.example "" ""
run
send "$(reply_addr newbie@seven.example confirm)" newbie@seven.example "Re:" ""
run
ja=$(reply_addr org@six.example moderate)
like "$ja" '^ops-moderate\+' "an organiser is asked about a join"
send "$ja" org@six.example "Re: New member" "Who is this person?"
run
ans=$(newest_to org@six.example)
like "$ans" "Subject: Nothing changed" "an unclear answer about a join: the organiser is told"
like "$ans" '^  newbie@seven\.example' "  naming the join"
like "$ans" '"Who is this person\?"' "  and what moot read"
send "$ja" org@six.example "Re: New member" "approve"
run
is "$(member_field ops newbie@seven.example 2)" member "  and the same token then approves"

# 10. A long line is cut, and bidi controls are left out.
send infofr@lists.example.org poster6@x.example "Long" "Post six."
run
faddr=$(reply_addr mod2@two.example moderate)
long=$(printf 'Je \xe2\x80\xaeverrai%.0s plus tard ' $(seq 1 20))
send "$faddr" mod2@two.example "Re: demande" "$long"
run
ans=$(newest_to mod2@two.example)
unlike "$ans" $'\xe2\x80\xae' "the answer leaves bidi controls out of what it quotes"
q=$(printf '%s\n' "$ans" | sed -n 's/^  « \(.*\) »\r\{0,1\}$/\1/p')
like "$q" '^Je verrai plus tard Je verrai.*\.\.\.$' "  and cuts a long line, marked ..."
is "$(printf '%s' "$q" | wc -m)" 83 "  after 80 characters"

done_testing
