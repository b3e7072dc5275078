#!/bin/bash
# moderation.sh - posts held for the moderator on duty, decided by reply:
# who is asked, what a reply must carry (a valid token for this list and
# purpose, unexpired and unused, AND from the moderator it was sent
# to), what each
# decision does, and what never gets an answer (threats A8, B2-B6,
# C2-C4, F3).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/mailflow.sh"

sink_start
site_new
moot list create info --moderated --notify-held --description "Information Group" >/dev/null
moot list create ops --moderated >/dev/null
for m in mod1@one.example mod2@two.example mod3@three.example; do
	moot member add info $m --role moderator >/dev/null
done
moot member set info mod2@two.example --lang ar >/dev/null
moot member add info reader@four.example >/dev/null
moot member add ops mod1@one.example --role moderator >/dev/null
out=$(moot rota set info mod1@one.example mod2@two.example mod3@three.example)
like "$out" "on duty now: mod1@one.example" "rota set: the first name given has the turn in progress"
duty=$(moot rota info | sed -n 's/^on duty now: //p')
is "$duty" mod1@one.example "moot rota shows who is on duty: the first name"
turns=$(moot rota info | sed -n 's/^  .*  \(mod[123]@[a-z.]*\).*/\1/p' | tr '\n' ' ')
is "$turns" "mod1@one.example mod2@two.example mod3@three.example mod1@one.example mod2@two.example mod3@three.example " \
    "  and the next turns go round in the order given"
# Set again, in another order, on another day: still the first name's.
out=$(MOOT_NOW=2031-07-16T09:00:00Z moot rota set info mod3@three.example mod1@one.example mod2@two.example)
like "$out" "on duty now: mod3@three.example" "rota set on another day: the first name again"
moot rota set info mod1@one.example mod2@two.example mod3@three.example >/dev/null

# post FROM SUBJECT [LIST]: a post to info (or LIST) from FROM.
n_post=0
post_from() {
	n_post=$((n_post + 1))
	printf 'From: %s\nTo: %s@lists.example.org\nSubject: %s\nMessage-ID: <p%d@x.example>\n\nText of post %d.\n' \
	    "$1" "${3:-info}" "$2" "$n_post" "$n_post" >"$T/post.eml"
	moot inject --to "${3:-info}@lists.example.org" --from "$1" <"$T/post.eml"
}
# request_to ADDR: the moderation address in the newest request to ADDR.
request_to() {
	local f
	f=$(grep -l "^RCPT TO:<$1>" "$SINK_DIR"/*.env | sort | tail -1)
	[ -n "$f" ] || return 1
	grep -o '^Reply-To: [a-z0-9-]*-moderate+[a-z2-7]*@lists\.example\.org' \
	    "${f%.env}.eml" | head -1 | sed 's/^Reply-To: //'
}
# reply TOADDR FROM BODY [HEADER...]: a moderator's answer.
reply() {
	local to=$1 from=$2 body=$3
	shift 3
	{ printf 'From: %s\nTo: %s\nSubject: Re: request\n' "$from" "$to"
	  for h in "$@"; do printf '%s\n' "$h"; done
	  printf '\n%b\n' "$body"; } >"$T/reply.eml"
	moot inject --to "$to" --from "$from" <"$T/reply.eml"
}
state_of() { spool_state "$1"; }

# 1. A stranger's post: held; the moderator on duty, and only they, asked.
post_from stranger@x.example "Free English classes"
p1=$(last_id)
run
is "$(state_of $p1)" held "a stranger's post to a moderated list is held"
is "$(count_to "$duty")" 1 "the moderator on duty is asked"
is "$(for m in mod1@one.example mod2@two.example mod3@three.example; do count_to $m; done | paste -sd+ | bc)" 1 \
    "and nobody else"
is "$(count_to stranger@x.example)" 1 "the poster hears the post is waiting (--notify-held)"
addr=$(request_to "$duty")
like "$addr" "^info-moderate\+[a-z2-7]{26}@lists.example.org$" "the request's Reply-To carries a 26-character token"
req=$(cat "$(grep -l "^RCPT TO:<$duty>" "$SINK_DIR"/*.env | head -1 | sed 's/env$/eml/')")
like "$req" $'(^|\r\n)From: info moderation(\r\n)? <info-moderate\\+' "From: is the same address"
like "$req" "Text of post 1" "the post's text is in the request"
like "$req" "Content-Type: message/rfc822" "and the whole post is attached"
like "$req" $'\r\nAuto-Submitted: auto-generated\r\n' "the request is marked automatic"
like "$(moot held)" "stranger@x.example +Free English classes" "moot held lists the post"
like "$(moot held)" "asked: $duty" "and who was asked"

# 2. "approve" from the moderator on duty: the post goes to the list.
n0=$(ls "$SINK_DIR"/*.env | wc -l)
reply "$addr" "$duty" "Approve"
run
is "$(state_of $p1)" sent "approved by reply: sent"
is "$(count_to reader@four.example)" 1 "a member got it"
like "$(moot log info)" "approve +post $p1 +by $duty" "moot log shows who approved it"
is "$(spool_field "$p1" decided-by)" "$duty" "the decision is recorded with its moderator"

# 3. The same reply again (a replay) changes nothing and draws nothing.
n0=$(ls "$SINK_DIR"/*.env | wc -l)
reply "$addr" "$duty" "Approve"
run
is "$(ls "$SINK_DIR"/*.env | wc -l)" "$n0" "a replayed reply: no mail at all"
like "$(spool_reason "$(last_id)")" "used before \(a replay\)" "and the log says why"

# 4. "reject: off topic": the poster is told the reason.
post_from stranger2@x.example "Buy cheap watches"
p2=$(last_id)
run
addr=$(request_to "$duty")
reply "$addr" "$duty" "reject: off topic for this list"
run
is "$(state_of $p2)" rejected "rejected by reply"
f=$(grep -l "^RCPT TO:<stranger2@x.example>" "$SINK_DIR"/*.env | sort | tail -1)
like "$(cat "${f%.env}.eml")" "off topic for this list" "the poster is told the reason"
like "$(cat "${f%.env}.eml")" $'\r\nSubject: Your post to info was not sent' "in the post-rejected notice"
is "$(count_to reader@four.example)" 1 "members get nothing"

# 5. Who may not decide: a valid token from a non-moderator; a
#    moderator's From with a forged token (threat B3).
post_from stranger3@x.example "Question about housing"
p3=$(last_id)
run
addr=$(request_to "$duty")
n0=$(ls "$SINK_DIR"/*.env | wc -l)
reply "$addr" "reader@four.example" "approve"
run
is "$(state_of $p3)" held "a valid token from a non-moderator: still held"
like "$(grep 'reply ignored' "$T/mootd.log" | tail -1)" "<reader@four.example> is not the address the token was sent to" \
    "the log says why"
reply "info-moderate+abcdefghijklmnopqrstuvwxyz@lists.example.org" "$duty" "approve"
run
is "$(state_of $p3)" held "a moderator's From with a forged token: still held"
like "$(grep 'reply ignored' "$T/mootd.log" | tail -1)" "unknown or forged token abcdef\.\.\." "logged with six characters of it"
is "$(ls "$SINK_DIR"/*.env | wc -l)" "$n0" "neither drew any mail (no oracle)"
# Another moderator of the list answering with the token sent to the
# moderator on duty decides nothing either: a token is its addressee's.
other=mod3@three.example
[ "$duty" = mod3@three.example ] && other=mod2@two.example
reply "$addr" "$other" "approve"
run
is "$(state_of $p3)" held "another moderator with the duty moderator's token: still held (B3)"
like "$(grep 'reply ignored' "$T/mootd.log" | tail -1)" "<$other> is not the address the token was sent to" \
    "  the log says why"
is "$(ls "$SINK_DIR"/*.env | wc -l)" "$n0" "  and no mail is sent (no oracle)"

# 6. An automatic reply carrying the token decides nothing (B5); the
#    token still works afterwards.
reply "$addr" "$duty" "approve" "Auto-Submitted: auto-replied"
run
is "$(state_of $p3)" held "an out-of-office reply with the token: still held"
reply "$addr" "$duty" "> approve\n> (quoted)"
run
is "$(state_of $p3)" held "approve only inside a quotation: still held"
reply "$addr" "$duty" "\x01\x02 zz \xff"
run
is "$(state_of $p3)" held "a garbage reply: still held, nothing crashed"
reply "$addr" "$duty" "On Mon, moot wrote:\n> Text of post 3.\n\ndiscard\n-- \nsignature approve"
run
is "$(state_of $p3)" discarded "discard below a quotation: read right"
# The quote-only reply was the moderator's own, and unclear: answered
# once (moderation-unclear.sh); the garbage within the hour was not.
is "$(ls "$SINK_DIR"/*.env | wc -l)" "$((n0 + 1))" "discard sends nothing to anyone (one answer to an unclear reply before)"
like "$(newest_to "$duty")" "Subject: Nothing changed" "  that one answer went to the moderator"

# 7. An HTML-only reply.
post_from stranger4@x.example "Sale"
p4=$(last_id)
run
addr=$(request_to "$duty")
printf 'From: %s\nTo: %s\nSubject: Re: x\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n<html><body><div>Reject: not for us</div><blockquote>approve</blockquote></body></html>\n' \
    "$duty" "$addr" >"$T/html.eml"
moot inject --to "$addr" --from "$duty" <"$T/html.eml"
run
is "$(state_of $p4)" rejected "an HTML-only 'Reject: not for us': rejected"
is "$(spool_reason "$p4")" "not for us" "with the reason from the HTML"

# 8. Tokens in the wrong place (B2): another list's, a confirm token,
#    an expired one.
post_from stranger5@x.example "For ops" ops
p5=$(last_id)
run
opsaddr=$(request_to mod1@one.example)
like "$opsaddr" "^ops-moderate\+" "ops has its own request"
post_from stranger6@x.example "For info"
p6=$(last_id)
run
tok=${opsaddr#ops-moderate+}
tok=${tok%@*}
reply "info-moderate+$tok@lists.example.org" mod1@one.example "approve"
run
is "$(state_of $p6)" held "ops's token at info's address: nothing"
like "$(grep 'reply ignored' "$T/mootd.log" | tail -1)" "a token of another list" "the log says so"
# token.py makes tokens over the list's id, which no command shows.
info_id=$(db "SELECT id FROM list WHERE name = 'info'")
ctok=$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/token.py" "$SITE/var/secret" "$SITE/var/moot.db" \
    confirm "$info_id" "$p6" "$duty" 86400 "$(date -u -d "$T0" +%s)")
reply "info-moderate+$ctok@lists.example.org" "$duty" "approve"
run
is "$(state_of $p6)" held "a confirm token at a moderation address: nothing"
like "$(grep 'reply ignored' "$T/mootd.log" | tail -1)" "a confirm token at a moderation address" \
    "the log says so (and token.py's independent token was recognised)"
mtok=$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/token.py" "$SITE/var/secret" "$SITE/var/moot.db" \
    moderate "$info_id" "$p6" "$duty" 60 "$(( $(date -u -d "$T0" +%s) - 3600 ))")
reply "info-moderate+$mtok@lists.example.org" "$duty" "approve"
run
is "$(state_of $p6)" held "an expired token: nothing"
like "$(grep 'reply ignored' "$T/mootd.log" | tail -1)" "an expired token" "the log says so"
# A token lives as long as the post is held, but never past token_ttl
# (30d): on a list that holds posts 60 days, the request's token is dead
# on day 31 while the post still waits (hold-days.sh tests the rest).
moot list set info --hold-days 60 >/dev/null
MOOT_NOW=$(at 31*86400)
addr=$(request_to "$duty")
reply "$addr" "$duty" "approve"
run
is "$(state_of $p6)" held "the request's own token, 31 days on: expired (token_ttl is a ceiling)"
like "$(grep 'reply ignored' "$T/mootd.log" | tail -1)" "an expired token" "the log says so"
MOOT_NOW=$T0
moot list set info --hold-days 14 >/dev/null

# 9. Decisions in Arabic, from a moderator who speaks it.
post_from stranger7@x.example "Arabic"
p7=$(last_id)
run
moot member set info mod2@two.example --role moderator >/dev/null
# mod2 is asked as if escalated to everyone, by hand: no command asks.
db "INSERT OR IGNORE INTO asked (spool_id, addr, level, at) VALUES ($p7, 'mod2@two.example', 2, 0)"
a2tok=$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/token.py" "$SITE/var/secret" "$SITE/var/moot.db" \
    moderate "$info_id" "$p7" mod2@two.example 86400 "$(date -u -d "$T0" +%s)")
reply "info-moderate+$a2tok@lists.example.org" mod2@two.example "موافق"
run
is "$(state_of $p7)" sent "an Arabic 'approve' from an Arabic-speaking moderator: sent"

# 10. Two moderators answer: the first decides, the other is told.
post_from stranger8@x.example "Race"
p8=$(last_id)
run
a1=$(request_to "$duty")
other=mod1@one.example
[ "$duty" = mod1@one.example ] && other=mod3@three.example
otok=$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/token.py" "$SITE/var/secret" "$SITE/var/moot.db" \
    moderate "$info_id" "$p8" "$other" 86400 "$(date -u -d "$T0" +%s)")
reply "$a1" "$duty" "approve"
reply "info-moderate+$otok@lists.example.org" "$other" "reject: no"
run
is "$(state_of $p8)" sent "two answers in one run: the first decides"
is "$(log_count info " post $p8 +by ")" 1 "one decision in the audit log"
f=$(grep -l "^RCPT TO:<$other>" "$SINK_DIR"/*.env | sort | tail -1)
like "$(cat "${f%.env}.eml")" "was already decided:"$'\r\n'"approved, by $duty" "the other is told who decided first"

# 10b. The address a token was sent to must still moderate the list: a
#     token made out to a plain member (a moderator since demoted)
#     decides nothing (B3).
post_from stranger8b@x.example "Demoted"
p8b=$(last_id)
run
rtok=$("$PYTHON3" "$MOOT_SRCDIR/tests/lib/token.py" "$SITE/var/secret" "$SITE/var/moot.db" \
    moderate "$info_id" "$p8b" reader@four.example 86400 "$(date -u -d "$T0" +%s)")
n0=$(ls "$SINK_DIR"/*.env | wc -l)
reply "info-moderate+$rtok@lists.example.org" reader@four.example "approve"
run
is "$(state_of $p8b)" held "the token's own addressee, no longer a moderator: still held"
like "$(grep 'reply ignored' "$T/mootd.log" | tail -1)" "<reader@four.example> is not a moderator of info" \
    "  the log says why"
is "$(ls "$SINK_DIR"/*.env | wc -l)" "$n0" "  and nothing is sent"

# 11. An Approved: header does not approve (B6), and never goes out.
printf 'From: stranger9@x.example\nTo: info@lists.example.org\nSubject: pre-approved\nApproved: secret\nX-Approved: secret\nMessage-ID: <ap1@x>\n\nhello\n' >"$T/ap.eml"
moot inject --to info@lists.example.org --from stranger9@x.example <"$T/ap.eml"
run
p9=$(last_id)
is "$(state_of $p9)" held "a post with Approved: secret stays held"
moot approve "$p9" >/dev/null
run
f=$(grep -l "^RCPT TO:<reader@four.example>" "$SINK_DIR"/*.env | sort | tail -1)
is "$(grep -ci '^\(x-\)\?approved\?:' "${f%.env}.eml")" 0 "the copy sent carries no Approved header"
moot inject --to info@lists.example.org --from amira@one.example \
    <"$MOOT_SRCDIR/tests/data/mail/hostile/approved-parts.eml"
run
p9b=$(last_id)
is "$(state_of $p9b)" held "approvals in every MIME part: still held"
moot approve "$p9b" >/dev/null
run
f=$(grep -l "^RCPT TO:<reader@four.example>" "$SINK_DIR"/*.env | sort | tail -1)
like "$(cat "${f%.env}.eml")" "Subject: \[info\] Pre-approved, in every part" "  approved, it goes out"
is "$(grep -c 'secret' "${f%.env}.eml")" 0 "  with no approval in any part (B6)"

# 12. The command line: approve, reject, discard, and their errors.
post_from stranger10@x.example "cli"
p10=$(last_id)
run
out=$(moot reject "$p10" not this week)
like "$out" "post $p10 rejected" "moot reject ID REASON"
is "$(spool_reason "$p10")" "not this week" "with the reason"
out=$(moot approve "$p10" 2>&1)
is $? 1 "deciding twice: exit 1"
like "$out" "already rejected by cli:" "saying who decided"
out=$(moot discard 99999 2>&1)
is $? 1 "an unknown post: exit 1"
like "$(moot log info)" "reject +post $p10 +by cli:[a-z]+: not this week" "the log has the command line's decisions"

# 13. A control character in a subject is escaped (F3), and no log line
#     holds a whole token.
post_from stranger11@x.example $'Hello \x1b[2J world\x07'
run
like "$(moot held)" 'Hello \\x1b\[2J world\\x07' "moot held escapes ESC and BEL"
unlike "$(moot held)" $'\x1b' "no raw ESC reaches the terminal"
full=0
for t in $(grep -ho 'moderate+[a-z2-7]\{26\}' "$SINK_DIR"/*.eml | sort -u | cut -d+ -f2); do
	grep -q "$t" "$T/mootd.log" && full=$((full + 1))
done
is "$full" 0 "no whole token in the logs"

done_testing
